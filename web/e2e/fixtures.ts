// What every end-to-end test shares: the demo accounts, signing in through the page, an
// axe-core check, and a watch on the page for Content-Security-Policy violations and script
// that should never run (any dialog, or the XSS payload's marker).
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";

/// A client name that would run script if it were ever put into the page as HTML.
export const XSS_NAME = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>"'&`;

export function password(username: string): string {
  const passwords = JSON.parse(process.env.TESSERA_E2E_PASSWORDS ?? "{}") as Record<string, string>;
  const found = passwords[username];
  if (!found) throw new Error(`no password for ${username}`);
  return found;
}

export async function signIn(page: Page, username: string) {
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password(username));
  await page.getByRole("button", { name: "Sign in" }).click();
}

/// No serious or critical WCAG 2.1 A/AA violation on the page as it is now.
export async function expectAccessible(page: Page, where: string) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join("; ")})`);
  expect(serious, `accessibility of ${where}`).toEqual([]);
}

interface Watch {
  violations: string[];
  dialogs: string[];
}

export const test = base.extend<{ watch: Watch }>({
  watch: [
    async ({ page }, use) => {
      const watch: Watch = { violations: [], dialogs: [] };
      // Injected through the browser's protocol, not as a page script, so the page's own
      // policy does not block it.
      await page.addInitScript(() => {
        const store: string[] = [];
        (window as unknown as { __csp: string[] }).__csp = store;
        document.addEventListener("securitypolicyviolation", (event) => {
          store.push(`${event.violatedDirective} ${event.blockedURI}`);
        });
      });
      page.on("console", (message) => {
        if (message.text().includes("Content Security Policy")) watch.violations.push(message.text());
      });
      page.on("dialog", async (dialog) => {
        watch.dialogs.push(dialog.message());
        await dialog.dismiss();
      });
      await use(watch);
      const reported = await page
        .evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])
        .catch(() => [] as string[]);
      watch.violations.push(...reported);
      expect(watch.violations, "Content-Security-Policy violations").toEqual([]);
      expect(watch.dialogs, "dialogs opened by script").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
