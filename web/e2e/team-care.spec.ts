// The client page's care team (issue 17): members by name and role; a clinician adds a colleague
// in a role and takes them off again (asked first), never the lead. A supervisor reading a team
// client for supervision is offered no form the server would refuse: no recording a session, no
// questionnaire link, no care-team change, no new consultation or reply.
import { expect, expectAccessible, test } from "./fixtures";
import { apiAs, screenshots, signInAs } from "./teamFixtures";

test("a clinician adds a colleague to a client's care team and takes them off again", async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto("/");
  await signInAs(page, "demo-ana");
  // A client in care with scores (not the XSS client the setup made, which has no episode).
  await page
    .locator("table.caseload tbody tr")
    .filter({ hasNot: page.getByText("No scores", { exact: true }) })
    .first()
    .locator("th a")
    .click();
  const panel = page.locator("section[aria-labelledby=care-team-heading]");
  const ana = panel.locator("li").filter({ hasText: "Ana (CBT)" });
  await expect(ana).toContainText("(you)");
  await expect(ana).toContainText("Lead clinician");
  // The lead is never taken off.
  await expect(ana.getByRole("button", { name: /Take .* off/ })).toHaveCount(0);

  await panel.getByText("Add someone to the care team").click();
  await panel.getByRole("combobox", { name: "Clinician" }).selectOption({ label: "Cleo (integrative)" });
  await panel.getByRole("combobox", { name: "Role" }).selectOption({ label: "Consultant" });
  await panel.getByRole("button", { name: "Add to the care team" }).click();
  const cleo = panel.locator("li").filter({ hasText: "Cleo (integrative)" });
  await expect(cleo).toContainText("Consultant");
  // Someone on the team is not offered again.
  await expect(panel.getByRole("combobox", { name: "Clinician" }).locator("option", { hasText: "Cleo" })).toHaveCount(0);
  await expectAccessible(page, "the client page's care team");
  await screenshots(page, "care-team");

  await cleo.getByRole("button", { name: "Take Cleo (integrative) off the care team" }).click();
  await expect(cleo.getByRole("group")).toContainText("They will no longer be able to open this record.");
  await expectAccessible(page, "taking a member off the care team");
  await cleo.getByRole("button", { name: "Take off the care team" }).click();
  await expect(panel.locator("li").filter({ hasText: "Cleo (integrative)" })).toHaveCount(0);
  await expect(panel.getByRole("combobox", { name: "Clinician" }).locator("option", { hasText: "Cleo" })).toHaveCount(1);
});

test("a supervisor reading a team client is offered no form the server would refuse", async ({ page }) => {
  test.setTimeout(120_000);
  // A team client of Ana's with an active alert (the demo practice has them).
  const sue = await apiAs("demo-sue");
  type Entry = { client_id: number; lead: { name: string } | null; active_alerts: Record<string, number> };
  const team = (await sue.call("GET", "/api/v1/caseload?scope=team&limit=200")) as { items: Entry[] };
  const entry = team.items.find(
    (each) => each.lead?.name === "Ana (CBT)" && Object.values(each.active_alerts).some((count) => count > 0),
  );
  expect(entry, "a team client of Ana's with an active alert").toBeDefined();
  const clientId = (entry as Entry).client_id;

  await page.goto(`/clients/${clientId}`);
  await signInAs(page, "demo-sue");
  await expect(page.getByRole("heading", { level: 2, name: "Care team" })).toBeVisible();
  await expect(page.locator("section[aria-labelledby=care-team-heading] li").first()).toContainText("Ana (CBT)");
  await expect(page.getByRole("link", { name: "Record a session" })).toHaveCount(0);
  await expect(page.getByText("Add someone to the care team")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Issue a questionnaire link" })).toHaveCount(0);
  await expect(page.locator("section[aria-labelledby=open-alerts-heading] .alert-list > *").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Resolve…" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Acknowledge…" })).toHaveCount(0);
  await expectAccessible(page, "a team client read for supervision");
  await screenshots(page, "supervision-client");
  await page.locator(".head-actions").getByRole("link", { name: "Consultations" }).click();
  await expect(page.getByText(/consultations for supervision; only the care team starts or answers them/)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Start a consultation" })).toHaveCount(0);
  await expectAccessible(page, "a team client's consultations read for supervision");

  // The server agrees: acknowledging the team client's alert is refused as not allowed (403,
  // not "no such alert"), and nothing is written.
  type Alerts = { items: { id: number; handlings: unknown[] }[] };
  const alerts = (await sue.call("GET", `/api/v1/alerts?client_id=${clientId}&state=active`)) as Alerts;
  const alert = alerts.items[0] as Alerts["items"][number];
  await expect(sue.call("POST", `/api/v1/alerts/${alert.id}/acknowledgements`, { note: "supervision" })).rejects.toThrow(
    / 403 /,
  );
  const after = (await sue.call("GET", `/api/v1/alerts?client_id=${clientId}&state=active`)) as Alerts;
  expect(after.items.find((each) => each.id === alert.id)?.handlings.length).toBe(alert.handlings.length);
});
