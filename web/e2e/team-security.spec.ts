// Changing one's own password and second factor from "My profile" (issue 17), as a new clinician
// account made for the test (the demo accounts keep their passwords for the other tests): a wrong
// current password refused by the field, the new one then the only one that signs in; a second
// factor set up with a code from the key shown (as an authenticator app computes it), asked for
// at the next sign-in, and removed again with a code.
import type { Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./fixtures";
import { apiAs, screenshots } from "./teamFixtures";
import { currentStep, totpCode } from "./totp";

async function signInWith(page: Page, username: string, password: string) {
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function passRecoveryStep(page: Page) {
  const step = page.getByLabel("I have written the recovery code down somewhere safe");
  const signedIn = page.getByRole("button", { name: "Sign out" });
  await expect(step.or(signedIn)).toBeVisible();
  if (await step.isVisible()) {
    await step.check();
    await page.getByRole("button", { name: "Continue" }).click();
  }
  await expect(signedIn).toBeVisible();
}

/// A code the server has not seen yet: the step after the last one used, within the one step
/// either side of the server's own that it accepts (waits for the clock when it must).
async function nextCode(page: Page, key: string, lastUsed: number): Promise<{ code: string; step: number }> {
  while (currentStep() < lastUsed) await page.waitForTimeout(1000);
  const step = Math.max(currentStep(), lastUsed + 1);
  return { code: totpCode(key, step), step };
}

test("a clinician changes their own password and sets up, uses and removes a second factor", async ({ page }) => {
  test.setTimeout(240_000);
  const admin = await apiAs("demo-admin");
  const username = `security-${Date.now().toString(36)}`;
  const first = "first-password-for-the-test";
  await admin.call("POST", "/api/v1/users", { username, role: "clinician", password: first });

  await page.goto("/profile");
  await signInWith(page, username, first);
  await passRecoveryStep(page);
  await expect(page.getByRole("heading", { level: 2, name: "Change your password" })).toBeVisible();
  await expectAccessible(page, "my profile with password and second factor");
  await screenshots(page, "profile-security");

  const password = page.locator("section[aria-labelledby=password-heading]");
  const second = "second-password-for-the-test";
  await password.getByLabel("Current password").fill("not-the-password");
  await password.getByLabel("New password", { exact: true }).fill(second);
  await password.getByLabel("New password again").fill(`${second}x`);
  await expect(password.getByText("The two new passwords are not the same.")).toBeVisible();
  await expect(password.getByRole("button", { name: "Change the password" })).toBeDisabled();
  await password.getByLabel("New password again").fill(second);
  await password.getByRole("button", { name: "Change the password" }).click();
  await expect(password.getByRole("alert")).toContainText("current_password");
  await password.getByLabel("Current password").fill(first);
  await password.getByRole("button", { name: "Change the password" }).click();
  await expect(password.getByRole("status")).toContainText("Your password was changed");

  // Second factor: the key shown, a code computed from it as an authenticator app would.
  const factor = page.locator("section[aria-labelledby=factor-heading]");
  await factor.getByRole("button", { name: /Set up a second factor/ }).click();
  const key = (await factor.getByLabel("Key for the authenticator app").inputValue()).replace(/\s/g, "");
  expect(key).toMatch(/^[A-Z2-7]{16,}$/);
  await expectAccessible(page, "setting up a second factor");
  await screenshots(page, "profile-second-factor");
  const enrolStep = currentStep();
  await factor.getByLabel("The code the app shows now").fill(totpCode(key, enrolStep));
  await factor.getByRole("button", { name: "Confirm the second factor" }).click();
  await expect(factor.getByRole("status")).toContainText("Your second factor is set up");

  // Signing in again: the old password refused, the new one asks for the code.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByLabel("Username")).toBeVisible();
  await signInWith(page, username, first);
  await expect(page.getByRole("alert")).toBeVisible();
  await signInWith(page, username, second);
  const codeField = page.getByLabel("Code from your authenticator app");
  await expect(codeField).toBeVisible();
  const signInCode = await nextCode(page, key, enrolStep);
  await codeField.fill(signInCode.code);
  await page.getByRole("button", { name: "Sign in" }).click();
  await passRecoveryStep(page);

  await page.goto("/profile");
  const removal = page.locator("section[aria-labelledby=factor-heading]");
  await removal.getByLabel("A code from your authenticator app").fill((await nextCode(page, key, signInCode.step)).code);
  await removal.getByRole("button", { name: "Remove the second factor" }).click();
  await expect(removal.getByRole("status")).toContainText("Your second factor is removed");
});
