// Consultations: a clinician starts one from a client's page, a colleague on the care team
// finds it in the inbox (client, author by name, new messages), reads and answers it, and the
// first clinician sees the answer; a message with a stored-XSS payload is text; a clinician
// outside the care team sees nothing of it.
import { XSS_NAME, expect, expectAccessible, test } from "./fixtures";
import { apiAs, screenshots, signInAs } from "./teamFixtures";

test("a consultation started from the client page is answered by a colleague from the inbox", async ({ page, browser }) => {
  // One of demo-ana's clients, with demo-ben added to the care team as a consultant.
  const ana = await apiAs("demo-ana");
  const ben = await apiAs("demo-ben");
  const caseload = (await ana.call("GET", "/api/v1/caseload?limit=5")) as {
    items: { client_id: number; name: string }[];
  };
  const client = caseload.items[1] as { client_id: number; name: string };
  await ana.call("POST", `/api/v1/clients/${client.client_id}/care-team`, { user_id: ben.userId, role: "consultant" });

  await page.goto(`/clients/${client.client_id}`);
  await signInAs(page, "demo-ana");
  await page.getByRole("main").getByRole("link", { name: "Consultations", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Consultations", level: 1 })).toBeVisible();
  await expect(page.getByText(`No consultations about ${client.name} yet.`)).toBeVisible();
  const start = page.getByRole("button", { name: "Start the consultation" });
  await page.getByLabel("First message").fill("She asks whether to pause the activity schedule over the holidays.");
  await expect(start).toBeDisabled(); // no topic yet
  await page.getByLabel("Topic").fill("Pausing activity scheduling over the holidays");
  await expectAccessible(page, "a client's consultations");
  await start.click();

  await expect(page.getByRole("heading", { name: "Pausing activity scheduling over the holidays", level: 1 })).toBeVisible();
  const first = page.locator("ol.messages li").first();
  await expect(first).toContainText("Ana (CBT)");
  await expect(first).toContainText("(you)");
  await expect(first).toContainText("She asks whether to pause");
  await expectAccessible(page, "a consultation thread");

  // demo-ben, on the care team: the inbox shows the thread, its client and one new message.
  const colleague = await browser.newContext();
  const other = await colleague.newPage();
  await other.goto("/");
  await signInAs(other, "demo-ben");
  await other.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Consultations" }).click();
  const row = other.locator(".thread-row").filter({ hasText: "Pausing activity scheduling over the holidays" });
  await expect(row).toContainText(`About ${client.name}`);
  await expect(row).toContainText("1 message from Ana (CBT)");
  await expect(row).toContainText("1 new message");
  await expect(row).toContainText("You have not written here yet");
  await expectAccessible(other, "the consultation inbox");
  await screenshots(other, "20-consultation-inbox");
  await other.getByLabel("Show").selectOption("unread");
  await expect(row).toBeVisible();
  await row.getByRole("link", { name: "Pausing activity scheduling over the holidays" }).click();
  await expect(other.locator("ol.messages li").first()).toContainText("Ana (CBT)");
  await expect(other.locator("ol.messages li").first()).not.toContainText("(you)");
  await other.getByLabel("Your reply").fill(`Keep one small activity a week. ${XSS_NAME}`);
  await other.getByRole("button", { name: "Send reply" }).click();
  const reply = other.locator("ol.messages li").nth(1);
  await expect(reply).toContainText("Ben (psychodynamic)");
  await expect(reply).toContainText(XSS_NAME);
  await expect(other.getByLabel("Your reply")).toHaveValue("");
  await screenshots(other, "21-consultation-thread");
  await other.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Consultations" }).click();
  await expect(row).toContainText("Up to date");
  await colleague.close();

  // demo-ana: the answer is new to her, by name; the payload is text and nothing ran.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Consultations" }).click();
  const mine = page.locator(".thread-row").filter({ hasText: "Pausing activity scheduling over the holidays" });
  await expect(mine).toContainText("2 messages from Ana (CBT), Ben (psychodynamic)");
  await expect(mine).toContainText("1 new message");
  await mine.getByRole("link", { name: "Pausing activity scheduling over the holidays" }).click();
  await expect(page.locator("ol.messages li").nth(1)).toContainText(XSS_NAME);
  expect(await page.locator("img[src=x]").count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  await page.locator(".lede").getByRole("link", { name: client.name }).click();
  await expect(page.getByRole("heading", { name: client.name, level: 1 })).toBeVisible();
});

test("someone outside the care team sees no thread and cannot open the client's consultations", async ({ page }) => {
  const ana = await apiAs("demo-ana");
  const caseload = (await ana.call("GET", "/api/v1/caseload?limit=5")) as { items: { client_id: number }[] };
  const client = (caseload.items[2] as { client_id: number }).client_id;
  await ana.call("POST", `/api/v1/clients/${client}/consultations`, { topic: "Only for the care team" });
  // demo-ben, a clinician not on this client's care team. (demo-sue is not "outside":
  // she supervises Ana's team and may read her clients for supervision, decision 0210.)
  await page.goto("/consultations");
  await signInAs(page, "demo-ben");
  await expect(page.getByRole("heading", { name: "Consultations", level: 1 })).toBeVisible();
  await expect(page.getByText("Only for the care team")).toHaveCount(0);
  await page.goto(`/clients/${client}/consultations`);
  await expect(page.getByText("This record does not exist, or you do not have access to it.")).toBeVisible();
  await expect(page.getByText("Only for the care team")).toHaveCount(0);
});
