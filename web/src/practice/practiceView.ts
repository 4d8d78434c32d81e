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
  clients: number;
  closedEpisodes: number;
  reliableImprovement: string;
  recovery: string;
  deterioration: string;
  handling: number | null;
  completion: string;
}

/// The per-clinician breakdown (`by_clinician`: admins every lead clinician, supervisors their
/// teams' clinicians, a clinician themselves), one row per clinician in the server's order;
/// null when the answer has none.
export function clinicianRows(statistics: PracticeStatistics): ClinicianRow[] | null {
  if (!statistics.by_clinician) return null;
  return statistics.by_clinician.map(({ name, statistics: figures }) => ({
    name,
    clients: figures.clients,
    closedEpisodes: figures.episodes.closed,
    reliableImprovement: formatRate(
      figures.nhs_talking_therapies.reliable_improvement,
      figures.nhs_talking_therapies.paired_episodes,
    ),
    recovery: formatRate(figures.nhs_talking_therapies.recovery, figures.nhs_talking_therapies.caseness),
    deterioration: formatRate(
      figures.nhs_talking_therapies.reliable_deterioration,
      figures.nhs_talking_therapies.paired_episodes,
    ),
    handling: figures.alerts.median_hours_to_first_handling,
    completion: formatRate(figures.measure_completion.with_measure, figures.measure_completion.attended_sessions),
  }));
}

/// "2026-03-01" `months` months before `today` (the day of the month kept where it exists).
export function monthsBefore(today: string, months: number): string {
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() - months);
  return date.toISOString().slice(0, 10);
}
