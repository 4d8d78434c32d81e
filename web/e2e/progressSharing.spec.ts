// The client's own progress chart (issue 18; docs/decisions/0260-client-progress-sharing.md):
// off by default; demo-ana ticks "Show the client their own progress chart" on the client
// page; the client then sees their scores on the receipt of a questionnaire link (390x844) and
// on their own page after signing in; once she unticks it, the client sees no scores. axe-core
// on the receipt and the client's page.
import type { Page } from "@playwright/test";
import { issueLink, leadClient, signInApi } from "./clinicApi";
import { expect, expectAccessible, password, signIn, test } from "./fixtures";

const shots = process.env.TESSERA_SCREENSHOTS;

async function answerAll(page: Page, label: string, except: Record<number, string> = {}) {
  const items = page.locator("ol.link-items > li");
  const count = await items.count();
  for (let index = 0; index < count; index++) {
    await items.nth(index).getByRole("radio", { name: except[index + 1] ?? label, exact: true }).check();
  }
}

async function answerLink(page: Page, url: string) {
  // Another link on the same page: a new document, not a fragment change.
  await page.goto("about:blank");
  await page.goto(url);
  await expect(page.getByRole("heading", { name: "Patient Health Questionnaire-9" })).toBeVisible();
  await answerAll(page, "Several days", { 9: "Not at all" }); // PHQ-9 of 8
  await page.getByRole("button", { name: "Next questionnaire" }).click();
  await answerAll(page, "Not at all");
  await page.getByRole("button", { name: "Send my answers" }).click();
  await expect(page.getByRole("heading", { name: "Thank you" })).toBeVisible();
}

test("a client sees their own progress only when the clinician shares it", async ({ page, browser, request }) => {
  const ana = await signInApi(request);
  const { client, episode } = await leadClient(request, ana);
  const sharing = `/api/v1/clients/${client}/episodes/${episode}/progress-sharing`;
  // Start from the default: not shared.
  expect((await request.put(sharing, { headers: ana.headers, data: { shared: false } })).status()).toBe(200);

  // Pages of their own contexts (axe-core needs one): the client's phone, signed out.
  const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await answerLink(phone, await issueLink(request, ana, client, episode));
  await expect(phone.getByRole("heading", { name: "Your progress" })).toHaveCount(0);

  // The clinician shares it from the client page.
  await page.goto(`/clients/${client}`);
  await signIn(page, "demo-ana");
  const choice = page.getByRole("checkbox", { name: /Show the client their own progress chart/ });
  await expect(choice).not.toBeChecked();
  const shared = page.waitForResponse(
    (answer) => answer.url().endsWith("/progress-sharing") && answer.request().method() === "PUT",
  );
  await choice.click(); // click, not check(): the box follows the saved state, which may lag the click
  expect((await shared).status()).toBe(200);
  await expect(choice).toBeChecked();
  await page.reload();
  await expect(page.getByRole("checkbox", { name: /Show the client their own progress chart/ })).toBeChecked();

  // On the next receipt: the client's own scores, with the cut-off, and nothing else.
  await answerLink(phone, await issueLink(request, ana, client, episode));
  const progress = phone.getByRole("region", { name: "Your progress" });
  await expect(progress).toBeVisible();
  await expect(progress.getByRole("img", { name: /^PHQ-9 scores:/ })).toBeVisible();
  await expect(progress.getByRole("list", { name: "PHQ-9 scores" }).getByRole("listitem").last()).toContainText(": 8");
  await expect(progress).toContainText("where this questionnaire's clinical range begins");
  for (const clinicianOnly of ["expected", "not on track", "alert"]) {
    await expect(progress).not.toContainText(clinicianOnly);
  }
  await expectAccessible(phone, "the receipt with the client's progress");
  if (shots) await phone.screenshot({ path: `${shots}/phone-link-5-progress.png`, fullPage: true });

  // The client's own account sees it after signing in.
  const admin = await request.post("/api/v1/login", {
    data: { username: "demo-admin", password: password("demo-admin"), credential: "bearer" },
  });
  const adminHeaders = { Authorization: `Bearer ${((await admin.json()) as { token: string }).token}` };
  const username = `progress-${Date.now()}`;
  const account = await request.post("/api/v1/users", { headers: adminHeaders, data: { username, role: "client" } });
  expect(account.status(), await account.text()).toBe(201);
  const { id, password: clientPassword } = (await account.json()) as { id: number; password: string };
  const linked = await request.post(`/api/v1/users/${id}/client-link`, { headers: adminHeaders, data: { client_id: client } });
  expect(linked.status(), await linked.text()).toBe(200);
  const own = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await own.goto("/");
  await own.getByLabel("Username").fill(username);
  await own.getByLabel("Password").fill(clientPassword);
  await own.getByRole("button", { name: "Sign in" }).click();
  await expect(own.getByRole("heading", { name: "Your progress", level: 1 })).toBeVisible();
  await expect(own.getByRole("region", { name: "Your scores" }).getByRole("img", { name: /^PHQ-9 scores:/ })).toBeVisible();
  await expectAccessible(own, "the client's own page");
  if (shots) await own.screenshot({ path: `${shots}/phone-client-own-progress.png`, fullPage: true });

  // Unshared: the client's page says so and shows no scores.
  // The box changes at once; wait for the server to have it before the client looks again.
  const saved = page.waitForResponse(
    (answer) => answer.url().endsWith("/progress-sharing") && answer.request().method() === "PUT",
  );
  await page.getByRole("checkbox", { name: /Show the client their own progress chart/ }).click();
  expect((await saved).status()).toBe(200);
  await expect(page.getByRole("checkbox", { name: /Show the client their own progress chart/ })).not.toBeChecked();
  await own.reload();
  await expect(own.getByText("Your clinician has not shared your progress chart here.")).toBeVisible();
  await expect(own.getByRole("img", { name: /scores:/ })).toHaveCount(0);
  await phone.context().close();
  await own.context().close();
});
