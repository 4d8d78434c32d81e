// The alerts inbox as a clinician works through it: the monitor's proposals opened from an
// alert and one accepted (the plan's next version; the server acknowledges the alerts the
// proposal answers), technique ids never shown raw; several alerts acknowledged at once with
// one note; the plan page offering the active plan's proposals.
import { expect, expectAccessible, signIn, test } from "./fixtures";

test("a proposal is opened from an alert and accepted, and several alerts are acknowledged at once", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/alerts");
  await signIn(page, "demo-ana");
  await expect(page.getByRole("heading", { name: "Alerts", level: 1 })).toBeVisible();
  const cards = page.locator(".alert-list article");
  await expect(cards.first()).toBeVisible();

  // c16's risk alert: what to do, then the monitor's proposals for the client's active plan.
  const risk = cards.filter({ hasText: "Risk item endorsed" }).filter({ hasText: "Demo client c16" });
  await expect(risk).toHaveCount(1);
  await risk.getByText("What to do").click();
  await expect(risk.locator(".alert-guidance li").first()).toBeVisible();
  await risk.getByRole("button", { name: "Proposals…" }).click();
  const proposals = risk.locator(".proposal-list li");
  await expect(proposals.first()).toContainText("Risk first");
  // Technique ids appear by their catalogue names, never as quoted ids.
  for (const text of await proposals.allTextContents()) expect(text).not.toMatch(/'[a-z0-9]+_[a-z0-9_]+'/);
  await expectAccessible(page, "alerts inbox with proposals open");
  await proposals.first().getByRole("button", { name: /^Accept into the plan: Risk first/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "Accepted" })).toContainText(
    "Accepted into Demo client c16's plan: the plan is now at version 2, and the alerts it answers are acknowledged.",
  );
  // The server acknowledged the risk alert the proposal answered: it leaves the open list.
  await expect(cards.filter({ hasText: "Demo client c16" }).filter({ hasText: "Risk item endorsed" })).toHaveCount(0);

  // Several at once: two clients' review-point alerts, one note.
  const review = (name: string) =>
    cards.filter({ hasText: "No reliable change by the review point" }).filter({ hasText: name });
  const before = await cards.count();
  await review("Demo client c04").getByRole("checkbox").check();
  await review("Demo client c07").getByRole("checkbox").check();
  const bulk = page.getByRole("form", { name: "Handle several alerts at once" });
  await expect(bulk).toContainText("2 alerts selected");
  await bulk.getByLabel("One note for the 2 selected alerts").fill("Both reviewed at today's team meeting.");
  await expectAccessible(page, "alerts inbox with two selected");
  await bulk.getByRole("button", { name: "Acknowledge 2 alerts" }).click();
  await expect(bulk.getByRole("status")).toHaveText("Acknowledged 2 alerts with one note.");
  await expect(cards).toHaveCount(before - 2);
  await expect(review("Demo client c04")).toHaveCount(0);
  await expect(review("Demo client c07")).toHaveCount(0);

  // The plan's history: version 2, made by accepting the proposal.
  await page.getByRole("link", { name: "Open the plan" }).click();
  const history = page.locator(".plan-timeline li.timeline-version");
  await expect(history).toHaveCount(2);
  await expect(history.nth(1)).toContainText("Version 2");
  await expect(history.nth(1)).toContainText("Risk first");
});

test("the active plan's page offers the monitor's proposals", async ({ page }) => {
  await page.goto("/");
  await signIn(page, "demo-ana");
  await page.getByLabel("Find a client").fill("c13");
  await page.getByRole("link", { name: "Demo client c13", exact: true }).click();
  await page.getByRole("link", { name: "All plans and new drafts" }).click();
  await page.getByRole("link", { name: /^Plan \d+$/ }).first().click();
  await expect(page.locator(".page-head .plan-status")).toHaveText("Active");
  const panel = page.locator(".client-side .proposals");
  await expect(panel.getByRole("heading", { name: "The monitor's proposals" })).toBeVisible();
  await expect(panel.locator(".proposal-list li").first()).toContainText("Risk first");
  await expect(panel.locator(".proposal-change").first()).toContainText("No change to the plan's content");
  await expectAccessible(page, "plan page with proposals");
});
