// A clinician's day in the real app: sign in, the caseload, a client's progress chart, the
// alerts inbox; a session that ends and returns to the same page; another team's client out
// of reach; a stored-XSS payload shown as text. Every page is checked with axe-core, and
// every test fails on any Content-Security-Policy violation or dialog (fixtures.ts).
import { XSS_NAME, expect, expectAccessible, password, signIn, test } from "./fixtures";
import { currentStep, totpCode } from "./totp";

test("the page is served with a strict policy and the assets are cached as immutable", async ({ page }) => {
  const response = await page.goto("/");
  const policy = response?.headers()["content-security-policy"] ?? "";
  expect(policy).toContain("script-src 'self'");
  expect(policy).toContain("style-src 'self'");
  expect(policy).not.toContain("unsafe-inline");
  expect(policy).not.toContain("unsafe-eval");
  expect(response?.headers()["cache-control"]).toBe("no-store");
  const script = await page.locator("script[type=module]").first().getAttribute("src");
  expect(script).toMatch(/^\/assets\/.+-[\w-]{8}\.js$/);
  const asset = await page.request.get(script as string);
  expect(asset.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
  expect(asset.headers()["content-type"]).toBe("text/javascript; charset=utf-8");
  const api = await page.request.get("/api/v1/nothing-here");
  expect(api.status()).toBe(404);
  expect(api.headers()["content-type"]).toBe("application/json");
});

test("a clinician signs in, sees the caseload by need and opens a client's chart", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in\?next=%2F/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expectAccessible(page, "sign-in");

  await signIn(page, "demo-ana");
  await expect(page.getByRole("heading", { name: "Caseload" })).toBeVisible();
  const rows = page.locator("table.caseload tbody tr");
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThan(3);
  // Status in words on every row.
  const firstStatus = (await rows.first().locator(".status").textContent()) ?? "";
  expect(firstStatus.trim().length).toBeGreaterThan(0);
  await expectAccessible(page, "caseload");

  // The client most in need: their page with a chart per questionnaire.
  const firstName = (await rows.first().locator("th a").textContent()) ?? "";
  const scored = rows.filter({ hasNot: page.getByText("No scores", { exact: true }) }).first();
  const scoredName = (await scored.locator("th a").textContent()) ?? firstName;
  await scored.locator("th a").click();
  await expect(page.getByRole("heading", { level: 1, name: scoredName })).toBeVisible();
  const chart = page.locator(".progress-chart canvas").first();
  await expect(chart).toBeVisible();
  await expect(page.locator(".progress .course").first()).toContainText("session");
  await expect(page.getByRole("heading", { name: "Open alerts" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Treatment plan" })).toBeVisible();
  // Scores are whole numbers as a clinician reads them.
  await page.getByText("Scores as a table").first().click();
  const scores = await page.locator(".scores-table tbody td:nth-child(3)").allTextContents();
  expect(scores.length).toBeGreaterThan(0);
  for (const score of scores) expect(score).toMatch(/^\d+(\.\d)?$/);
  await expectAccessible(page, "client page");
});

test("the alerts inbox lists open alerts by severity and one can be acknowledged", async ({ page }) => {
  await page.goto("/alerts");
  await signIn(page, "demo-ana");
  await expect(page.getByRole("heading", { name: "Alerts", level: 1 })).toBeVisible();
  const cards = page.locator(".alert-list article");
  await expect(cards.first()).toBeVisible();
  const before = await cards.count();
  await expectAccessible(page, "alerts");
  const first = cards.first();
  await first.getByRole("button", { name: "Acknowledge…" }).click();
  await first.getByLabel("Note (what you did or will do)").fill("Discussed at today's session; plan reviewed.");
  await first.getByRole("button", { name: "Acknowledge", exact: true }).click();
  await expect(page.locator(".alert-list article")).toHaveCount(before - 1);
});

test("when the session ends the page says so and returns to where the clinician was", async ({ page }) => {
  await page.goto("/");
  await signIn(page, "demo-ana");
  await page.locator("table.caseload tbody tr th a").first().click();
  await expect(page.getByRole("heading", { name: "Open alerts" })).toBeVisible();
  // The session ends on the server (as after the idle time-out): the next call gets a 401.
  const csrf = await page.evaluate(async () => {
    const me = await fetch("/api/v1/me").then((answer) => answer.json());
    return (me as { csrf_token: string }).csrf_token;
  });
  await page.evaluate(async (token) => {
    await fetch("/api/v1/logout", { method: "POST", headers: { "X-CSRF-Token": token } });
  }, csrf);
  await page.getByRole("link", { name: "Alerts" }).click();
  await expect(page.getByText("Your session ended")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in\?next=%2Falerts&ended=1/);
  await signIn(page, "demo-ana");
  await expect(page).toHaveURL(/\/alerts$/);
  await expect(page.getByRole("heading", { name: "Alerts", level: 1 })).toBeVisible();
});

test("a clinician outside the team cannot reach another clinician's client", async ({ page }) => {
  const client = process.env.TESSERA_E2E_XSS_CLIENT;
  await page.goto(`/clients/${client}`);
  await signIn(page, "demo-ben");
  // demo-ben's first sign-in creates his note key: its recovery code is shown once first.
  await page.getByLabel("I have written the recovery code down somewhere safe").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(new RegExp(`/clients/${client}$`));
  await expect(page.getByText("This record does not exist, or you do not have access to it.")).toBeVisible();
  await expect(page.getByText(XSS_NAME)).toHaveCount(0);
});

test("a stored-XSS payload in a client's name is shown as text and runs nothing", async ({ page }) => {
  await page.goto("/");
  await signIn(page, "demo-ana");
  await page.getByLabel("Find a client").fill("onerror");
  const link = page.getByRole("link", { name: XSS_NAME, exact: true });
  await expect(link).toBeVisible();
  await link.click();
  await expect(page.getByRole("heading", { level: 1, name: XSS_NAME, exact: true })).toBeVisible();
  await expect(page.getByText("No episode of care yet.")).toBeVisible();
  expect(await page.locator("img[src=x]").count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  await expectAccessible(page, "client page without an episode");
});

test("an account with a second factor is asked for its code after the password", async ({ page, request }) => {
  // demo-cleo enrols a TOTP factor over the API, as she would from her account page.
  const login = await request.post("/api/v1/login", {
    data: { username: "demo-cleo", password: password("demo-cleo"), credential: "bearer" },
  });
  const { token } = (await login.json()) as { token: string };
  const headers = { Authorization: `Bearer ${token}` };
  const fresh = await request.post("/api/v1/me/totp/secret", { headers });
  const { secret } = (await fresh.json()) as { secret: string };
  const step = currentStep();
  const enrolled = await request.post("/api/v1/me/totp", {
    headers,
    data: { secret, code: totpCode(secret, step) },
  });
  expect(enrolled.ok()).toBe(true);

  await page.goto("/alerts");
  await signIn(page, "demo-cleo");
  const code = page.getByLabel("Code from your authenticator app");
  await expect(code).toBeVisible();
  await expect(code).toBeFocused();
  await expectAccessible(page, "sign-in with a code");
  await code.fill("000000" === totpCode(secret, step + 1) ? "111111" : "000000");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("That code is not right, or was already used");
  // The next step's code: a used step is refused as a replay, and the server accepts one
  // step either side of its own.
  await code.fill(totpCode(secret, step + 1));
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/alerts$/);
  await expect(page.getByRole("heading", { name: "Alerts", level: 1 })).toBeVisible();
});
