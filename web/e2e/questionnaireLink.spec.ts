// The client's questionnaire link on a phone (issue 18; docs/schedules.md, docs/web.md): a
// clinician issues a link over the API; the client opens it in a 390x844 viewport, answers the
// PHQ-9 and GAD-7, sends them and reads the receipt; the link is refused a second time. With
// PHQ-9 item 9 endorsed the crisis information appears at once and again on the receipt, and
// the lead clinician has a notification. axe-core on every state of the page.
import type { Page } from "@playwright/test";
import { issueLink, leadClient, signInApi } from "./clinicApi";
import { expect, expectAccessible, test } from "./fixtures";

const shots = process.env.TESSERA_SCREENSHOTS;

async function answerAll(page: Page, label: string, except: Record<number, string> = {}) {
  const items = page.locator("ol.link-items > li");
  const count = await items.count();
  for (let index = 0; index < count; index++) {
    await items.nth(index).getByRole("radio", { name: except[index + 1] ?? label, exact: true }).check();
  }
}

test.describe("questionnaire link on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("answer PHQ-9 and GAD-7, read the receipt; the link works once", async ({ page, request }) => {
    const ana = await signInApi(request);
    const { client, episode } = await leadClient(request, ana);
    const url = await issueLink(request, ana, client, episode);
    expect(url).toMatch(/^\/q#[A-Za-z0-9_-]{43}$/);

    await page.goto(url);
    await expect(page.getByRole("heading", { name: "Patient Health Questionnaire-9" })).toBeVisible();
    await expect(page.getByText("Questionnaire 1 of 2")).toBeVisible();
    await expect(page.getByText("0 of 16 questions answered")).toBeVisible();
    await expectAccessible(page, "the link's first questionnaire");
    // Not until every question is answered.
    await page.getByRole("button", { name: "Next questionnaire" }).click();
    await expect(page.getByRole("alert")).toContainText("9 still need an answer");
    await answerAll(page, "Several days", { 9: "Not at all" });
    await expect(page.getByText("9 of 16 questions answered")).toBeVisible();
    if (shots) await page.screenshot({ path: `${shots}/phone-link-1-form.png`, fullPage: true });
    await page.getByRole("button", { name: "Next questionnaire" }).click();
    await expect(page.getByRole("heading", { name: /Generalized Anxiety Disorder/ })).toBeVisible();
    await answerAll(page, "Not at all");
    await page.getByRole("button", { name: "Send my answers" }).click();
    await expect(page.getByRole("heading", { name: "Thank you" })).toBeVisible();
    await expect(page.getByText(/Your answers to PHQ-9 and GAD-7 were received on/)).toBeVisible();
    await expect(page.getByText("If you need help now")).toHaveCount(0);
    await expectAccessible(page, "the receipt");
    if (shots) await page.screenshot({ path: `${shots}/phone-link-3-receipt.png`, fullPage: true });

    // The link does not work a second time.
    await page.goto("about:blank");
    await page.goto(url);
    await expect(page.getByRole("heading", { name: "This link cannot be used" })).toBeVisible();
    await expectAccessible(page, "the refusal");
    if (shots) await page.screenshot({ path: `${shots}/phone-link-4-refused.png`, fullPage: true });
  });

  test("item 9 endorsed: crisis information at once, and the clinician is notified", async ({ page, request }) => {
    const ana = await signInApi(request);
    const { client, episode } = await leadClient(request, ana);
    const url = await issueLink(request, ana, client, episode);
    const before = (await (await request.get("/api/v1/notifications?unread=true", { headers: ana.headers })).json()) as {
      items: unknown[];
    };

    await page.goto(url);
    await expect(page.getByRole("heading", { name: "Patient Health Questionnaire-9" })).toBeVisible();
    await expect(page.getByText("If you need help now")).toHaveCount(0);
    await answerAll(page, "Not at all", { 9: "Several days" });
    // Shown the moment item 9 is endorsed, before anything is sent, where the client is: below
    // item 9 (the last question), brought into view, and said aloud by a live region.
    await expect(page.getByRole("heading", { name: "If you need help now" })).toBeVisible();
    await expect(page.locator("li.link-item").nth(8).getByRole("heading", { name: "If you need help now" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "If you need help now" })).toBeInViewport({ ratio: 1 });
    await expect(page.getByTestId("crisis-announcement")).toHaveAttribute("aria-live", "assertive");
    await expect(page.getByTestId("crisis-announcement")).toContainText("If you need help now");
    await expectAccessible(page, "the crisis information on the form");
    if (shots) {
      await page.screenshot({ path: `${shots}/phone-link-2-crisis.png`, fullPage: true });
      await page.screenshot({ path: `${shots}/phone-link-2-crisis-as-seen.png` });
    }
    await page.getByRole("button", { name: "Next questionnaire" }).click();
    await answerAll(page, "Not at all");
    await page.getByRole("button", { name: "Send my answers" }).click();
    await expect(page.getByRole("heading", { name: "Thank you" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "If you need help now" })).toBeVisible();
    await expect(page.getByText("Your clinician has been told about your answer.")).toBeVisible();

    const after = (await (await request.get("/api/v1/notifications?unread=true", { headers: ana.headers })).json()) as {
      items: { kind: string; client_id: number }[];
    };
    expect(after.items.length).toBe(before.items.length + 1);
    expect(after.items[0]).toMatchObject({ kind: "risk_item_endorsed_by_client", client_id: client });
  });

  test("desktop size", async ({ page, request }) => {
    test.skip(!shots, "screenshots only");
    await page.setViewportSize({ width: 1366, height: 900 });
    const ana = await signInApi(request);
    const { client, episode } = await leadClient(request, ana);
    await page.goto(await issueLink(request, ana, client, episode));
    await expect(page.getByRole("heading", { name: "Patient Health Questionnaire-9" })).toBeVisible();
    await page.screenshot({ path: `${shots}/desktop-link-form.png`, fullPage: true });
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.screenshot({ path: `${shots}/tablet-link-form.png` });
  });
});
