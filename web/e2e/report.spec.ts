// The printable progress report: the client page printed (the browser saves it as PDF) shows
// the chart, the scores (unfolded), the outcome in words and the active plan, without the
// navigation, buttons, alerts or session links.
import { expect, expectAccessible, signIn, test } from "./fixtures";

test("a client's progress report prints the chart, scores, outcome and plan, and nothing else", async ({ page }) => {
  // The browser's print dialog is not opened in a test: the page's call is recorded instead.
  await page.addInitScript(() => {
    window.print = () => {
      (window as unknown as { __printed: boolean }).__printed = true;
    };
  });
  await page.goto("/");
  await signIn(page, "demo-ana");
  await page.getByLabel("Find a client").fill("c01");
  await page.getByRole("link", { name: "Demo client c01", exact: true }).click();
  await expect(page.locator(".progress-chart canvas").first()).toBeVisible();
  await expectAccessible(page, "client page with the print button");
  await page.getByRole("button", { name: "Print the progress report" }).click();
  expect(await page.evaluate(() => (window as unknown as { __printed?: boolean }).__printed)).toBe(true);

  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".report-title")).toContainText("Progress report · printed");
  await expect(page.getByRole("heading", { name: "Demo client c01", level: 1 })).toBeVisible();
  await expect(page.locator(".progress-chart canvas").first()).toBeVisible();
  await expect(page.locator("p.course").first()).not.toBeEmpty();
  // The scores table is unfolded for printing.
  await expect(page.locator(".scores-table table").first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "Treatment plan" })).toBeVisible();
  for (const hidden of [".top-bar", ".breadcrumb", ".head-actions"]) await expect(page.locator(hidden)).toBeHidden();
  await expect(page.getByRole("heading", { name: "Open alerts" })).toBeHidden();
  await expect(page.getByRole("heading", { name: "Recent sessions" })).toBeHidden();
  const shots = process.env.TESSERA_SCREENSHOTS;
  if (shots) await page.screenshot({ path: `${shots}/print-13-progress-report.png`, fullPage: true });
  await page.emulateMedia({ media: "screen" });
  await expect(page.locator(".report-title")).toBeHidden();
});
