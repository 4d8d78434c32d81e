// The admin's pages: accounts (create with a generated password, which then signs in; disable,
// enable, reset the password and the second factor), the audit chain verified, a client's
// access history with who by name; a clinician who types an admin address is told plainly.
import type { Page } from "@playwright/test";
import { XSS_NAME, expect, expectAccessible, test } from "./fixtures";
import { screenshots, signInAs } from "./teamFixtures";

async function signInWith(page: Page, username: string, password: string) {
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("an admin creates an account, disables and enables it, and resets its password", async ({ page, browser }) => {
  await page.goto("/");
  await signInAs(page, "demo-admin");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Accounts" }).click();
  await expect(page.getByRole("heading", { name: "Accounts", level: 1 })).toBeVisible();
  await expect(page.getByRole("row", { name: /^demo-ana / })).toContainText("Active");
  await expectAccessible(page, "accounts");
  await page.getByText("Create an account").click();
  await page.getByLabel("Username").fill("e2e-dana");
  await page.getByLabel("Role").selectOption("clinician");
  await expectAccessible(page, "accounts with the form open");
  await page.getByRole("button", { name: "Create the account" }).click();
  const first = (await page.getByLabel("Password for e2e-dana", { exact: true }).textContent()) ?? "";
  expect(first.length).toBeGreaterThanOrEqual(12);
  await screenshots(page, "40-accounts");

  // The generated password signs in.
  const dana = await browser.newContext();
  const danaPage = await dana.newPage();
  await danaPage.goto("/");
  await signInWith(danaPage, "e2e-dana", first);
  await danaPage.getByLabel("I have written the recovery code down somewhere safe").check();
  await danaPage.getByRole("button", { name: "Continue" }).click();
  await expect(danaPage.getByRole("heading", { name: "Caseload", level: 1 })).toBeVisible();

  // Disabled: her session ends and she cannot sign in again.
  const row = page.getByRole("row", { name: /^e2e-dana / });
  await row.getByRole("button", { name: "Disable for e2e-dana" }).click();
  await expect(row).toContainText("They cannot sign in until enabled again");
  await row.getByRole("button", { name: "Disable", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "e2e-dana is disabled" })).toBeVisible();
  await expect(row).toContainText("Disabled");
  await danaPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Practice" }).click();
  await expect(danaPage.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await signInWith(danaPage, "e2e-dana", first);
  await expect(danaPage.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(danaPage.getByRole("alert")).toBeVisible();

  // Enabled again, then a new password: the old one no longer works, the new one does.
  await row.getByRole("button", { name: "Enable for e2e-dana" }).click();
  await row.getByRole("button", { name: "Enable", exact: true }).click();
  await expect(row).toContainText("Active");
  await row.getByRole("button", { name: "Reset password for e2e-dana" }).click();
  await row.getByRole("button", { name: "Reset password", exact: true }).click();
  const reset = page.getByRole("status").filter({ hasText: "e2e-dana has a new password" });
  const second = (await reset.getByLabel("Password for e2e-dana", { exact: true }).textContent()) ?? "";
  expect(second).not.toBe(first);
  await signInWith(danaPage, "e2e-dana", first);
  await expect(danaPage.getByRole("alert")).toBeVisible();
  await signInWith(danaPage, "e2e-dana", second);
  await expect(danaPage.getByRole("button", { name: "Sign out" })).toBeVisible();
  await dana.close();

  await row.getByRole("button", { name: "Reset second factor for e2e-dana" }).click();
  await row.getByRole("button", { name: "Reset second factor", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "e2e-dana has no second factor now" })).toBeVisible();
});

test("an admin verifies the audit chain and reads a client's access history", async ({ page }) => {
  await page.goto("/admin/audit");
  await signInAs(page, "demo-admin");
  await page.getByRole("button", { name: "Verify the audit chain" }).click();
  await expect(page.getByRole("status")).toContainText(/Intact All \d+ entries checked; none was changed or removed\./);
  await expectAccessible(page, "audit verification");
  await screenshots(page, "41-audit");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Access history" }).click();
  await page.getByLabel("Client").selectOption({ label: XSS_NAME });
  await expect(page).toHaveURL(/\/admin\/access-history\?client=\d+$/);
  await expect(page.getByRole("heading", { name: XSS_NAME, level: 2 })).toBeVisible();
  // demo-ana created the client and read it: by name, not by id (the creation is the oldest
  // entry: after the other tests' reads it may be past the first hundred shown).
  const older = page.getByRole("button", { name: /older entries$/ });
  while (await older.isVisible()) await older.click();
  const created = page.getByRole("row").filter({ hasText: "demo-ana (clinician)" }).filter({ hasText: "created" });
  await expect(created.first()).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "demo-admin (admin)" }).first()).toBeVisible();
  expect(await page.locator("img[src=x]").count()).toBe(0);
  await expectAccessible(page, "a client's access history");
  await screenshots(page, "42-access-history");
});

test("a clinician who types an admin address is told it is not for their role", async ({ page }) => {
  await page.goto("/admin/accounts");
  await signInAs(page, "demo-ana");
  await expect(page.getByRole("heading", { name: "Not available to your role", level: 1 })).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Accounts" })).toHaveCount(0);
  await expectAccessible(page, "not available to your role");
  await page.goto("/admin/access-history?client=1");
  await expect(page.getByRole("heading", { name: "Not available to your role", level: 1 })).toBeVisible();
});
