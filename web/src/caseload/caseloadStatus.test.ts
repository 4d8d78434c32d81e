import { describe, expect, it } from "vitest";
import { caseloadStatus, sortByNeed, type CaseloadStatus } from "./caseloadStatus";

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

describe("sortByNeed", () => {
  it("puts risk first, then more alerts, then name", () => {
    const rows = [
      { name: "Ava", status: "no_open_alerts" as const, openAlerts: 0 },
      { name: "Cai", status: "not_on_track" as const, openAlerts: 1 },
      { name: "Bo", status: "not_on_track" as const, openAlerts: 3 },
      { name: "Dee", status: "risk" as const, openAlerts: 1 },
      { name: "Eli", status: "episode_closed" as const, openAlerts: 0 },
    ];
    expect(sortByNeed(rows).map((row) => row.name)).toEqual(["Dee", "Bo", "Cai", "Ava", "Eli"]);
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
