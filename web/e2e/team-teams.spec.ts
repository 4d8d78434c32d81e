// The admin's Teams page (issue 17): every team with its supervisors and clinicians; a team
// created (its name, a stored-XSS payload, shown as text), renamed and given a clinician.
import { expect, expectAccessible, test, XSS_NAME } from "./fixtures";
import { screenshots, signInAs } from "./teamFixtures";

test("an admin creates a team, renames it and adds a clinician", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/");
  await signInAs(page, "demo-admin");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Teams" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Teams" })).toBeVisible();
  const demoTeam = page.locator("section.team").filter({ hasText: "Ana and Ben (supervised by Sue)" });
  await expect(demoTeam.locator(".team-members")).toContainText("demo-sue");
  await expect(demoTeam.locator(".team-members")).toContainText("demo-ana, demo-ben");

  const name = `${XSS_NAME} night team`;
  await page.getByLabel("New team's name").fill(name);
  await page.getByRole("button", { name: "Create the team" }).click();
  const created = page.locator("section.team").filter({ has: page.getByRole("heading", { level: 2, name }) });
  await expect(created).toHaveCount(1);
  await expect(created.locator(".team-members")).toContainText("None yet");
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();

  await created.getByRole("button", { name: `Rename ${name}` }).click();
  await created.getByLabel("New name").fill("Night team");
  await expectAccessible(page, "renaming a team");
  await created.getByRole("button", { name: "Save the name" }).click();
  const night = page.locator("section.team").filter({ has: page.getByRole("heading", { level: 2, name: "Night team" }) });
  await expect(night).toHaveCount(1);

  await night.getByLabel("Add a member").selectOption({ label: "demo-cleo (clinician)" });
  await night.getByRole("button", { name: "Add to Night team" }).click();
  await expect(night.locator(".team-members")).toContainText("demo-cleo");
  await expectAccessible(page, "the teams page");
  await screenshots(page, "teams");
});
