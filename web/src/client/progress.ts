// The data of one progress chart: a questionnaire's scores by session number within the
// episode, the monitor's expected score and band for each session (GET .../course), the
// instrument's severity zones and clinical cut-off (from its definition file, served by
// GET /api/v1/instruments/{id}), and the sessions at which alerts were raised.
// Pure, so the numbers the chart draws are tested without a browser.
import type { Administration, Alert, CoursePoint, InstrumentDefinition, Session } from "../api/types";

export interface ProgressPoint {
  session: number; // 1-based, by date within the episode
  date: string;
  score: number;
  band: string;
  administrationId: number;
  alerts: Alert[];
  /// The monitor's expectation for this session (absent for the baseline score).
  expected: { value: number; low: number; high: number; method: string } | null;
  status: string | null;
}

export interface Zone {
  low: number;
  high: number;
  label: string;
  /// 0 = least severe .. 1 = most severe (for the shade).
  severity: number;
}

export interface ProgressSeries {
  instrument: string;
  title: string;
  points: ProgressPoint[];
  zones: Zone[];
  cutoff: number | null;
  higherIsWorse: boolean;
  yMax: number;
}

/// Sessions of the episode numbered as the monitor numbers them: by date, then id.
export function numberSessions(sessions: Session[], episodeId: number): Map<number, number> {
  const ordered = sessions
    .filter((session) => session.episode_id === episodeId)
    .sort((left, right) => left.date.localeCompare(right.date) || left.id - right.id);
  return new Map(ordered.map((session, sessionIdx) => [session.id, sessionIdx + 1]));
}

export function progressSeries(
  definition: InstrumentDefinition,
  administrations: Administration[],
  sessions: Session[],
  episodeId: number,
  alerts: Alert[],
  course: CoursePoint[] = [],
): ProgressSeries {
  const judged = new Map(
    course
      .filter((point) => point.instrument === definition.id)
      .map((point) => [point.session_id, point]),
  );
  const numbers = numberSessions(sessions, episodeId);
  const dates = new Map(sessions.map((session) => [session.id, session.date]));
  const superseded = new Set(administrations.map((each) => each.supersedes).filter(Boolean));
  // One score per session: a questionnaire given twice counts once, the later (as the
  // monitor counts it).
  const bySession = new Map<number, Administration>();
  for (const administration of administrations) {
    if (administration.instrument !== definition.id) continue;
    if (superseded.has(administration.id) || administration.total === null) continue;
    if (administration.session_id === null || !numbers.has(administration.session_id)) continue;
    const earlier = bySession.get(administration.session_id);
    if (!earlier || earlier.administered_at <= administration.administered_at) {
      bySession.set(administration.session_id, administration);
    }
  }
  const points: ProgressPoint[] = [...bySession.entries()]
    .map(([sessionId, administration]) => ({
      session: numbers.get(sessionId) as number,
      date: dates.get(sessionId) ?? administration.administered_at,
      score: administration.total as number,
      band: administration.band,
      administrationId: administration.id,
      alerts: alerts.filter((alert) => firedAt(alert, administration.id)),
      ...expectationOf(judged.get(sessionId)),
    }))
    .sort((left, right) => left.session - right.session);

  const bands = definition.bands ?? [];
  const higherIsWorse = definition.direction !== "higher_is_better";
  const zones: Zone[] = bands.map((band, bandIdx) => {
    const rank = bands.length > 1 ? bandIdx / (bands.length - 1) : 0;
    return {
      // Whole-number bands (0–4, 5–9) meet halfway, so the zones tile the axis.
      low: bandIdx === 0 ? band.minimum : band.minimum - 0.5,
      high: bandIdx === bands.length - 1 ? band.maximum : band.maximum + 0.5,
      label: band.label,
      severity: higherIsWorse ? rank : 1 - rank,
    };
  });
  const bandMax = bands.length > 0 ? Math.max(...bands.map((band) => band.maximum)) : 0;
  const scoreMax = Math.max(0, ...points.map((point) => Math.max(point.score, point.expected?.high ?? 0)));
  return {
    instrument: definition.id,
    title: definition.short_name || definition.name,
    points,
    zones,
    cutoff: definition.clinical_cutoff?.value ?? null,
    higherIsWorse,
    // The instrument's whole range when it has bands (a chart of 0–27 for every PHQ-9).
    yMax: bands.length > 0 ? bandMax : Math.max(scoreMax, 1),
  };
}

function expectationOf(point: CoursePoint | undefined): Pick<ProgressPoint, "expected" | "status"> {
  if (!point) return { expected: null, status: null };
  const { expected, band_low: low, band_high: high, method } = point;
  return {
    expected:
      expected !== null && low !== null && high !== null
        ? { value: expected, low, high, method: method ?? "" }
        : null,
    status: point.status,
  };
}

/// Whether any session has an expected band (the chart then draws it and says so).
export function hasExpectedBand(series: ProgressSeries): boolean {
  return series.points.some((point) => point.expected !== null);
}

/// One sentence on the course so far, in words, for the chart's caption and screen readers.
export function describeCourse(series: ProgressSeries): string {
  const { points, title } = series;
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return `No ${title} scores in this episode yet.`;
  if (points.length === 1) {
    return `${title} ${first.score} (${first.band}) at session ${first.session}.`;
  }
  const change = last.score - first.score;
  const better = series.higherIsWorse ? change < 0 : change > 0;
  const direction = change === 0 ? "no change" : `${Math.abs(change)} points ${better ? "better" : "worse"}`;
  return (
    `${title} ${first.score} (${first.band}) at session ${first.session}, ` +
    `${last.score} (${last.band}) at session ${last.session}: ${direction}.`
  );
}

/** An alert fired at an administration when it was raised there or triggered again by it. */
function firedAt(alert: Alert, administrationId: number): boolean {
  return (
    alert.administration_id === administrationId ||
    alert.triggers.some((trigger) => trigger.administration_id === administrationId)
  );
}
