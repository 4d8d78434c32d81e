// Teams of clinicians and their supervisors (docs/decisions/0210-supervision-read-access.md), as
// an admin keeps them: every team with its members, creating and renaming one, adding a member.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { allPages, api, data } from "../api/client";
import type { Schemas } from "../api/types";

export type Team = Schemas["Team"];
export type TeamRole = Team["members"][number]["role"];

const TEAMS = ["admin", "teams"] as const;

export function useTeams() {
  return useQuery({
    queryKey: TEAMS,
    queryFn: () => allPages<Team>((cursor) => api.GET("/api/v1/teams", { params: { query: { limit: 200, cursor } } })),
  });
}

export function useCreateTeam() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => data(api.POST("/api/v1/teams", { body: { name } })),
    onSuccess: () => void queries.invalidateQueries({ queryKey: TEAMS }),
  });
}

export function useRenameTeam() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: ({ team, name }: { team: number; name: string }) =>
      data(api.PUT("/api/v1/teams/{team_id}/name", { params: { path: { team_id: team } }, body: { name } })),
    onSuccess: () => void queries.invalidateQueries({ queryKey: TEAMS }),
  });
}

export function useAddTeamMember() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: ({ team, userId, role }: { team: number; userId: number; role: TeamRole }) =>
      data(
        api.POST("/api/v1/teams/{team_id}/members", {
          params: { path: { team_id: team } },
          body: { user_id: userId, role },
        }),
      ),
    onSuccess: () => void queries.invalidateQueries({ queryKey: TEAMS }),
  });
}
