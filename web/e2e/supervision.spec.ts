// A supervisor's day (issue 15; docs/decisions/0210-supervision-read-access.md): demo-sue signs
// in to her team's caseload (Ana's and Ben's clients, each with its lead clinician, none of
// Cleo's), switches to her own (empty) list and back, and opens a client of the team to read it.
// axe-core on both views; with TESSERA_SCREENSHOTS, screenshots at 1366x900 and 390x844.
import { expect, expectAccessible, signIn, test } from "./fixtures";

const directory = process.env.TESSERA_SCREENSHOTS;

test("a supervisor sees the team caseload with each client's lead clinician", async ({ page }) => {
  await page.goto("/");
  await signIn(page, "demo-sue");
  // Her first sign-in shows her note key's recovery code once (recovery.spec.ts tests it).
  const recovery = page.getByRole("heading", { name: "Write down your recovery code" });
  const team = page.getByRole("heading", { name: "Team caseload" });
  await expect(recovery.or(team)).toBeVisible();
  if (await recovery.isVisible()) {
    await page.getByLabel("I have written the recovery code down somewhere safe").check();
    await page.getByRole("button", { name: "Continue" }).click();
  }
  await expect(team).toBeVisible();
  await expect(page.getByRole("button", { name: "My team" })).toHaveAttribute("aria-pressed", "true");
  const rows = page.locator("table.caseload tbody tr");
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThan(3);
  await expect(page.getByRole("columnheader", { name: "Lead clinician" })).toBeVisible();
  const leads = new Set(await page.locator('td[data-label="Lead clinician"]').allTextContents());
  expect([...leads].sort()).toEqual(["Ana (CBT)", "Ben (psychodynamic)"]);
  await expectAccessible(page, "team caseload");
  if (directory) {
    for (const size of [
      { name: "desktop", width: 1366, height: 900 },
      { name: "phone", width: 390, height: 844 },
    ]) {
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.screenshot({ path: `${directory}/${size.name}-team-caseload.png`, fullPage: false });
    }
    await page.setViewportSize({ width: 1366, height: 900 });
  }

  // Her own caseload: no care team of hers, said in words; no lead column.
  await page.getByRole("button", { name: "My clients" }).click();
  await expect(page.getByRole("heading", { name: "Caseload", exact: true })).toBeVisible();
  await expect(page.getByText("No clients on your care teams yet.")).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Lead clinician" })).toHaveCount(0);
  await expectAccessible(page, "own caseload of a supervisor");

  // Back to the team; a client opens for reading.
  await page.getByRole("button", { name: "My team" }).click();
  const first = page.locator("table.caseload tbody tr").first().locator("th a");
  const name = (await first.textContent()) ?? "";
  await first.click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
});
