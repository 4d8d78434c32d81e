// The practice statistics (GET /api/v1/statistics/practice) as a clinician reads them: each
// rate a whole percentage with its count and what it is counted over. The categories and
// indicators are the server's (measures/change.hpp: Jacobson & Truax; NHS Talking Therapies,
// FACTS.md); nothing is recomputed here but the shares.
import type { Schemas } from "../api/types";
import { formatRate } from "../shared/format";

export type PracticeStatistics = Schemas["PracticeStatistics"];
type OutcomeCounts = PracticeStatistics["outcomes"][string];

export interface OutcomeRow {
  instrument: string;
  episodes: number;
  /// Reliable improvement, whether or not the score crossed the cut-off.
  improved: string;
  /// Reliably improved and crossed the clinical cut-off.
  recovered: string;
  unchanged: string;
  deteriorated: string;
}

function count(counts: OutcomeCounts, category: string): number {
  return counts.categories[category] ?? 0;
}

/// One row per questionnaire, in the order of `names` (instrument id -> short name), then the rest.
export function outcomeRows(
  outcomes: Record<string, OutcomeCounts>,
  names: ReadonlyMap<string, string> | undefined,
): OutcomeRow[] {
  return Object.entries(outcomes)
    .filter(([, counts]) => counts.episodes > 0)
    .map(([id, counts]) => ({
      instrument: names?.get(id) ?? id,
      episodes: counts.episodes,
      improved: formatRate(count(counts, "recovered") + count(counts, "improved"), counts.episodes),
      recovered: formatRate(count(counts, "recovered"), counts.episodes),
      unchanged: formatRate(count(counts, "unchanged"), counts.episodes),
      deteriorated: formatRate(count(counts, "deteriorated"), counts.episodes),
    }))
    .sort((left, right) => right.episodes - left.episodes || left.instrument.localeCompare(right.instrument));
}

export interface IndicatorRow {
  name: string;
  value: string;
  counted: string;
}

/// The NHS Talking Therapies paired-outcome indicators: recovery over the episodes that were a
/// case at the start, improvement and deterioration over every paired episode.
export function indicatorRows(nhs: PracticeStatistics["nhs_talking_therapies"]): IndicatorRow[] {
  const cases = "episodes that were a case at the first score (PHQ-9 ≥ 10 or GAD-7 ≥ 8)";
  const paired = "episodes with PHQ-9 and GAD-7 at the first and last session";
  return [
    { name: "Recovery", value: formatRate(nhs.recovery, nhs.caseness), counted: cases },
    { name: "Reliable recovery", value: formatRate(nhs.reliable_recovery, nhs.caseness), counted: cases },
    { name: "Reliable improvement", value: formatRate(nhs.reliable_improvement, nhs.paired_episodes), counted: paired },
    {
      name: "Reliable deterioration",
      value: formatRate(nhs.reliable_deterioration, nhs.paired_episodes),
      counted: paired,
    },
  ];
}

/// One clinician's figures, when the route gives a per-clinician breakdown (supervisors and
/// admins; the route on main does not yet: see docs/web.md).
export interface ClinicianRow {
  name: string;
  clients: number | null;
  closedEpisodes: number | null;
  reliableImprovement: string;
  recovery: string;
  deterioration: string;
  handling: number | null;
  completion: string;
}

type Loose = Record<string, unknown>;

function isObject(value: unknown): value is Loose {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function numberOf(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function nameOf(entry: Loose): string | null {
  const clinician = isObject(entry.clinician) ? entry.clinician : entry;
  for (const key of ["display_name", "name", "clinician_name", "username"]) {
    const value = clinician[key];
    if (typeof value === "string" && value !== "") return value;
  }
  return null;
}

/// The per-clinician breakdown, read from `by_clinician` (or `clinicians`): an array whose
/// entries name the clinician (`name`, `display_name` or `username`, or a `clinician` object
/// with one) and carry that clinician's statistics in the shape of the whole answer (flat or
/// under `statistics`). Anything else is left out rather than guessed.
export function clinicianRows(statistics: unknown): ClinicianRow[] | null {
  if (!isObject(statistics)) return null;
  const list = statistics.by_clinician ?? statistics.clinicians;
  if (!Array.isArray(list)) return null;
  const rows: ClinicianRow[] = [];
  for (const entry of list) {
    if (!isObject(entry)) continue;
    const name = nameOf(entry);
    if (name === null) continue;
    const figures = isObject(entry.statistics) ? entry.statistics : entry;
    const nhs = isObject(figures.nhs_talking_therapies) ? figures.nhs_talking_therapies : {};
    const episodes = isObject(figures.episodes) ? figures.episodes : {};
    const alerts = isObject(figures.alerts) ? figures.alerts : {};
    const completion = isObject(figures.measure_completion) ? figures.measure_completion : {};
    const rate = (part: unknown, whole: unknown) => {
      const partCount = numberOf(part);
      const wholeCount = numberOf(whole);
      return partCount === null || wholeCount === null ? "—" : formatRate(partCount, wholeCount);
    };
    rows.push({
      name,
      clients: numberOf(figures.clients),
      closedEpisodes: numberOf(episodes.closed),
      reliableImprovement: rate(nhs.reliable_improvement, nhs.paired_episodes),
      recovery: rate(nhs.recovery, nhs.caseness),
      deterioration: rate(nhs.reliable_deterioration, nhs.paired_episodes),
      handling: numberOf(alerts.median_hours_to_first_handling),
      completion: rate(completion.with_measure, completion.attended_sessions),
    });
  }
  return rows;
}

/// "2026-03-01" `months` months before `today` (the day of the month kept where it exists).
export function monthsBefore(today: string, months: number): string {
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() - months);
  return date.toISOString().slice(0, 10);
}
