// Shared by the team, practice, profile and admin tests (team-*.spec.ts, which run after
// recovery.spec.ts, so demo-sue's first sign-in stays that test's): signing in past the note
// key's recovery step when an account's first sign-in shows it, and calls to the API as a demo
// account for what a test sets up (a care-team member added as a clinician would).
import { expect, test, type Page } from "@playwright/test";
import { password, signIn } from "./fixtures";

/// Signs in on the sign-in page the browser shows now; confirms the recovery code if asked.
export async function signInAs(page: Page, username: string) {
  await signIn(page, username);
  const step = page.getByLabel("I have written the recovery code down somewhere safe");
  const signedIn = page.getByRole("button", { name: "Sign out" });
  await expect(step.or(signedIn)).toBeVisible();
  if (await step.isVisible()) {
    await step.check();
    await page.getByRole("button", { name: "Continue" }).click();
  }
  await expect(signedIn).toBeVisible();
}

export interface ApiSession {
  userId: number;
  call: (method: string, path: string, body?: unknown) => Promise<unknown>;
}

/// A bearer session of a demo account over the API (for setting up what a test needs).
export async function apiAs(username: string): Promise<ApiSession> {
  const url = process.env.TESSERA_E2E_URL as string;
  const login = await fetch(`${url}/api/v1/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username, password: password(username), credential: "bearer" }),
  });
  if (!login.ok) throw new Error(`login ${username}: ${login.status} ${await login.text()}`);
  const answer = (await login.json()) as { token: string; user: { id: number } };
  return {
    userId: answer.user.id,
    call: async (method, path, body) => {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${answer.token}` },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
      return response.json();
    },
  };
}

/// Screenshots of the page as it is now at desktop and phone sizes, when TESSERA_SCREENSHOTS
/// names a directory (for looking at the pages; not a check).
export async function screenshots(page: Page, name: string) {
  const directory = process.env.TESSERA_SCREENSHOTS;
  if (!directory) return;
  // Full-page screenshots on a busy machine take a while: they do not count against the test.
  test.info().setTimeout(test.info().timeout + 90_000);
  const size = page.viewportSize();
  for (const [label, width, height] of [
    ["desktop", 1366, 900],
    ["phone", 390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(150);
    await page.screenshot({ path: `${directory}/${label}-${name}.png`, fullPage: true });
  }
  if (size) await page.setViewportSize(size);
}
