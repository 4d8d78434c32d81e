import { describe, expect, it } from "vitest";
import { alertHistory, isRiskAlert } from "./alertHistory";

const trigger = (at: string, detail: string, level: number | null = null) => ({
  administration_id: 1,
  triggered_at: at,
  severity: "critical" as const,
  level,
  detail,
});
const handling = (at: string, action: string, by: number, note: string) => ({
  handled_by: by,
  handled_at: at,
  action,
  note,
});

describe("an alert's history", () => {
  it("puts triggers and handlings in time order with who did what", () => {
    const history = alertHistory(
      {
        triggers: [trigger("2026-12-01T10:00:00Z", "item 9 endorsed", 1), trigger("2026-12-08T10:00:00Z", "item 9 endorsed", 2)],
        handlings: [
          handling("2026-12-02T09:00:00Z", "acknowledged", 7, "Risk assessed in session"),
          handling("2026-12-09T09:00:00Z", "resolved", 9, "Safety plan reviewed with the client"),
        ],
      },
      7,
    );
    expect(history.map((entry) => [entry.what, entry.who])).toEqual([
      ["Raised", null],
      ["Acknowledged", "you"],
      ["Triggered again", null],
      ["Resolved", "account 9"],
    ]);
    expect(history[0]?.text).toBe("item 9 endorsed (answer 1)");
    expect(history[3]?.text).toBe("Safety plan reviewed with the client");
  });

  it("reads an automatic resolution as nobody's and an old free-text action as an acknowledgement", () => {
    const history = alertHistory(
      {
        triggers: [],
        handlings: [
          handling("2026-12-02T09:00:00Z", "discussed in session", 3, "talked it through"),
          handling("2026-12-03T09:00:00Z", "auto_resolved", 3, "back on track"),
        ],
      },
      null,
    );
    expect(history.map((entry) => [entry.what, entry.who])).toEqual([
      ["Acknowledged (discussed in session)", "account 3"],
      ["Resolved automatically (the condition cleared)", null],
    ]);
  });

  it("names who handled an alert when their name is known", () => {
    const history = alertHistory(
      {
        triggers: [],
        handlings: [
          handling("2026-12-02T09:00:00Z", "acknowledged", 3, "seen"),
          handling("2026-12-03T09:00:00Z", "resolved", 4, "done"),
          handling("2026-12-04T09:00:00Z", "reopened", 9, "again"),
        ],
      },
      4,
      new Map([[3, "Ben (psychodynamic)"]]),
    );
    expect(history.map((entry) => entry.who)).toEqual(["Ben (psychodynamic)", "you", "account 9"]);
  });

  it.each([
    ["risk_item", true],
    ["flag:self-harm-thoughts", true],
    ["not_on_track", false],
    ["reliable_deterioration", false],
  ])("%s is a risk alert: %s", (kind, risk) => {
    expect(isRiskAlert(kind)).toBe(risk);
  });
});
