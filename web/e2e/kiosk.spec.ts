// Kiosk mode for a waiting-room tablet (issue 18; docs/decisions/0251-kiosk-mode.md), in a
// tablet-sized Chromium (820x1180): demo-ana starts the client's due questionnaires on the
// device from the client page; she is signed out; the device shows only those forms, without
// the client's name; once they are sent it shows a neutral screen; Back shows nothing of the
// client, the tab keeps nothing, and the token is refused. With PHQ-9 item 9 endorsed the
// crisis information stays until the client presses Done. axe-core on every kiosk screen.
import type { Page } from "@playwright/test";
import { leadClient, recordDueSession, signInApi } from "./clinicApi";
import { expect, expectAccessible, signIn, test } from "./fixtures";

const shots = process.env.TESSERA_SCREENSHOTS;

async function answerAll(page: Page, label: string, except: Record<number, string> = {}) {
  const items = page.locator("ol.link-items > li");
  const count = await items.count();
  for (let index = 0; index < count; index++) {
    await items.nth(index).getByRole("radio", { name: except[index + 1] ?? label, exact: true }).check();
  }
}

/// From the client page, as demo-ana: "Start on this device", confirmed. Returns the client's
/// name as the page showed it, and a getter for the token the kiosk page posted.
async function startKiosk(page: Page, client: number) {
  let token = "";
  page.on("request", (request) => {
    if (request.url().endsWith("/api/v1/questionnaire-link/forms")) {
      token = (JSON.parse(request.postData() ?? "{}") as { token?: string }).token ?? token;
    }
  });
  await page.goto(`/clients/${client}`);
  await signIn(page, "demo-ana");
  const name = (await page.getByRole("heading", { level: 1 }).innerText()).trim();
  expect(name.length).toBeGreaterThan(0);
  const panel = page.getByRole("region", { name: "Questionnaires before the session" });
  await panel.getByRole("button", { name: "Start on this device…" }).click();
  await expect(panel.getByText(/You are signed out of this device first/)).toBeVisible();
  if (shots) await page.screenshot({ path: `${shots}/tablet-kiosk-0-start.png`, fullPage: true });
  await panel.getByRole("button", { name: "Sign out and start" }).click();
  await page.waitForURL(/\/kiosk$/);
  return { name, token: () => token };
}

test.describe("kiosk mode on a waiting-room tablet", () => {
  test.use({ viewport: { width: 820, height: 1180 } });

  test("started from the client page, only the forms; after sending a neutral screen and nothing about the client", async ({
    page,
    request,
  }) => {
    const ana = await signInApi(request);
    const { client, episode } = await leadClient(request, ana);
    await recordDueSession(request, ana, client, episode);
    const { name, token } = await startKiosk(page, client);

    // Only the forms: no name, no menu, the token gone from the address.
    await expect(page.getByRole("heading", { name: "Patient Health Questionnaire-9" })).toBeVisible();
    expect(page.url()).not.toContain("#");
    await expect(page).toHaveTitle("Questionnaires");
    await expect(page.locator("body")).not.toContainText(name);
    await expect(page.getByRole("navigation")).toHaveCount(0);
    await expectAccessible(page, "the kiosk form");
    if (shots) await page.screenshot({ path: `${shots}/tablet-kiosk-1-form.png`, fullPage: true });
    // The clinician's session on this device has ended.
    expect(await page.evaluate(() => fetch("/api/v1/me").then((answer) => answer.status))).toBe(401);

    await answerAll(page, "Several days", { 9: "Not at all" });
    await page.getByRole("button", { name: "Next questionnaire" }).click();
    await answerAll(page, "Not at all");
    await page.getByRole("button", { name: "Send my answers" }).click();

    // The neutral screen: nothing about the client, nothing to press.
    await expect(page.getByRole("heading", { name: "Thank you" })).toBeVisible();
    await expect(page.getByText("Please hand the tablet back to reception.")).toBeVisible();
    await expect(page).toHaveURL(/\/kiosk\/done$/);
    for (const text of [name, "PHQ-9", "GAD-7", "received", "score"]) {
      await expect(page.locator("body")).not.toContainText(text);
    }
    await expect(page.getByRole("button")).toHaveCount(0);
    await expect(page.getByRole("link")).toHaveCount(0);
    expect(await page.evaluate(() => window.sessionStorage.length)).toBe(0);
    expect(
      await page.evaluate(() =>
        Object.keys(window.localStorage).filter((key) => key.startsWith("tessera-questionnaire-link:")),
      ),
    ).toEqual([]);
    await expectAccessible(page, "the kiosk's neutral screen");
    if (shots) await page.screenshot({ path: `${shots}/tablet-kiosk-2-done.png`, fullPage: true });

    // The token it used is refused like any unusable link.
    expect(token()).toMatch(/^[\w-]{43}$/);
    const again = await request.post("/api/v1/questionnaire-link/forms", { data: { token: token() } });
    expect(again.status()).toBe(404);

    // Back leads to nothing of the client: the record asks for a sign-in, the forms are gone.
    await page.goBack();
    await page.waitForLoadState("networkidle");
    await expect(page.locator("body")).not.toContainText(name);
    await expect(page.getByRole("heading", { name: "Patient Health Questionnaire-9" })).toHaveCount(0);
    if (shots) await page.screenshot({ path: `${shots}/tablet-kiosk-3-back.png`, fullPage: true });
    // A reload of the kiosk address shows the neutral refusal, not the forms.
    await page.goto("/kiosk/done");
    await expect(page.getByRole("heading", { name: "Thank you" })).toBeVisible();
    await page.goto("/kiosk");
    await expect(page.getByRole("heading", { name: "Please ask reception" })).toBeVisible();
    await expectAccessible(page, "the kiosk's refusal");
  });

  test("item 9 endorsed on the tablet: the crisis information stays until the client presses Done", async ({
    page,
    request,
  }) => {
    const ana = await signInApi(request);
    const { client, episode } = await leadClient(request, ana);
    await recordDueSession(request, ana, client, episode);
    const { name } = await startKiosk(page, client);
    await expect(page.getByRole("heading", { name: "Patient Health Questionnaire-9" })).toBeVisible();
    await answerAll(page, "Not at all", { 9: "Several days" });
    await expect(page.getByRole("heading", { name: "If you need help now" })).toBeVisible();
    await page.getByRole("button", { name: "Next questionnaire" }).click();
    await answerAll(page, "Not at all");
    await page.getByRole("button", { name: "Send my answers" }).click();
    await expect(page.getByRole("alert").getByRole("heading", { name: "If you need help now" })).toBeVisible();
    await expect(page.getByText("Your clinician has been told about your answer.")).toBeVisible();
    await expect(page.locator("body")).not.toContainText(name);
    await expectAccessible(page, "the kiosk's crisis information");
    if (shots) await page.screenshot({ path: `${shots}/tablet-kiosk-4-crisis.png`, fullPage: true });
    await page.getByRole("button", { name: "Done" }).click();
    await expect(page.getByText("Please hand the tablet back to reception.")).toBeVisible();
    await expect(page.getByText("If you need help now")).toHaveCount(0);
    await expect(page).toHaveURL(/\/kiosk\/done$/);
  });
});
