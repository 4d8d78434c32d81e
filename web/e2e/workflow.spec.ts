// The clinical workflow beyond the first loop (issue 17): a risk alert resolved by a clinician
// with what was done, and its history (what raised it, who acknowledged and resolved it, with
// their notes); an acknowledgement note half-written when the session ends offered again after
// signing in; the clinician's own plan change that breaks a planner rule, refused with the rule
// named until an override reason is given, which the plan's history keeps; the instrument's
// instruction stem above the items on the session form and the client's /q page. Every state
// checked with axe-core; screenshots at 1366x900 and 390x844 with TESSERA_SCREENSHOTS.
import type { Page } from "@playwright/test";
import { expect, expectAccessible, password, signIn, test, XSS_NAME } from "./fixtures";

const shots = process.env.TESSERA_SCREENSHOTS;
const PHQ9_STEM = "Over the last 2 weeks, how often have you been bothered by any of the following problems?";

async function shoot(page: Page, name: string) {
  if (!shots) return;
  await page.screenshot({ path: `${shots}/desktop-${name}.png`, fullPage: true });
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${shots}/phone-${name}.png`, fullPage: true });
  if (size) await page.setViewportSize(size);
}

/// Calls the API from the signed-in page (its cookie and CSRF token).
async function apiGet<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (url) => (await fetch(url)).json(), path) as Promise<T>;
}

/// Ends the session on the server (as the idle time-out does): the next call gets a 401.
async function endSession(page: Page) {
  await page.evaluate(async () => {
    const me = (await fetch("/api/v1/me").then((answer) => answer.json())) as { csrf_token: string };
    await fetch("/api/v1/logout", { method: "POST", headers: { "X-CSRF-Token": me.csrf_token } });
  });
}

interface AlertRow {
  id: number;
  client_id: number;
  client_name: string;
  kind: string;
  state: string;
}

test("a risk alert is resolved by the clinician with what was done, and its history is shown", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/");
  await signIn(page, "demo-ana");
  await expect(page.locator("table.caseload")).toBeVisible();
  const active = await apiGet<{ items: AlertRow[] }>(page, "/api/v1/alerts?state=active&kind=risk_item&limit=50");
  expect(active.items, JSON.stringify(active)).toBeDefined();
  const risk = active.items[0];
  expect(risk, "an active risk alert in the demo practice").toBeDefined();
  if (!risk) return;

  await page.goto(`/clients/${risk.client_id}`);
  const panel = page.locator("section[aria-labelledby=open-alerts-heading]");
  await expect(panel.getByRole("heading", { name: "Open alerts" })).toBeVisible();
  const card = panel.locator("article").filter({ hasText: "Risk item endorsed" }).first();
  await card.getByText(/^History \(\d+\)$/).click();
  await expect(card.locator(".alert-history li").first()).toContainText("Raised");
  await expect(card.locator(".alert-history li").first()).toContainText("by the monitor");
  await card.getByRole("button", { name: "Resolve…" }).click();
  await expect(card).toContainText("A risk alert is never resolved automatically");
  const note = "Risk assessed in session: no plan or intent; safety plan reviewed and shared with the GP.";
  await card.getByLabel("What was done (resolves the alert)").fill(note);
  await expectAccessible(page, "client page resolving a risk alert");
  await shoot(page, "workflow-1-resolve");
  await card.getByRole("button", { name: "Resolve", exact: true }).click();

  // Resolved: it leaves the alerts to handle and its history, with the note, is kept below.
  const resolved = panel.locator(".resolved-alerts");
  await resolved.getByText(/^Resolved alerts \(\d+\)$/).click();
  const entry = resolved.locator(":scope > ul > li").filter({ hasText: note });
  await expect(entry).toHaveCount(1);
  await expect(entry.locator(".alert-history li").last()).toContainText("Resolved");
  await expect(entry.locator(".alert-history li").last()).toContainText("by you");
  const after = await apiGet<{ items: (AlertRow & { handlings: { action: string; note: string }[] })[] }>(
    page,
    `/api/v1/alerts?state=resolved&client_id=${risk.client_id}`,
  );
  expect(after.items.some((alert) => alert.handlings.some((each) => each.action === "resolved" && each.note === note))).toBe(true);
  await expectAccessible(page, "client page with a resolved alert's history");
  await shoot(page, "workflow-2-history");
});

test("an acknowledgement note half-written when the session ends is offered again after signing in", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/alerts");
  await signIn(page, "demo-ana");
  const cards = page.locator(".alert-list article");
  await expect(cards.first()).toBeVisible();
  const heading = (await cards.first().locator("h3").textContent()) ?? "";
  const card = () => cards.filter({ has: page.locator("h3", { hasText: heading }) }).first();
  await card().getByRole("button", { name: "Acknowledge…" }).click();
  const text = "Phoned the client: agreed to bring the review forward to Thursday";
  await card().getByLabel("Note (what you did or will do)").fill(text);
  await endSession(page);
  await card().getByRole("button", { name: "Acknowledge", exact: true }).click();

  await expect(page.getByText("Your session ended")).toBeVisible();
  await signIn(page, "demo-ana");
  await expect(page).toHaveURL(/\/alerts$/);
  const offer = card().locator(".draft-offer");
  await expect(offer).toContainText("was kept when your session ended");
  await expect(offer).toContainText(text);
  await expectAccessible(page, "alerts inbox with a kept note");
  await shoot(page, "workflow-3-kept-note");
  await offer.getByRole("button", { name: "Restore it" }).click();
  await expect(card().getByLabel("Note (what you did or will do)")).toHaveValue(text);
  await card().getByRole("button", { name: "Acknowledge", exact: true }).click();
  // Acknowledged with the restored note (the card then leaves the open list).
  await expect
    .poll(async () => {
      const all = await apiGet<{ items: { handlings: { action: string; note: string }[] }[] }>(page, "/api/v1/alerts?state=acknowledged&limit=200");
      return all.items.some((alert) => alert.handlings.some((each) => each.note === text));
    })
    .toBe(true);

  // Saved: nothing is offered again, and nothing is left in the tab.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Alerts", level: 1 })).toBeVisible();
  await expect(page.locator(".draft-offer")).toHaveCount(0);
  expect(await page.evaluate(() => Object.keys(sessionStorage).filter((key) => key.includes("#alert-")))).toEqual([]);
});

test("the clinician's own plan change that breaks a rule needs an override reason, kept in the plan's history", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/");
  await signIn(page, "demo-ana");
  await page.getByLabel("Find a client").fill("c13");
  await page.getByRole("link", { name: "Demo client c13", exact: true }).click();
  await page.getByRole("link", { name: "All plans and new drafts" }).click();
  await page.getByRole("link", { name: /^Plan \d+$/ }).first().click();
  await expect(page.locator(".page-head .plan-status")).toHaveText("Active");
  const planId = Number(new URL(page.url()).pathname.split("/").pop());
  const plan = await apiGet<{ current_version: number; versions: { version: number; content: { excluded: { id: string; reason: string }[] } }[] }>(
    page,
    `/api/v1/plans/${planId}?detail=full`,
  );
  const current = plan.versions.find((version) => version.version === plan.current_version);
  const excluded = current?.content.excluded[0];
  expect(excluded, "a technique the plan left out by a rule").toBeDefined();
  if (!excluded) return;

  const own = page.locator("section.own-adaptation");
  await own.getByRole("button", { name: "Write a change…" }).click();
  await own.getByLabel("Change", { exact: true }).selectOption("add_technique");
  await own.getByLabel("Technique", { exact: true }).selectOption(excluded.id);
  await own.getByLabel("What you change and why").fill("Add it now: the client asked for it after reading about it");
  await own.getByLabel("The client's feedback, in their words").fill("I would like to try this; I read it helps.");
  await own.getByRole("button", { name: "Make the change" }).click();
  const refusal = own.locator(".rule-override");
  await expect(refusal).toContainText("This change breaks the plan's rules");
  await expect(refusal.locator("li").first()).toBeVisible();
  await expectAccessible(page, "plan page with a broken rule");
  await shoot(page, "workflow-4-override");
  const reason = "Discussed with my supervisor: delivered under weekly supervision";
  await own.getByLabel("Why make it anyway (kept with the plan version)").fill(reason);
  await own.getByRole("button", { name: "Make the change anyway" }).click();
  await expect(own.getByRole("status")).toHaveText(`Your change is in the plan: version ${plan.current_version + 1}.`);
  const history = page.locator(".plan-timeline li.timeline-version");
  await expect(history.last()).toContainText(reason);
  await expect(history.last()).toContainText("rules overridden");
});

test("the instrument's instruction stem stands above the items on the session form and the client's page", async ({ page, request }) => {
  test.setTimeout(120_000);
  await page.goto("/");
  await signIn(page, "demo-ana");
  await page.locator("table.caseload tbody tr th a").first().click();
  await page.locator(".session-links a").first().click();
  await expect(page.getByRole("heading", { level: 1, name: /^Session of / })).toBeVisible();
  await page.getByRole("button", { name: /^PHQ-9/ }).click();
  await expect(page.locator("p.instructions")).toHaveText(PHQ9_STEM);
  // Above the first item.
  const stemBox = await page.locator("p.instructions").boundingBox();
  const itemBox = await page.locator("ol.items > li").first().boundingBox();
  expect(stemBox && itemBox && stemBox.y < itemBox.y).toBeTruthy();
  await expectAccessible(page, "session form with the stem");
  await shoot(page, "workflow-5-stem");

  // The client's own page from a questionnaire link.
  const login = await request.post("/api/v1/login", {
    data: { username: "demo-ana", password: password("demo-ana"), credential: "bearer" },
  });
  const { token } = (await login.json()) as { token: string };
  const headers = { Authorization: `Bearer ${token}` };
  const clientId = Number(new URL(page.url()).pathname.split("/")[2]);
  const episodes = (await (await request.get(`/api/v1/clients/${clientId}/episodes`, { headers })).json()) as {
    items: { id: number; closed_on: string | null }[];
  };
  const episode = episodes.items.find((each) => each.closed_on === null);
  expect(episode).toBeDefined();
  if (!episode) return;
  const schedule = await request.put(`/api/v1/clients/${clientId}/episodes/${episode.id}/schedule`, {
    headers,
    data: { instruments: [{ instrument: "phq9", frequency: "every_session" }] },
  });
  expect(schedule.status(), await schedule.text()).toBe(200);
  const session = await request.post(`/api/v1/clients/${clientId}/sessions`, {
    headers,
    data: { episode_id: episode.id, date: new Date().toISOString().slice(0, 10), attendance: "attended" },
  });
  expect(session.status(), await session.text()).toBe(201);
  const link = await request.post(`/api/v1/clients/${clientId}/questionnaire-links`, { headers, data: {} });
  expect(link.status(), await link.text()).toBe(201);
  const url = ((await link.json()) as { url: string }).url;
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(url);
  await expect(page.getByRole("heading", { name: "Patient Health Questionnaire-9" })).toBeVisible();
  await expect(page.locator("p.instructions")).toHaveText(PHQ9_STEM);
  await expectAccessible(page, "the client's page with the stem");
  if (shots) await page.screenshot({ path: `${shots}/phone-workflow-6-link-stem.png`, fullPage: true });
});

test("a progress note is amended, never edited in place: the earlier version stays, shown as amended", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/");
  await signIn(page, "demo-ana");
  await page.locator("table.caseload tbody tr th a").nth(1).click();
  await page.getByRole("link", { name: "Notes", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Notes" })).toBeVisible();
  const shared = page.locator("section[aria-labelledby=progress-notes-heading]");
  const original = "Agreed two graded exposure tasks for the week (the lift, the underground)";
  await shared.getByLabel("New progress note").fill(original);
  await shared.getByRole("button", { name: "Save progress note" }).click();
  const item = shared.locator("ol.notes > li").filter({ hasText: original });
  await expect(item).toHaveCount(1);
  await item.getByRole("button", { name: "Amend…" }).click();
  await expect(item.getByLabel("Amended note")).toHaveValue(original);
  const amended = "Agreed two graded exposure tasks for the week (the lift, the bus: not the underground yet)";
  await item.getByLabel("Amended note").fill(amended);
  // The reason is required, kept with the new version and shown as text (a stored-XSS payload).
  await item.getByLabel("Why amend it").fill(`${XSS_NAME} the bus, not the underground`);
  await expectAccessible(page, "notes with an amendment being written");
  await item.getByRole("button", { name: "Save the amendment" }).click();

  const current = shared.locator("ol.notes > li").filter({ has: page.locator(":scope > .note-text", { hasText: amended }) });
  await expect(current).toHaveCount(1);
  await expect(current.locator(":scope > .note-meta")).toContainText("amended");
  await current.getByText("The earlier version").click();
  const earlier = current.locator(".note-earlier li");
  await expect(earlier).toContainText(original);
  await expect(earlier).toContainText(/amended on \d{1,2} \w{3} \d{4} by you/);
  await expect(earlier.locator(".amendment-reason")).toHaveText(`Why: ${XSS_NAME} the bus, not the underground`);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  // The earlier version is no longer a note of its own.
  await expect(shared.locator("ol.notes > li > .note-text").filter({ hasText: original })).toHaveCount(0);
  await expectAccessible(page, "notes with an amended note");
  await shoot(page, "workflow-7-amended-note");
});
