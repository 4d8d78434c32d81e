// A session in the real app: record attendance and the techniques used with their
// helpfulness, give a PHQ-9 on the spot (the form from the instrument's definition refuses to
// score until every item is answered), see the score, the risk flag, the monitor's conclusion
// and the alert at once; a CORE-10 with one item skipped, as its definition allows; the alert
// then waits on the client's page. Every page is checked with axe-core.
import { expect, expectAccessible, signIn, test } from "./fixtures";

test("a clinician records a session, gives a PHQ-9 and sees the score, the monitor's conclusion and the alert", async ({ page }) => {
  // Four axe-core scans and two questionnaires on a shared two-core machine.
  test.setTimeout(180_000);
  await page.goto("/");
  await signIn(page, "demo-ana");
  const row = page.locator("table.caseload tbody tr").filter({ hasNot: page.getByText("No scores", { exact: true }) }).first();
  const name = (await row.locator("th a").textContent()) ?? "";
  await row.locator("th a").click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await page.getByRole("link", { name: "Record a session" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Record a session" })).toBeVisible();
  await expect(page.getByRole("radio", { name: "Attended" })).toBeChecked();
  const technique = page.getByRole("combobox", { name: "Technique 1" });
  await expect(technique.locator("optgroup[label='In the current plan'] option").first()).toBeAttached();
  const planned = await technique.locator("optgroup[label='In the current plan'] option").first().textContent();
  await technique.selectOption({ label: planned ?? "" });
  await page.getByRole("combobox", { name: "Helpfulness" }).selectOption("7");
  await expectAccessible(page, "record a session");
  await page.getByRole("button", { name: "Record session" }).click();

  await expect(page).toHaveURL(/\/clients\/\d+\/sessions\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name: /^Session of / })).toBeVisible();
  await expect(page.getByText(`${planned} · helpfulness 7 of 10`)).toBeVisible();
  await expect(page.getByText("None given yet.")).toBeVisible();
  await expectAccessible(page, "a session");

  await page.getByRole("button", { name: /^PHQ-9/ }).click();
  await expect(page).toHaveURL(/\?give=phq9$/);
  const items = page.locator("ol.items > li");
  await expect(items).toHaveCount(9);
  await expect(items.nth(8)).toContainText("Risk item");
  // A sum cannot be scored with a blank: no item offers a skip, and scoring early is refused.
  await expect(page.getByText("Skip (not answered)")).toHaveCount(0);
  await items.nth(0).getByRole("radio", { name: /^Nearly every day/ }).check();
  await page.getByRole("button", { name: "Score the PHQ-9" }).click();
  await expect(page.getByRole("alert")).toContainText("question 2, 3, 4, 5, 6, 7, 8, 9 are still open");
  await expect(items.nth(1).locator("fieldset")).toBeFocused();
  await expectAccessible(page, "a questionnaire with questions still open");
  for (let itemIdx = 1; itemIdx < 8; itemIdx++) {
    await items.nth(itemIdx).getByRole("radio", { name: /^More than half the days/ }).check();
  }
  await items.nth(8).getByRole("radio", { name: /^Several days/ }).check();
  await expect(page.getByText("9 of 9 answered: ready to score.")).toBeVisible();
  await page.getByRole("button", { name: "Score the PHQ-9" }).click();

  // 3 + 7 × 2 + 1 = 18: moderately severe (the PHQ-9 file's bands), and item 9 endorsed.
  const result = page.locator("section.result");
  await expect(result.getByRole("heading", { name: "PHQ-9: 18 moderately severe" })).toBeFocused();
  await expect(result.locator(".flag")).toContainText("PHQ-9 item 9");
  await expect(result.getByRole("heading", { name: "What the monitor concluded" })).toBeVisible();
  await expect(result.locator(".verdict")).not.toBeEmpty();
  await expect(result.locator(".raised")).toContainText("Risk item endorsed");
  await expect(page.locator("ul.given")).toContainText("PHQ-9 18");
  await expectAccessible(page, "a scored questionnaire");

  // CORE-10 is prorated from nine answers: one item may be skipped, a second may not.
  await page.getByRole("button", { name: "Give another questionnaire" }).click();
  await page.getByRole("button", { name: /^CORE-10/ }).click();
  const core = page.locator("ol.items > li");
  await expect(core).toHaveCount(10);
  await core.nth(1).getByRole("radio", { name: "Skip (not answered)" }).check();
  await expect(core.nth(2).getByRole("radio", { name: "Skip (not answered)" })).toHaveCount(0);
  for (let itemIdx = 0; itemIdx < 10; itemIdx++) {
    if (itemIdx !== 1) await core.nth(itemIdx).getByRole("radio", { name: /^Sometimes/ }).check();
  }
  await page.getByRole("button", { name: "Score the CORE-10" }).click();
  await expect(page.locator("section.result")).toContainText("Prorated from 9 of 10 answered items.");

  // The alert waits on the client's page.
  await page.getByRole("link", { name: `Back to ${name}'s chart` }).click();
  await expect(page.locator(".client-side .alert-list")).toContainText("Risk item endorsed");
});

test("a session with a did-not-attend records no techniques", async ({ page }) => {
  await page.goto("/");
  await signIn(page, "demo-ana");
  await page.locator("table.caseload tbody tr th a").first().click();
  await page.getByRole("link", { name: "Record a session" }).click();
  await page.getByRole("radio", { name: "Did not attend" }).check();
  await expect(page.getByRole("combobox", { name: "Technique 1" })).toHaveCount(0);
  await page.getByRole("button", { name: "Record session" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Session of / })).toBeVisible();
  await expect(page.locator(".lede")).toContainText("Did not attend");
  await expect(page.getByText("None recorded")).toBeVisible();
});

test("a total scored elsewhere is entered instead of the items, and a total the questionnaire cannot produce is refused", async ({ page }) => {
  await page.goto("/");
  await signIn(page, "demo-ana");
  await page.getByLabel("Find a client").fill("c19");
  await page.getByRole("link", { name: "Demo client c19", exact: true }).click();
  await page.getByRole("link", { name: "Record a session" }).click();
  await page.getByRole("button", { name: "Record session" }).click();
  await page.getByRole("button", { name: /^GAD-7/ }).click();
  await page.getByText("Scored elsewhere? Enter the GAD-7 total instead").click();
  const total = page.getByLabel("GAD-7 total");
  await expectAccessible(page, "entering a total scored elsewhere");
  // GAD-7 totals are whole numbers: the server names the rule and nothing is stored.
  await total.fill("9.5");
  await page.getByRole("button", { name: "Record the total" }).click();
  await expect(page.locator(".total-entry").getByRole("alert")).toContainText("total");
  await total.fill("9");
  await page.getByRole("button", { name: "Record the total" }).click();
  await expect(page.locator("section.result").getByRole("heading", { name: "GAD-7: 9 mild" })).toBeVisible();
});
