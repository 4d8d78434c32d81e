// A client's care team: who works on the case and in what role (membership is what lets a
// clinician open the record), adding and taking off members, and what the caller may do on the
// record because of it.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { allPages, api, data } from "../api/client";
import type { Role, Schemas } from "../api/types";
import { useMe } from "../auth/session";

export type CareTeamMember = Schemas["CareTeamMember"];
export type CareTeamRole = CareTeamMember["role"];

/// The roles in the words a clinician uses, in the order they are offered.
export const CARE_TEAM_ROLE_WORDS: Record<CareTeamRole, string> = {
  lead: "Lead clinician",
  co_therapist: "Co-therapist",
  supervisor: "Supervisor",
  consultant: "Consultant",
};

export function useCareTeam(clientId: number) {
  return useQuery({
    queryKey: ["client", clientId, "care-team"],
    queryFn: () =>
      allPages<CareTeamMember>((cursor) =>
        api.GET("/api/v1/clients/{client_id}/care-team", {
          params: { path: { client_id: clientId }, query: { limit: 200, cursor } },
        }),
      ),
  });
}

/// The clinicians who may join a care team: the therapist profiles linked to an account.
export function useLinkedTherapists() {
  return useQuery({
    queryKey: ["therapists", "linked"],
    queryFn: async () => {
      const therapists = await allPages<Schemas["Therapist"]>((cursor) =>
        api.GET("/api/v1/therapists", { params: { query: { limit: 200, cursor } } }),
      );
      return therapists.flatMap((therapist) =>
        therapist.user_id === null || therapist.user_id === undefined
          ? []
          : [{ userId: therapist.user_id, name: therapist.display_name, homeModel: therapist.home_model }],
      );
    },
  });
}

export function useAddCareTeamMember(clientId: number) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["AddCareTeamMemberRequest"]) =>
      data(api.POST("/api/v1/clients/{client_id}/care-team", { params: { path: { client_id: clientId } }, body })),
    onSuccess: () => queries.invalidateQueries({ queryKey: ["client", clientId, "care-team"] }),
  });
}

export function useRemoveCareTeamMember(clientId: number) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (userId: number) =>
      data(
        api.DELETE("/api/v1/clients/{client_id}/care-team/{user_id}", {
          params: { path: { client_id: clientId, user_id: userId } },
        }),
      ),
    onSuccess: () => queries.invalidateQueries({ queryKey: ["client", clientId, "care-team"] }),
  });
}

/// Whether the caller may change the record, as the server decides (docs/decisions/0210): a
/// supervisor who is not on the care team reads a team client for supervision and writes
/// nothing; clinicians who can open the record at all (care team or break-glass) and admins may.
export function mayChangeRecord(role: Role, userId: number, team: readonly CareTeamMember[]): boolean {
  if (role === "client") return false;
  if (role !== "supervisor") return true;
  return team.some((member) => member.user_id === userId);
}

/// Who may add and take off care-team members (the API's roles: admins and clinicians).
export function mayChangeCareTeam(role: Role): boolean {
  return role === "admin" || role === "clinician";
}

/// mayChangeRecord for the signed-in account on this client (undefined until both are loaded).
export function useMayChangeRecord(clientId: number): boolean | undefined {
  const me = useMe().data;
  const team = useCareTeam(clientId).data;
  if (!me || team === undefined) return undefined;
  return mayChangeRecord(me.user.role, me.user.id, team);
}
