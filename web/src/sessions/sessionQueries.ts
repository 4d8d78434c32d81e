// Sessions: recording one (attendance, techniques used and how helpful the client found each),
// the catalogue's techniques to choose from, and giving a questionnaire in a session.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { allPages, api, data } from "../api/client";
import type { Schemas } from "../api/types";

export type Attendance = Schemas["RecordSessionRequest"]["attendance"];

/// The attendance choices in the words a clinician uses, in the order they are offered.
export const ATTENDANCE_WORDS: Record<Attendance, string> = {
  attended: "Attended",
  did_not_attend: "Did not attend",
  cancelled_by_client: "Cancelled by the client",
  cancelled_by_service: "Cancelled by the service",
};

export function useTechniques() {
  return useQuery({
    queryKey: ["catalog", "techniques"],
    queryFn: () =>
      allPages<Schemas["CatalogTechnique"]>((cursor) =>
        api.GET("/api/v1/catalog/techniques", { params: { query: { limit: 200, cursor } } }),
      ),
    staleTime: Infinity,
  });
}

function useInvalidateClient(clientId: number) {
  const queries = useQueryClient();
  return () => {
    void queries.invalidateQueries({ queryKey: ["client", clientId] });
    void queries.invalidateQueries({ queryKey: ["alerts"] });
    void queries.invalidateQueries({ queryKey: ["caseload"] });
  };
}

/// Every version of the client's sessions (?history=true): an amended session keeps the version it
/// replaced, and amendedNotes / currentVersion (notes/amendments.ts) sort them.
export function useSessionVersions(clientId: number) {
  return useQuery({
    queryKey: ["client", clientId, "sessions", "history"],
    queryFn: () =>
      allPages<Schemas["Session"]>((cursor) =>
        api.GET("/api/v1/clients/{client_id}/sessions", {
          params: { path: { client_id: clientId }, query: { limit: 200, cursor, history: true } },
        }),
      ),
  });
}

export function useRecordSession(clientId: number) {
  const invalidate = useInvalidateClient(clientId);
  return useMutation({
    mutationFn: (session: Schemas["RecordSessionRequest"]) =>
      data(
        api.POST("/api/v1/clients/{client_id}/sessions", {
          params: { path: { client_id: clientId } },
          body: session,
        }),
      ),
    onSuccess: invalidate,
  });
}

/// A staff submission's answer: score, the monitor's review and the alerts raised.
export type Submitted = Schemas["MeasureSubmission"];

export function useSubmitMeasure(clientId: number, sessionId: number) {
  const invalidate = useInvalidateClient(clientId);
  return useMutation({
    mutationFn: async (body: Schemas["SubmitMeasureRequest"]): Promise<Submitted> => {
      const answer = await data(
        api.POST("/api/v1/clients/{client_id}/sessions/{session_id}/measures", {
          params: { path: { client_id: clientId, session_id: sessionId } },
          body,
        }),
      );
      if (!("monitoring" in answer)) throw new Error("a staff account gets the monitor's review");
      return answer;
    },
    onSuccess: invalidate,
  });
}

/// Accepts one of the monitor's proposals for the episode's active plan: a new plan version
/// (the server re-derives the proposal from the stored episode, re-checks the plan's rules and
/// acknowledges the open alerts the proposal answers).
export function useAcceptProposal(clientId: number) {
  const invalidate = useInvalidateClient(clientId);
  const queries = useQueryClient();
  return useMutation({
    mutationFn: ({ plan, proposalId }: { plan: { id: number; version: number }; proposalId: string }) =>
      data(
        api.POST("/api/v1/plans/{plan_id}/adaptations", {
          // The full document: the answer replaces the plan builder's cached plan.
          params: { path: { plan_id: plan.id }, query: { detail: "full" } },
          body: { expected_version: plan.version, proposal_id: proposalId },
        }),
      ),
    onSuccess: (plan) => {
      invalidate();
      queries.setQueryData(["plan", plan.id, "all"], plan);
    },
  });
}
