// Alerts: the open ones (all the caller's clients, or one client's) and acknowledging one
// with a note (POST /api/v1/alerts/{alert_id}/acknowledgements).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { allPages, api, data } from "../api/client";
import type { Alert } from "../api/types";
import { byUrgency } from "./alertKinds";

export function useOpenAlerts(clientId?: number) {
  return useQuery({
    queryKey: ["alerts", "open", clientId ?? "all"],
    queryFn: async () =>
      byUrgency(
        await allPages<Alert>((cursor) =>
          api.GET("/api/v1/alerts", {
            params: {
              query: {
                state: "open",
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
