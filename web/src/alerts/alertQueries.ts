// Alerts: the open ones (all the caller's clients, or one client's), acknowledging one with a
// note (POST /api/v1/alerts/{alert_id}/acknowledgements) and resolving one with what was done
// (POST /api/v1/alerts/{alert_id}/resolutions).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { allPages, api, data } from "../api/client";
import type { Alert } from "../api/types";
import { byUrgency } from "./alertKinds";

/// The alerts to work on: `open`, or `active` (open and acknowledged: an acknowledged risk
/// alert still waits for a clinician to resolve it).
export function useOpenAlerts(clientId?: number, state: "open" | "active" = "open") {
  return useQuery({
    queryKey: ["alerts", state, clientId ?? "all"],
    queryFn: async () =>
      byUrgency(
        await allPages<Alert>((cursor) =>
          api.GET("/api/v1/alerts", {
            params: {
              query: {
                state,
                limit: 200,
                cursor,
                ...(clientId ? { client_id: clientId } : {}),
              },
            },
          }),
        ),
      ),
  });
}

/// Every alert of one client, handled or not (the chart marks the sessions that raised them).
export function useClientAlerts(clientId: number) {
  return useQuery({
    queryKey: ["alerts", "any", clientId],
    queryFn: () =>
      allPages<Alert>((cursor) =>
        api.GET("/api/v1/alerts", {
          params: {
            query: { state: "any", limit: 200, cursor, client_id: clientId },
          },
        }),
      ),
  });
}

export function useAcknowledge() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: ({ alertId, note }: { alertId: number; note: string }) =>
      data(
        api.POST("/api/v1/alerts/{alert_id}/acknowledgements", {
          params: { path: { alert_id: alertId } },
          body: { note },
        }),
      ),
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: ["alerts"] });
      void queries.invalidateQueries({ queryKey: ["caseload"] });
      void queries.invalidateQueries({ queryKey: ["client"] });
    },
  });
}

/// Acknowledges several alerts with one note: all of them or, on any refusal, none.
export function useAcknowledgeMany() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: ({ alertIds, note }: { alertIds: number[]; note: string }) =>
      data(api.POST("/api/v1/alerts/acknowledgements", { body: { alert_ids: alertIds, note } })),
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: ["alerts"] });
      void queries.invalidateQueries({ queryKey: ["caseload"] });
      void queries.invalidateQueries({ queryKey: ["client"] });
    },
  });
}

/// Resolves an alert with what was done: the only way a risk alert is resolved.
export function useResolve() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: ({ alertId, note }: { alertId: number; note: string }) =>
      data(
        api.POST("/api/v1/alerts/{alert_id}/resolutions", {
          params: { path: { alert_id: alertId } },
          body: { note },
        }),
      ),
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: ["alerts"] });
      void queries.invalidateQueries({ queryKey: ["caseload"] });
      void queries.invalidateQueries({ queryKey: ["client"] });
    },
  });
}
