// An adaptation accepted where the clinician sees it: a PHQ-9 that has reliably deteriorated
// shows the monitor's proposals with the score, and accepting one makes the next version of
// the active plan.
import { expect, expectAccessible, signIn, test } from "./fixtures";

test("a deteriorating PHQ-9 shows the monitor's proposals and one is accepted into the plan", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto("/");
  await signIn(page, "demo-ana");
  // c10 of the demo practice started the episode on a PHQ-9 of 14: 24 is a reliable deterioration.
  await page.getByLabel("Find a client").fill("c10");
  await page.getByRole("link", { name: "Demo client c10", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Treatment plan" })).toBeVisible();
  await page.getByRole("link", { name: "Record a session" }).click();
  await page.getByRole("button", { name: "Record session" }).click();
  await page.getByRole("button", { name: /^PHQ-9/ }).click();
  const items = page.locator("ol.items > li");
  for (let itemIdx = 0; itemIdx < 8; itemIdx++) {
    await items.nth(itemIdx).getByRole("radio", { name: /^Nearly every day/ }).check();
  }
  await items.nth(8).getByRole("radio", { name: /^Not at all/ }).check();
  await page.getByRole("button", { name: "Score the PHQ-9" }).click();

  const result = page.locator("section.result");
  await expect(result.getByRole("heading", { name: "PHQ-9: 24 severe" })).toBeVisible();
  await expect(result.locator(".verdict")).toHaveText("Reliable deterioration");
  await expect(result.locator(".raised")).toContainText("Reliable deterioration");
  const proposals = result.locator(".proposals li");
  await expect(proposals.first()).toBeVisible();
  await expectAccessible(page, "a deteriorating score with proposals");
  await proposals.first().getByRole("button", { name: /^Accept into the plan/ }).click();
  await expect(result.getByRole("status")).toContainText("Accepted: the plan is now at version 2.");
  await result.getByRole("link", { name: "Open the plan" }).click();
  await expect(page.locator(".lede")).toContainText("version 2");
  await expect(page.locator(".page-head .plan-status")).toHaveText("Active");
});
