// The plan builder in the real app: every strategy drafted and compared side by side, one
// kept (the other drafts discarded with the reason), why a technique is in the plan and why
// another is not, the client's choice making a new version, and sign-off by both parties
// making the draft the active plan and superseding the old one. Every page is checked with
// axe-core.
import { expect, expectAccessible, signIn, test } from "./fixtures";

const STRATEGIES = ["Eclectic", "Sequential", "Selective synthesis", "Assimilative", "Integrative model"];

test("a clinician compares every strategy, keeps one, records the client's choice and both sign it", async ({ page }) => {
  // Five plans drafted and four axe-core scans of long pages on a shared two-core machine.
  test.setTimeout(240_000);
  await page.goto("/");
  await signIn(page, "demo-ana");
  await page.locator("table.caseload tbody tr th a").first().click();
  await expect(page.getByRole("heading", { name: "Treatment plan" })).toBeVisible();
  await page.getByRole("link", { name: "All plans and new drafts" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Treatment plans" })).toBeVisible();
  const plans = page.locator("section[aria-labelledby=plans-heading] tbody tr");
  await expect(plans.filter({ hasText: "Active" })).toHaveCount(1);
  const activeBefore = (await plans.filter({ hasText: "Active" }).locator("th").textContent()) ?? "";
  await expectAccessible(page, "treatment plans");

  await page.getByRole("button", { name: "Compare every strategy side by side" }).click();
  const comparison = page.locator(".comparison-table");
  await expect(comparison).toBeVisible();
  await expect(page).toHaveURL(/\?compare=\d+(%2C|,)\d+/);
  const headers = comparison.locator("thead th");
  await expect(headers).toHaveCount(5);
  for (const [columnIdx, strategy] of STRATEGIES.entries()) {
    await expect(headers.nth(columnIdx)).toContainText(strategy);
    await expect(headers.nth(columnIdx)).toContainText("Draft");
  }
  await expect(comparison.getByRole("row", { name: /Target coverage/ })).toContainText("mechanisms");
  await expect(comparison.getByRole("row", { name: /Fit \(mean, lowest\)/ })).toContainText(/0\.\d\d/);
  await expectAccessible(page, "strategies side by side");

  await page.getByRole("button", { name: "Keep this one: Eclectic" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Eclectic plan" })).toBeVisible();
  await expect(page.locator(".page-head .plan-status")).toHaveText("Draft");

  // Why this technique: the fit's parts with the planner's reasons.
  const first = page.locator(".plan-techniques > li").first();
  await first.getByText("Why this technique?").click();
  await expect(first.getByRole("rowheader", { name: "evidence" })).toBeVisible();
  await expect(first.getByRole("rowheader", { name: "target coverage" })).toBeVisible();
  // Why not that one: a technique a rule left out names the rule.
  await page.getByText(/^Every technique left out by a rule/).click();
  const leftOut = (await page.locator("ul.excluded li strong").first().textContent()) ?? "";
  await page.getByRole("combobox", { name: "Technique" }).selectOption({ label: leftOut });
  await expect(page.locator(".why-answer")).toContainText(`${leftOut}: left out by a rule`);
  await expectAccessible(page, "a draft plan");

  // The client chooses one of the options: a new version.
  const choices = page.locator("section[aria-labelledby=choices-heading]");
  const option = choices.getByRole("radio").first();
  const chosen = (await option.locator("xpath=..").textContent()) ?? "";
  await option.check();
  await choices.getByRole("button", { name: "Record the client's choices" }).click();
  await expect(choices.getByRole("status")).toContainText("version 2 of the plan");
  await expect(page.locator(".lede")).toContainText("version 2");
  await expect(choices.locator("legend").first()).toContainText(`chose ${chosen.trim()}`);

  // The client declines one planned technique: taken out of the plan, a new version.
  const declines = choices.locator("fieldset.declines");
  const declinedBox = declines.getByRole("checkbox").last();
  const declinedName = ((await declinedBox.locator("xpath=..").textContent()) ?? "").trim();
  const techniques = page.locator("section[aria-labelledby=phases-heading] .technique-line strong");
  await expect(techniques.filter({ hasText: declinedName })).not.toHaveCount(0);
  await declinedBox.check();
  await expectAccessible(page, "a technique declined in the choices form");
  await choices.getByRole("button", { name: "Record the client's choices" }).click();
  await expect(choices.getByRole("status")).toContainText("version 3 of the plan");
  await expect(techniques.filter({ hasText: declinedName })).toHaveCount(0);
  await expect(declines.getByRole("checkbox", { name: declinedName })).toHaveCount(0);
  const history = page.locator(".plan-timeline");
  await expect(history.locator("li.timeline-version")).toHaveCount(3);

  // Both parties sign version 3: the draft becomes the active plan.
  await page.getByRole("button", { name: "Sign version 3" }).click();
  await expect(page.locator(".sign-offs")).toContainText("Signed by you as clinician");
  await expect(page.locator(".page-head .plan-status")).toHaveText("Draft");
  await page.getByRole("combobox", { name: "How the client agreed" }).selectOption("by_phone");
  await page.getByRole("button", { name: "Record the client's agreement" }).click();
  await expect(page.locator(".page-head .plan-status")).toHaveText("Active");
  await expect(page.locator(".sign-offs")).toContainText("Client agreed by phone");
  await expect(page.locator(".plan-timeline")).toContainText("Active (version 3)");
  await expectAccessible(page, "an active plan");

  // The episode's plans: this one active, the old one superseded, the other drafts discarded.
  await page.getByRole("link", { name: "Treatment plans" }).click();
  await expect(plans.filter({ hasText: "Active" })).toHaveCount(1);
  await expect(plans.filter({ hasText: "Active" })).toContainText("Eclectic");
  await expect(plans.filter({ hasText: activeBefore })).toContainText("Superseded");
  await expect(plans.filter({ hasText: "Discarded" })).toHaveCount(4);
  await expect(plans.filter({ hasText: "Draft" })).toHaveCount(0);
});

test("a draft can be discarded with a reason", async ({ page }) => {
  await page.goto("/");
  await signIn(page, "demo-ana");
  await page.locator("table.caseload tbody tr th a").nth(1).click();
  await page.getByRole("link", { name: "All plans and new drafts" }).click();
  await page.getByRole("radio", { name: /^Sequential/ }).check();
  await page.getByRole("button", { name: "Draft this plan" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sequential plan" })).toBeVisible();
  await page.getByText("Discard this draft…").click();
  await page.getByLabel("Why it is set aside").fill("The client prefers to wait until after the holidays.");
  await page.getByRole("button", { name: "Discard the draft" }).click();
  await expect(page.locator(".page-head .plan-status")).toHaveText("Discarded");
  await expect(page.locator(".plan-timeline")).toContainText("The client prefers to wait until after the holidays.");
  await expect(page.getByRole("button", { name: /^Sign version/ })).toHaveCount(0);
});

test("on a phone the strategies are compared as one card each and a plan is read, without scrolling sideways", async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/");
  await signIn(page, "demo-ana");
  await page.locator("table.caseload tbody tr th a").nth(2).click();
  await page.getByRole("link", { name: "All plans and new drafts" }).click();
  await page.getByRole("button", { name: "Compare every strategy side by side" }).click();
  const cards = page.locator(".comparison-card");
  await expect(cards).toHaveCount(5);
  await expect(page.locator(".comparison-table")).toBeHidden();
  for (const [cardIdx, strategy] of STRATEGIES.entries()) {
    await expect(cards.nth(cardIdx).getByRole("heading", { level: 3 })).toContainText(strategy);
    await expect(cards.nth(cardIdx)).toContainText("Target coverage");
  }
  await expect(cards.first()).toContainText(/Fit \(mean, lowest\)\s*0\.\d\d/);
  // Each strategy's "keep" button once: the hidden table's are out of reach.
  await expect(page.getByRole("button", { name: "Keep this one: Eclectic" })).toHaveCount(1);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(wide).toBeLessThanOrEqual(390);
  await expectAccessible(page, "strategies compared on a phone");
  await page.getByRole("button", { name: "Close the comparison (keep the drafts)" }).click();
  await expect(cards).toHaveCount(0);

  // A plan with "why this technique" open fits the phone too.
  await page.getByRole("link", { name: /^Plan \d+$/ }).first().click();
  await page.getByText("Why this technique?").first().click();
  await expect(page.locator(".why-table").first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
