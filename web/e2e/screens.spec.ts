// Screenshots of every page at desktop (1280x800) and phone (390x844) sizes, for looking at
// the app (not a test of it): runs only with TESSERA_SCREENSHOTS=<directory>.
import { signIn, test } from "./fixtures";

const directory = process.env.TESSERA_SCREENSHOTS;
const sizes = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 390, height: 844 },
];

for (const size of sizes) {
  test(`screenshots at ${size.name} size`, async ({ page }) => {
    test.skip(!directory, "set TESSERA_SCREENSHOTS to a directory to take screenshots");
    test.setTimeout(180_000);
    await page.setViewportSize({ width: size.width, height: size.height });
    const shot = (name: string) =>
      page.screenshot({ path: `${directory}/${size.name}-${name}.png`, fullPage: true });
    await page.goto("/");
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await shot("1-sign-in");
    await signIn(page, "demo-ana");
    await page.locator("table.caseload tbody tr").first().waitFor();
    await shot("2-caseload");
    const scored = page
      .locator("table.caseload tbody tr")
      .filter({ hasNot: page.getByText("No scores", { exact: true }) })
      .first();
    await scored.locator("th a").click();
    await page.locator(".progress-chart canvas").first().waitFor();
    await page.waitForTimeout(300);
    await shot("3-client");
    const clientUrl = page.url();
    await page.getByRole("link", { name: "Record a session" }).click();
    await page.getByRole("heading", { name: "Record a session", level: 1 }).waitFor();
    await page.getByRole("combobox", { name: "Technique 1" }).selectOption({ index: 1 });
    await page.getByRole("combobox", { name: "Helpfulness" }).selectOption("6");
    await shot("5-record-session");
    await page.getByRole("button", { name: "Record session" }).click();
    await page.getByRole("heading", { name: /^Session of /, level: 1 }).waitFor();
    await shot("6-session");
    await page.getByRole("button", { name: /^PHQ-9/ }).click();
    const items = page.locator("ol.items > li");
    for (let itemIdx = 0; itemIdx < 5; itemIdx++) {
      await items.nth(itemIdx).getByRole("radio", { name: /^Several days/ }).check();
    }
    await shot("7-questionnaire");
    await page.getByText("Scored elsewhere? Enter the PHQ-9 total instead").click();
    await shot("7b-total-entry");
    await page.getByText("Scored elsewhere? Enter the PHQ-9 total instead").click();
    for (let itemIdx = 5; itemIdx < 9; itemIdx++) {
      await items.nth(itemIdx).getByRole("radio", { name: /^Not at all/ }).check();
    }
    await page.getByRole("button", { name: "Score the PHQ-9" }).click();
    await page.locator("section.result").waitFor();
    await shot("8-questionnaire-scored");
    await page.goto(clientUrl);
    await page.getByRole("heading", { name: "Open alerts" }).waitFor();
    await page.getByRole("link", { name: "All plans and new drafts" }).click();
    await page.getByRole("heading", { name: "Treatment plans", level: 1 }).waitFor();
    await page.getByRole("button", { name: "Compare every strategy side by side" }).click();
    await page.locator(".comparison-table:visible, .comparison-card:visible").first().waitFor();
    await shot("9-plans-compared");
    await page.getByRole("button", { name: /^Keep this one/ }).first().click();
    await page.getByRole("heading", { name: "Phases and techniques" }).waitFor();
    await page.getByText("Why this technique?").first().click();
    await shot("10-plan");
    await page.goto(clientUrl);
    await page.getByRole("link", { name: "Notes", exact: true }).click();
    await page.getByLabel("New progress note").fill("Reviewed the activity diary; two of three activities done.");
    await page.getByRole("button", { name: "Save progress note" }).click();
    await page.locator("ol.notes li").first().waitFor();
    await page.getByLabel("New psychotherapy note").fill("Half-written when the session ended");
    await page.reload();
    await page.locator(".draft-offer").waitFor();
    await shot("11-notes");
    await page.getByRole("link", { name: "Alerts" }).click();
    await page.locator(".alert-list article").first().waitFor();
    await shot("4-alerts");
    const risk = page.locator(".alert-list article").filter({ hasText: "Risk item endorsed" }).first();
    await risk.getByRole("checkbox").check();
    await page.locator(".alert-list article").nth(1).getByRole("checkbox").check();
    await risk.getByText("What to do").click();
    await risk.getByRole("button", { name: "Proposals…" }).click();
    await risk.locator(".proposal-list li").first().waitFor();
    await shot("4b-alerts-proposals");
  });
}
