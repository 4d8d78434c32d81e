import { describe, expect, it } from "vitest";
import type { Administration, Alert, CoursePoint, InstrumentDefinition, Session } from "../api/types";
import { describeCourse, numberSessions, progressSeries } from "./progress";

const phq9: InstrumentDefinition = {
  id: "phq9",
  name: "Patient Health Questionnaire-9",
  short_name: "PHQ-9",
  construct: "depression",
  direction: "higher_is_worse",
  bands: [
    { minimum: 0, maximum: 4, label: "minimal" },
    { minimum: 5, maximum: 9, label: "mild" },
    { minimum: 10, maximum: 14, label: "moderate" },
    { minimum: 15, maximum: 19, label: "moderately severe" },
    { minimum: 20, maximum: 27, label: "severe" },
  ],
  clinical_cutoff: { value: 10, clinical_when: "at_least" },
  items: [],
};

function session(id: number, date: string, episode = 1): Session {
  return {
    id, episode_id: episode, client_id: 1, date, attendance: "attended", techniques: [], supersedes: null,
    amendment_reason: "", recorded_by: 1, recorded_at: `${date}T10:00:00Z`,
  };
}

function administration(id: number, sessionId: number, total: number, at: string): Administration {
  return {
    id, client_id: 1, session_id: sessionId, instrument: "phq9", administered_at: at,
    answers: [], total, band: total >= 15 ? "moderately severe" : "moderate", supersedes: null,
    flags: [], subscales: {}, entry: "measure", reason: "", submitted_at: at,
  };
}

describe("numberSessions", () => {
  it("numbers the episode's sessions by date, then id, ignoring other episodes", () => {
    const numbers = numberSessions(
      [session(7, "2026-02-10"), session(3, "2026-02-03"), session(9, "2026-02-03"), session(4, "2026-01-01", 2)],
      1,
    );
    expect([...numbers.entries()]).toEqual([[3, 1], [9, 2], [7, 3]]);
  });
});

describe("progressSeries", () => {
  const sessions = [session(1, "2026-01-05"), session(2, "2026-01-12"), session(3, "2026-01-19")];
  const alert: Alert = {
    id: 5, client_id: 1, client_name: "Ana Example", kind: "not_on_track", raised_at: "2026-01-19T10:00:00Z",
    last_triggered_at: "2026-01-19T10:00:00Z", detail: "", administration_id: 13, episode_id: 1,
    instrument: "phq9", severity: "warning", severity_rank: 1, state: "open", handlings: [],
    actions: [], support: [],
    triggers: [{ administration_id: 13, triggered_at: "2026-01-19T10:00:00Z", severity: "warning", level: null, detail: "" }],
  };

  it("takes one score per session (the later), skips superseded ones, marks alerts", () => {
    const administrations = [
      administration(10, 1, 16, "2026-01-05T10:00:00Z"),
      administration(11, 2, 14, "2026-01-12T10:00:00Z"),
      administration(12, 2, 13, "2026-01-12T11:00:00Z"),
      administration(13, 3, 17, "2026-01-19T10:00:00Z"),
      { ...administration(14, 3, 18, "2026-01-19T12:00:00Z"), supersedes: 99 },
      { ...administration(15, 3, 19, "2026-01-19T13:00:00Z"), instrument: "gad7" },
    ];
    administrations[4]!.supersedes = 13;
    const series = progressSeries(phq9, administrations, sessions, 1, [alert]);
    expect(series.points.map((point) => [point.session, point.score])).toEqual([[1, 16], [2, 13], [3, 18]]);
    expect(series.points[2]!.alerts).toEqual([]);
    expect(series.cutoff).toBe(10);
  });

  it("attaches an alert to the session whose administration raised it", () => {
    const series = progressSeries(phq9, [administration(13, 3, 17, "2026-01-19T10:00:00Z")], sessions, 1, [alert]);
    expect(series.points[0]!.alerts.map((each) => each.id)).toEqual([5]);
  });

  it("attaches an alert to every later session that triggered it again", () => {
    const again = { ...alert, triggers: [...alert.triggers, { ...alert.triggers[0]!, administration_id: 16 }] };
    const series = progressSeries(
      phq9,
      [administration(13, 2, 17, "2026-01-12T10:00:00Z"), administration(16, 3, 18, "2026-01-19T10:00:00Z")],
      sessions, 1, [again],
    );
    expect(series.points.map((point) => point.alerts.length)).toEqual([1, 1]);
  });

  it("tiles the axis with the instrument's bands, most severe darkest", () => {
    const series = progressSeries(phq9, [], sessions, 1, []);
    expect(series.zones.map((zone) => [zone.low, zone.high])).toEqual([
      [0, 4.5], [4.5, 9.5], [9.5, 14.5], [14.5, 19.5], [19.5, 27],
    ]);
    expect(series.zones[0]!.severity).toBe(0);
    expect(series.zones[4]!.severity).toBe(1);
    expect(series.yMax).toBe(27);
  });

  it("inverts severity for instruments where higher is better", () => {
    const who5 = { ...phq9, direction: "higher_is_better" as const };
    expect(progressSeries(who5, [], sessions, 1, []).zones[0]!.severity).toBe(1);
  });
});

describe("progressSeries with the monitor's course", () => {
  it("puts each session's expected score and band beside its score, none at the baseline", () => {
    const sessions = [session(1, "2026-01-05"), session(2, "2026-01-12")];
    const administrations = [
      administration(10, 1, 16, "2026-01-05T10:00:00Z"),
      administration(11, 2, 15, "2026-01-12T10:00:00Z"),
    ];
    const course: CoursePoint[] = [
      { session: 1, session_id: 1, instrument: "phq9", primary: true, score: 16, expected: null,
        band_low: null, band_high: null, method: null, status: "on_track" },
      { session: 2, session_id: 2, instrument: "phq9", primary: true, score: 15, expected: 13.21,
        band_low: 9.6, band_high: 16.8, method: "growth_model", status: "on_track" },
      { session: 2, session_id: 2, instrument: "gad7", primary: false, score: 9, expected: 8,
        band_low: 5, band_high: 11, method: "rational_rule", status: "on_track" },
    ];
    const series = progressSeries(phq9, administrations, sessions, 1, [], course);
    expect(series.points[0]!.expected).toBeNull();
    expect(series.points[1]!.expected).toEqual({ value: 13.21, low: 9.6, high: 16.8, method: "growth_model" });
    expect(series.points[1]!.status).toBe("on_track");
  });
});

describe("describeCourse", () => {
  it("says the course in words with the change in points", () => {
    const series = progressSeries(
      phq9,
      [administration(10, 1, 18, "2026-01-05T10:00:00Z"), administration(11, 2, 12, "2026-01-12T10:00:00Z")],
      [session(1, "2026-01-05"), session(2, "2026-01-12")],
      1,
      [],
    );
    expect(describeCourse(series)).toBe(
      "PHQ-9 18 (moderately severe) at session 1, 12 (moderate) at session 2: 6 points better.",
    );
  });
});
