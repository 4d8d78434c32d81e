import { describe, expect, it } from "vitest";
import { type PracticeStatistics, clinicianRows, indicatorRows, monthsBefore, outcomeRows } from "./practiceView";

/// An empty answer of GET /api/v1/statistics/practice, in its documented shape.
function statistics(): PracticeStatistics {
  return {
    administrations: 0,
    alerts: { handled: 0, median_hours_to_first_handling: null, open: 0 },
    clients: 0,
    episodes: { closed: 0, open: 0 },
    measure_completion: { attended_sessions: 0, rate: null, with_measure: 0 },
    nhs_talking_therapies: {
      caseness: 0,
      paired_episodes: 0,
      recovery: 0,
      recovery_rate: null,
      reliable_deterioration: 0,
      reliable_improvement: 0,
      reliable_improvement_rate: null,
      reliable_recovery: 0,
      reliable_recovery_rate: null,
    },
    outcomes: {},
    outcomes_open: {},
    period: { from: null, to: null },
    sessions: 0,
  };
}

describe("practice statistics as read", () => {
  it("gives each outcome share with its count and leaves out questionnaires without pairs", () => {
    const rows = outcomeRows(
      {
        phq9: { episodes: 26, categories: { recovered: 7, improved: 4, unchanged: 13, deteriorated: 2 } },
        gad7: { episodes: 3, categories: { unchanged: 3 } },
        core10: { episodes: 0, categories: {} },
      },
      new Map([["phq9", "PHQ-9"]]),
    );
    expect(rows.map((row) => row.instrument)).toEqual(["PHQ-9", "gad7"]);
    expect(rows[0]).toMatchObject({
      episodes: 26,
      improved: "42% (11 of 26)",
      recovered: "27% (7 of 26)",
      unchanged: "50% (13 of 26)",
      deteriorated: "8% (2 of 26)",
    });
    expect(rows[1]?.improved).toBe("0% (0 of 3)");
  });

  it("counts recovery over cases and improvement over paired episodes", () => {
    const rows = indicatorRows({
      paired_episodes: 10,
      caseness: 8,
      recovery: 4,
      reliable_improvement: 6,
      reliable_deterioration: 1,
      reliable_recovery: 3,
      recovery_rate: 0.5,
      reliable_recovery_rate: 0.375,
      reliable_improvement_rate: 0.6,
    });
    expect(rows.map((row) => `${row.name}: ${row.value}`)).toEqual([
      "Recovery: 50% (4 of 8)",
      "Reliable recovery: 38% (3 of 8)",
      "Reliable improvement: 60% (6 of 10)",
      "Reliable deterioration: 10% (1 of 10)",
    ]);
  });

  it("says so when there is nothing to count", () => {
    const rows = indicatorRows({
      paired_episodes: 0,
      caseness: 0,
      recovery: 0,
      reliable_improvement: 0,
      reliable_deterioration: 0,
      reliable_recovery: 0,
      recovery_rate: null,
      reliable_recovery_rate: null,
      reliable_improvement_rate: null,
    });
    expect(rows[0]?.value).toBe("— (none to count)");
  });

  it("reads the per-clinician breakdown when the answer has one, and nothing when not", () => {
    expect(clinicianRows(statistics())).toBeNull();
    const ana = statistics();
    ana.clients = 8;
    ana.episodes = { open: 3, closed: 5 };
    Object.assign(ana.nhs_talking_therapies, { paired_episodes: 5, caseness: 4, recovery: 2, reliable_improvement: 3, reliable_deterioration: 0 });
    ana.alerts.median_hours_to_first_handling = 5.5;
    ana.measure_completion = { attended_sessions: 40, with_measure: 34, rate: 0.85 };
    const practice = statistics();
    practice.by_clinician = [{ id: 2, name: "Ana Ortiz", statistics: ana }];
    expect(clinicianRows(practice)).toEqual([
      {
        name: "Ana Ortiz",
        clients: 8,
        closedEpisodes: 5,
        reliableImprovement: "60% (3 of 5)",
        recovery: "50% (2 of 4)",
        deterioration: "0% (0 of 5)",
        handling: 5.5,
        completion: "85% (34 of 40)",
      },
    ]);
  });

  it("goes back whole months for the quick ranges", () => {
    expect(monthsBefore("2026-12-07", 3)).toBe("2026-09-07");
    expect(monthsBefore("2026-12-07", 12)).toBe("2025-12-07");
  });
});
