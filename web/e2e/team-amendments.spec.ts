// A recorded session is amended, never edited in place (issue 17): the form opens filled in from
// the session, asks why, and saves a new version; the session page shows who amended it, when and
// why, with the earlier version folded under it, and the earlier version's address leads to the
// current one. The reason (a stored-XSS payload here) is shown as text. Every page passes axe.
import { expect, expectAccessible, signIn, test, XSS_NAME } from "./fixtures";
import { screenshots } from "./teamFixtures";

test("a session is amended with a reason; the earlier version stays, folded under the new one", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto("/");
  await signIn(page, "demo-ana");
  // A client in care with scores (not the XSS client the setup made, which has no episode).
  await page
    .locator("table.caseload tbody tr")
    .filter({ hasNot: page.getByText("No scores", { exact: true }) })
    .first()
    .locator("th a")
    .click();
  await page.getByRole("link", { name: "Record a session" }).click();
  const technique = page.getByRole("combobox", { name: "Technique 1" });
  await expect(technique.locator("option").nth(1)).toBeAttached();
  const chosen = (await technique.locator("optgroup option").first().textContent()) ?? "";
  await technique.selectOption({ label: chosen });
  await page.getByRole("combobox", { name: "Helpfulness" }).selectOption("5");
  await page.getByRole("button", { name: "Record session" }).click();
  await expect(page).toHaveURL(/\/clients\/\d+\/sessions\/\d+$/);
  const originalUrl = page.url();
  await expect(page.getByText(`${chosen} · helpfulness 5 of 10`)).toBeVisible();

  await page.getByRole("link", { name: "Amend the session…" }).click();
  await expect(page).toHaveURL(/\/sessions\/\d+\/amend$/);
  await expect(page.getByRole("heading", { level: 1, name: /^Amend the session of / })).toBeVisible();
  // Filled in from the session as recorded.
  await expect(page.getByRole("radio", { name: "Attended" })).toBeChecked();
  await expect(page.getByRole("combobox", { name: "Technique 1" }).locator("option:checked")).toHaveText(chosen);
  await expect(page.getByRole("combobox", { name: "Helpfulness" })).toHaveValue("5");
  await page.getByRole("combobox", { name: "Helpfulness" }).selectOption("8");
  // Without a reason the form is not sent.
  await page.getByRole("button", { name: "Save the amendment" }).click();
  await expect(page).toHaveURL(/\/amend$/);
  const reason = `${XSS_NAME} the client rated it 8, not 5`;
  await page.getByLabel("Why amend the session").fill(reason);
  await expectAccessible(page, "amending a session");
  await screenshots(page, "amend-session-form");
  await page.getByRole("button", { name: "Save the amendment" }).click();

  await expect(page).toHaveURL(/\/clients\/\d+\/sessions\/\d+$/);
  expect(page.url()).not.toBe(originalUrl);
  const recorded = page.locator("aside[aria-labelledby=recorded-heading]");
  await expect(recorded.getByText(`${chosen} · helpfulness 8 of 10`)).toBeVisible();
  await expect(recorded.locator(".amendment-note")).toContainText(/Amended on \d{1,2} \w{3} \d{4}.* by you/);
  await expect(recorded.locator(".amendment-note")).toContainText(`“${reason}”`);
  await recorded.getByText("The earlier version").click();
  const earlier = recorded.locator(".session-earlier li");
  await expect(earlier).toHaveCount(1);
  await expect(earlier).toContainText(/Recorded .* by you; amended on .* by you/);
  await expect(earlier).toContainText(`${chosen} (helpfulness 5)`);
  await expect(earlier.locator(".amendment-reason")).toHaveText(`Why: ${reason}`);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  await expectAccessible(page, "an amended session");
  await screenshots(page, "amended-session");

  // The earlier version's address says it was amended and leads to the current one.
  const currentUrl = page.url();
  await page.goto(originalUrl);
  await expect(page.getByText(/This is an earlier version of the session of .*; it was amended since\./)).toBeVisible();
  await page.getByRole("link", { name: "Open the current version" }).click();
  await expect(page).toHaveURL(currentUrl);
});
