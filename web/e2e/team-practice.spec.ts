// The practice dashboard: the signed-in clinician's figures as the statistics route gives
// them, each rate with its count; a period chosen with the date pickers or a quick range (kept
// in the address) changes them as the route does; a supervisor's and an admin's scope.
import { expect, expectAccessible, test } from "./fixtures";
import { apiAs, screenshots, signInAs } from "./teamFixtures";

interface Stats {
  clients: number;
  nhs_talking_therapies: { paired_episodes: number; caseness: number; recovery: number; reliable_improvement: number };
  measure_completion: { attended_sessions: number; with_measure: number };
  outcomes: Record<string, { episodes: number; categories: Record<string, number> }>;
}

const rate = (count: number, of: number) => (of === 0 ? "— (none to count)" : `${Math.round((count / of) * 100)}% (${count} of ${of})`);

// demo-ben: in the demo practice his clients' episodes are the closed ones.
test("a clinician reads the practice's outcome rates over a period", async ({ page }) => {
  const ben = await apiAs("demo-ben");
  const all = (await ben.call("GET", "/api/v1/statistics/practice")) as Stats;
  expect(all.nhs_talking_therapies.paired_episodes).toBeGreaterThan(0);

  await page.goto("/");
  await signInAs(page, "demo-ben");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Practice" }).click();
  await expect(page.getByRole("heading", { name: "Practice", level: 1 })).toBeVisible();
  await expect(page.locator(".lede")).toContainText("The clients of the care teams you are on, all time");
  const nhs = page.getByRole("region", { name: "NHS Talking Therapies indicators" });
  const { nhs_talking_therapies: tt } = all;
  await expect(nhs.getByRole("row", { name: /^Recovery / })).toContainText(rate(tt.recovery, tt.caseness));
  await expect(nhs.getByRole("row", { name: /^Reliable improvement / })).toContainText(
    rate(tt.reliable_improvement, tt.paired_episodes),
  );
  await expect(page.getByText(rate(all.measure_completion.with_measure, all.measure_completion.attended_sessions))).toBeVisible();
  const phq9 = all.outcomes["phq9"] as { episodes: number; categories: Record<string, number> };
  const improved = (phq9.categories["recovered"] ?? 0) + (phq9.categories["improved"] ?? 0);
  const closed = page.getByRole("region", { name: "Outcomes of closed episodes" });
  await expect(closed.getByRole("row", { name: /^PHQ-9 / })).toContainText(rate(improved, phq9.episodes));
  // No clinician breakdown for a clinician.
  await expect(page.getByRole("heading", { name: "Per clinician" })).toHaveCount(0);
  await expectAccessible(page, "the practice dashboard");
  await screenshots(page, "30-practice");

  // A quick range: the address keeps it, the figures are the route's for it.
  await page.getByRole("button", { name: "Last 3 months" }).click();
  await expect(page).toHaveURL(/\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/);
  const url = new URL(page.url());
  const recent = (await ben.call("GET", `/api/v1/statistics/practice${url.search}`)) as Stats;
  await expect(nhs.getByRole("row", { name: /^Recovery / })).toContainText(
    rate(recent.nhs_talking_therapies.recovery, recent.nhs_talking_therapies.caseness),
  );

  // Dates typed in: the wrong way round is refused; a period before the demo practice had anything.
  await page.getByLabel("From", { exact: true }).fill("2001-12-31");
  await page.getByLabel("To", { exact: true }).fill("2001-01-01");
  await page.getByRole("button", { name: "Show", exact: true }).click();
  await expect(page.getByRole("alert")).toHaveText("The first day must not be after the last day.");
  await page.getByLabel("From", { exact: true }).fill("2001-01-01");
  await page.getByLabel("To", { exact: true }).fill("2001-12-31");
  await page.getByRole("button", { name: "Show", exact: true }).click();
  await expect(page).toHaveURL(/\?from=2001-01-01&to=2001-12-31$/);
  await expect(page.locator(".lede")).toContainText("1 Jan 2001 to 31 Dec 2001");
  await expect(nhs.getByRole("row", { name: /^Recovery / })).toContainText("— (none to count)");
  await expect(closed.getByText("No episode in this period has two scores on the same questionnaire.")).toBeVisible();
  await page.getByRole("button", { name: "All time" }).click();
  await expect(page).toHaveURL(/\/practice$/);
  await expect(nhs.getByRole("row", { name: /^Recovery / })).toContainText(rate(tt.recovery, tt.caseness));
});

test("an admin sees the whole practice, and a per-clinician section", async ({ page }) => {
  const admin = await apiAs("demo-admin");
  const all = (await admin.call("GET", "/api/v1/statistics/practice")) as Stats & {
    by_clinician: { name: string }[];
  };
  await page.goto("/practice");
  await signInAs(page, "demo-admin");
  await expect(page.locator(".lede")).toContainText("Every client of the practice, all time");
  await expect(page.locator(".tiles")).toContainText(`Clients${all.clients}`);
  const perClinician = page.getByRole("region", { name: "Per clinician" });
  await expect(perClinician).toBeVisible();
  // An admin's answer breaks the practice down by every lead clinician (demo-ana, -ben, -cleo).
  expect(all.by_clinician.length).toBeGreaterThanOrEqual(3);
  await expect(perClinician.getByRole("row")).toHaveCount(all.by_clinician.length + 1);
  for (const clinician of all.by_clinician) await expect(perClinician).toContainText(clinician.name);
  await expectAccessible(page, "the practice dashboard of an admin");
  await screenshots(page, "31-practice-admin");
});
