import { describe, expect, it } from "vitest";
import { caseloadRow } from "./caseloadSource";
import { caseloadStatus, type CaseloadStatus } from "./caseloadStatus";

describe("caseloadStatus", () => {
  const cases: [string[], boolean, number, CaseloadStatus][] = [
    [["not_on_track", "risk_item"], false, 4, "risk"],
    [["flag:self-harm-thoughts"], false, 1, "risk"],
    [["reliable_deterioration"], false, 5, "not_on_track"],
    [["alliance_rupture", "dropout_risk"], false, 5, "alliance_concern"],
    [["dropout_risk"], false, 5, "dropout_risk"],
    [["low_motivation"], false, 5, "alert_to_review"],
    [[], false, 3, "no_open_alerts"],
    [[], false, 0, "no_scores"],
    [[], true, 8, "episode_closed"],
    // An open alert outranks a closed episode: it still needs handling.
    [["not_on_track"], true, 8, "not_on_track"],
  ];
  it.each(cases)("open %j, closed %s, %i scores -> %s", (kinds, closed, scores, expected) => {
    expect(
      caseloadStatus({ openAlertKinds: kinds, episodeClosed: closed, scoreCount: scores }),
    ).toBe(expected);
  });
});

describe("caseloadRow", () => {
  it("keeps the server's status and adds up the active alerts", () => {
    const row = caseloadRow({
      client_id: 3,
      name: "Dee",
      status: "risk",
      status_rank: 0,
      active_alerts: { critical: 1, high: 0, warning: 2, info: 0 },
      oldest_active_alert_at: "2026-01-05T09:00:00Z",
      episode_id: 4,
      last_session: "2026-01-19",
      outcome: { instrument: "phq9", first: 14, latest: 16 },
      plan: { id: 7, version: 2, phase: "safety and stabilisation" },
      due: {
        episode_id: 4,
        session_id: 9,
        session_date: "2026-01-26",
        session_number: 3,
        before_session: ["phq9", "gad7"],
        end_of_session: ["wai-sr"],
        given: [],
      },
    });
    expect(row.status).toBe("risk");
    expect(row.activeAlerts).toBe(3);
    expect(row.criticalAlerts).toBe(1);
    expect(row.planPhase).toBe("safety and stabilisation");
    expect(row.outcome?.latest).toBe(16);
    expect(row.due).toEqual({ sessionNumber: 3, beforeSession: ["phq9", "gad7"], endOfSession: ["wai-sr"] });
    const empty = caseloadRow({
      client_id: 5,
      name: "Eli",
      status: "no_data",
      status_rank: 6,
      active_alerts: { critical: 0, high: 0, warning: 0, info: 0 },
      oldest_active_alert_at: null,
      episode_id: null,
      last_session: null,
      outcome: null,
      plan: null,
      due: null,
    });
    expect(empty.activeAlerts).toBe(0);
    expect(empty.due).toBeNull();
    expect(empty.planPhase).toBeNull();
    expect(empty.planVersion).toBeNull();
  });
});

describe("alertDetail", () => {
  it("drops the severity the card already shows", async () => {
    const { alertDetail } = await import("../alerts/alertKinds");
    expect(alertDetail("high: gad7 has reliably deteriorated since the baseline")).toBe(
      "gad7 has reliably deteriorated since the baseline",
    );
    expect(alertDetail("phq9 14; expected band 8 to 15")).toBe("phq9 14; expected band 8 to 15");
  });
});
