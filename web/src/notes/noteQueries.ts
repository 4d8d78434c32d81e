// A client's notes: progress notes (the shared record, read by the care team) and the
// caller's own psychotherapy notes (private to their author; the server returns only the
// caller's own and does not echo the text when one is written).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { allPages, api, data } from "../api/client";
import type { Schemas } from "../api/types";

/// Every progress note with the versions amendments replaced (?history=true): amendedNotes
/// sorts them into the current notes and their earlier versions.
export function useProgressNotes(clientId: number) {
  return useQuery({
    queryKey: ["client", clientId, "progress-notes"],
    queryFn: () =>
      allPages<Schemas["ProgressNote"]>((cursor) =>
        api.GET("/api/v1/clients/{client_id}/progress-notes", {
          params: { path: { client_id: clientId }, query: { limit: 200, cursor, history: true } },
        }),
      ),
  });
}

export function usePsychotherapyNotes(clientId: number) {
  return useQuery({
    queryKey: ["client", clientId, "psychotherapy-notes"],
    queryFn: () =>
      allPages<Schemas["PsychotherapyNote"]>((cursor) =>
        api.GET("/api/v1/clients/{client_id}/psychotherapy-notes", {
          params: { path: { client_id: clientId }, query: { limit: 200, cursor } },
        }),
      ),
  });
}

export function useWriteProgressNote(clientId: number) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["WriteProgressNoteRequest"]) =>
      data(
        api.POST("/api/v1/clients/{client_id}/progress-notes", {
          params: { path: { client_id: clientId } },
          body,
        }),
      ),
    onSuccess: () => queries.invalidateQueries({ queryKey: ["client", clientId, "progress-notes"] }),
  });
}

export function useWritePsychotherapyNote(clientId: number) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["WritePsychotherapyNoteRequest"]) =>
      data(
        api.POST("/api/v1/clients/{client_id}/psychotherapy-notes", {
          params: { path: { client_id: clientId } },
          body,
        }),
      ),
    onSuccess: () => queries.invalidateQueries({ queryKey: ["client", clientId, "psychotherapy-notes"] }),
  });
}
