// The psychotherapy-note key's recovery code: shown once, after the sign-in that created the
// key, with a "write this down" step that must be confirmed; never again after that. demo-sue
// (a supervisor) signs in only here.
import { expect, expectAccessible, signIn, test } from "./fixtures";

test("the note key's recovery code is shown once after the first sign-in and must be confirmed", async ({ page }) => {
  await page.goto("/alerts");
  await signIn(page, "demo-sue");
  await expect(page.getByRole("heading", { name: "Write down your recovery code", level: 1 })).toBeFocused();
  const code = page.locator(".recovery-code");
  await expect(code).toHaveText(/^Recovery code: [A-Z2-7]{4}(-[A-Z2-7]{4}){7}$/);
  const shown = ((await code.textContent()) ?? "").replace("Recovery code: ", "");
  const go = page.getByRole("button", { name: "Continue" });
  await expect(go).toBeDisabled();
  await expectAccessible(page, "the recovery code step");
  const shots = process.env.TESSERA_SCREENSHOTS;
  if (shots) {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: `${shots}/desktop-12-recovery-code.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${shots}/phone-12-recovery-code.png`, fullPage: true });
    await expectAccessible(page, "the recovery code step on a phone");
  }
  // Kept nowhere by the app: not in the address, storage or cookies it can read.
  expect(page.url()).not.toContain(shown);
  const kept = await page.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }) + document.cookie);
  expect(kept).not.toContain(shown);
  await page.getByLabel("I have written the recovery code down somewhere safe").check();
  await go.click();
  // Then on to the page the supervisor asked for.
  await expect(page).toHaveURL(/\/alerts$/);
  await expect(page.getByRole("heading", { name: "Alerts", level: 1 })).toBeVisible();

  // Signing in again: the key exists, no code is shown.
  await page.getByRole("button", { name: "Sign out" }).click();
  await signIn(page, "demo-sue");
  await expect(page.getByRole("heading", { name: "Caseload", level: 1 })).toBeVisible();
  await expect(page.getByText("Write down your recovery code")).toHaveCount(0);
});
