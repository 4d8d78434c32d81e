// The menu by role: each role's header reaches exactly its pages, every one of them opens
// without a refusal and passes axe; a page outside the role's says so. And the therapist
// profile: the signed-in clinician's competencies with evidence, home model and style.
import { expect, expectAccessible, test } from "./fixtures";
import { apiAs, screenshots, signInAs } from "./teamFixtures";

const MENUS: Record<string, string[]> = {
  "demo-ana": ["Caseload", "Alerts", "Consultations", "Practice", "My profile"],
  "demo-sue": ["Caseload", "Alerts", "Consultations", "Practice", "My profile"],
  "demo-admin": ["Caseload", "Practice", "My profile", "Accounts", "Teams", "Audit log", "Access history"],
};

for (const [username, menu] of Object.entries(MENUS)) {
  test(`${username}'s menu reaches exactly the pages the role can use`, async ({ page }) => {
    await page.goto("/");
    await signInAs(page, username);
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link")).toHaveText(menu);
    for (const label of menu) {
      await nav.getByRole("link", { name: label }).click();
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expect(page.getByRole("heading", { name: "Not available to your role" })).toHaveCount(0);
      await expect(page.locator(".problem")).toHaveCount(0);
      await expectAccessible(page, `${label} as ${username}`);
    }
    if (username === "demo-admin") {
      await page.goto("/alerts");
      await expect(page.getByRole("heading", { name: "Not available to your role", level: 1 })).toBeVisible();
    }
  });
}

test("a clinician's profile shows competencies with evidence, home model and style", async ({ page }) => {
  const ana = await apiAs("demo-ana");
  const cbt = (await ana.call("GET", "/api/v1/catalog/models/cbt")) as { name: string };
  await page.goto("/");
  await signInAs(page, "demo-ana");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My profile" }).click();
  await expect(page.getByRole("heading", { name: "Ana (CBT)", level: 1 })).toBeVisible();
  const cbtName = new RegExp(cbt.name, "i"); // shown with a capital letter
  await expect(page.getByText(/^Home model:/)).toContainText(cbtName);
  const competencies = page.locator(".competencies > li");
  await expect(competencies).toHaveCount(3);
  await expect(competencies.first()).toContainText(cbtName);
  await expect(competencies.first()).toContainText("Expert");
  await expect(competencies.first()).toContainText("Training: demo training record");
  await expect(page.locator(".style-scale").filter({ hasText: "Directiveness" })).toContainText("+2, therapist-directed");
  await expect(page.locator(".style-scale").filter({ hasText: "Challenge" })).toContainText("+1, focused challenge");
  await expect(page.locator(".style-scale").filter({ hasText: "Time focus" })).toContainText("Not recorded");
  await expectAccessible(page, "the therapist profile");
  await screenshots(page, "50-profile");
});
