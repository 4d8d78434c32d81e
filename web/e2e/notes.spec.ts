// Notes in the real app: a progress note and a private psychotherapy note in their separate
// areas; a note half-written when the session ends is kept in the tab, offered again after
// signing in on the same page, and saved; signing out on purpose keeps nothing; a stored-XSS
// payload in a note is shown as text. Every page is checked with axe-core.
import { XSS_NAME, expect, expectAccessible, signIn, test } from "./fixtures";
import type { Page } from "@playwright/test";

/// Ends the session on the server (as the idle time-out does): the next call gets a 401.
async function endSession(page: Page) {
  await page.evaluate(async () => {
    const me = (await fetch("/api/v1/me").then((answer) => answer.json())) as { csrf_token: string };
    await fetch("/api/v1/logout", { method: "POST", headers: { "X-CSRF-Token": me.csrf_token } });
  });
}

async function openNotes(page: Page, rowIdx: number) {
  await page.goto("/");
  await signIn(page, "demo-ana");
  await page.locator("table.caseload tbody tr th a").nth(rowIdx).click();
  await page.getByRole("link", { name: "Notes", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Notes" })).toBeVisible();
}

test("progress notes and private psychotherapy notes are written in separate areas", async ({ page }) => {
  await openNotes(page, 2);
  const shared = page.locator("section[aria-labelledby=progress-notes-heading]");
  const own = page.locator("section[aria-labelledby=private-notes-heading]");
  await expect(own.getByRole("heading")).toContainText("Private");
  await expect(own).toContainText("Only you can read these");
  await shared.getByLabel("New progress note").fill("Reviewed the week; agreed two activities.\nNext: review the diary.");
  await shared.getByRole("button", { name: "Save progress note" }).click();
  await expect(shared.locator("ol.notes")).toContainText("agreed two activities");
  await expect(shared.getByLabel("New progress note")).toHaveValue("");
  await own.getByLabel("New psychotherapy note").fill("My sense: the avoidance protects against shame.");
  await own.getByRole("button", { name: "Save private note" }).click();
  await expect(own.locator("ol.notes")).toContainText("protects against shame");
  await expect(shared.locator("ol.notes")).not.toContainText("protects against shame");
  // A stored-XSS payload in a note is shown as text and runs nothing.
  await shared.getByLabel("New progress note").fill(XSS_NAME);
  await shared.getByRole("button", { name: "Save progress note" }).click();
  await expect(shared.locator("ol.notes").getByText(XSS_NAME, { exact: true })).toBeVisible();
  expect(await page.locator("img[src=x]").count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  await expectAccessible(page, "notes");
});

test("a note half-written when the session ends is offered again after signing in", async ({ page }) => {
  await openNotes(page, 3);
  const notesUrl = new URL(page.url()).pathname;
  const text = "Client described the panic at the station in detail; we began a graded plan";
  await page.getByLabel("New progress note").fill(text);
  await endSession(page);
  await page.getByRole("button", { name: "Save progress note" }).click();

  await expect(page.getByText("Your session ended")).toBeVisible();
  await signIn(page, "demo-ana");
  await expect(page).toHaveURL(new RegExp(`${notesUrl}$`));
  const offer = page.locator(".draft-offer");
  await expect(offer).toContainText("A note you were writing here was kept");
  await expect(offer).toContainText(text);
  await expectAccessible(page, "notes with a kept draft");
  await offer.getByRole("button", { name: "Restore it" }).click();
  await expect(page.getByLabel("New progress note")).toHaveValue(text);
  await page.getByRole("button", { name: "Save progress note" }).click();
  await expect(page.locator("section[aria-labelledby=progress-notes-heading] ol.notes")).toContainText(text);

  // Saved: nothing is offered again.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Notes" })).toBeVisible();
  await expect(page.locator(".draft-offer")).toHaveCount(0);
});

test("signing out on purpose keeps no half-written text", async ({ page }) => {
  await openNotes(page, 3);
  await page.getByLabel("New psychotherapy note").fill("Something private, not yet saved");
  expect(await page.evaluate(() => sessionStorage.length)).toBeGreaterThan(0);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
});
