// The questionnaire link when the connection drops (issue 18; docs/web.md "Questionnaire
// links"), on a phone (390x844): answers survive a reload; sent while offline they wait on the
// device, say so, and go when the connection returns, stored once (the idempotency key).
import type { Page } from "@playwright/test";
import { issueLink, leadClient, signInApi } from "./clinicApi";
import { expect, expectAccessible, test } from "./fixtures";

async function answerAll(page: Page, label: string, except: Record<number, string> = {}) {
  const items = page.locator("ol.link-items > li");
  const count = await items.count();
  for (let index = 0; index < count; index++) {
    await items.nth(index).getByRole("radio", { name: except[index + 1] ?? label, exact: true }).check();
  }
}

test.describe("questionnaire link with a dropped connection", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("answers survive a reload and a lost connection, and are stored once", async ({ page, context, request }) => {
    const ana = await signInApi(request);
    const { client, episode } = await leadClient(request, ana);
    const url = await issueLink(request, ana, client, episode);
    const due = (await (await request.get(`/api/v1/clients/${client}/due`, { headers: ana.headers })).json()) as {
      due: { session_id: number };
    };
    const phq9Given = async () => {
      const list = (await (
        await request.get(`/api/v1/clients/${client}/measures?instrument=phq9&limit=200`, { headers: ana.headers })
      ).json()) as { items: { session_id: number | null }[] };
      return list.items.filter((each) => each.session_id === due.due.session_id).length;
    };

    await page.goto(url);
    await expect(page.getByRole("heading", { name: "Patient Health Questionnaire-9" })).toBeVisible();
    await answerAll(page, "Several days", { 9: "Not at all" });
    await page.reload();
    await expect(page.getByText("9 of 16 questions answered")).toBeVisible();
    await page.getByRole("button", { name: "Next questionnaire" }).click();
    await answerAll(page, "Not at all");

    await context.setOffline(true);
    await page.getByRole("button", { name: "Send my answers" }).click();
    await expect(page.getByText(/You seem to be offline. Your answers are saved on this device/)).toBeVisible();
    await expectAccessible(page, "the form waiting for the connection");
    expect(await phq9Given()).toBe(0);
    await context.setOffline(false);
    await expect(page.getByRole("heading", { name: "Thank you" })).toBeVisible();
    expect(await phq9Given()).toBe(1);
    // Nothing is kept on the device once the server has the answers.
    expect(
      await page.evaluate(() =>
        Object.keys(window.localStorage).filter((key) => key.startsWith("tessera-questionnaire-link:")),
      ),
    ).toEqual([]);
  });
});
