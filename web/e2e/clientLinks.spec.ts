// The client page's questionnaire links and reminders (issue 18; docs/web.md): demo-ana records
// the client's consent to email reminders, a session with questionnaires due, then on the
// client page issues a link: it shows once, to copy, with one email reminder queued, and the
// reminder appears in the list with its delivery state (no mail server is configured: it
// waits, visibly). axe-core on the panel; screenshots at phone, tablet and desktop sizes.
import { recordDueSession, leadClient, signInApi } from "./clinicApi";
import { expect, expectAccessible, signIn, test } from "./fixtures";

const shots = process.env.TESSERA_SCREENSHOTS;

test("a clinician issues a questionnaire link from the client page and sees the reminder waiting", async ({
  page,
  request,
}) => {
  const ana = await signInApi(request);
  const { client, episode } = await leadClient(request, ana);
  const base = `/api/v1/clients/${client}`;
  const contact = (await (await request.get(`${base}/reminder-contact`, { headers: ana.headers })).json()) as {
    version: number;
  };
  const consent = await request.put(`${base}/reminder-contact`, {
    headers: ana.headers,
    data: {
      expected_version: contact.version,
      email: "client.e2e@example.org",
      email_consent: true,
      sms_consent: false,
    },
  });
  expect(consent.status(), await consent.text()).toBe(200);
  await recordDueSession(request, ana, client, episode);

  await page.goto(`/clients/${client}`);
  await signIn(page, "demo-ana");
  const panel = page.getByRole("region", { name: "Questionnaires before the session" });
  await expect(panel).toBeVisible();
  await expect(panel).toContainText("A new link is sent by email, as the client agreed.");
  await panel.getByRole("button", { name: "Issue a questionnaire link" }).click();
  await expect(panel.locator(".issued-link")).toContainText("A link for 2 questionnaires, usable once");
  await expect(panel.locator(".issued-link")).toContainText("1 reminder queued.");
  const link = panel.getByRole("textbox", { name: "The link (shown only now)" });
  await expect(link).toHaveValue(/^http:\/\/127\.0\.0\.1:\d+\/q#[\w-]{43}$/);
  const reminders = panel.getByRole("list", { name: "Reminders and their delivery" });
  await expect(reminders.getByRole("listitem").first()).toContainText("Waiting to be sent");
  await expect(reminders.getByRole("listitem").first()).toContainText("Email to client.e2e@example.org");
  await expectAccessible(page, "the client page with a link issued");

  // The link shown works: it opens the client's forms (in a page of its own, signed out).
  const url = await link.inputValue();
  const phone = await page.context().browser()!.newPage({ viewport: { width: 390, height: 844 } });
  await phone.goto(url);
  await expect(phone.getByRole("heading", { name: "Patient Health Questionnaire-9" })).toBeVisible();
  await phone.close();

  if (shots) {
    for (const [name, width, height] of [
      ["desktop", 1366, 900],
      ["tablet", 820, 1180],
      ["phone", 390, 844],
    ] as const) {
      await page.setViewportSize({ width, height });
      await panel.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${shots}/${name}-client-links.png`, fullPage: true });
    }
  }
});
