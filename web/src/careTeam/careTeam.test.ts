import { describe, expect, it } from "vitest";
import { mayChangeCareTeam, mayChangeRecord, type CareTeamMember } from "./careTeamQueries";

const member = (userId: number, role: CareTeamMember["role"]): CareTeamMember => ({
  client_id: 1,
  user_id: userId,
  role,
});

describe("what the caller may change on a client's record", () => {
  const team = [member(2, "lead"), member(5, "supervisor")];
  it("lets a supervisor outside the care team only read (supervision)", () => {
    expect(mayChangeRecord("supervisor", 7, team)).toBe(false);
  });
  it("lets a supervisor on the care team write", () => {
    expect(mayChangeRecord("supervisor", 5, team)).toBe(true);
  });
  it("lets clinicians and admins who can open the record write", () => {
    expect(mayChangeRecord("clinician", 2, team)).toBe(true);
    expect(mayChangeRecord("admin", 9, team)).toBe(true);
    expect(mayChangeRecord("client", 2, team)).toBe(false);
  });
  it("lets only admins and clinicians change the care team", () => {
    expect(["admin", "clinician", "supervisor", "client"].map((role) => mayChangeCareTeam(role as never))).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});
