// Consultation threads: the caller's inbox across the caseload (GET /api/v1/consultations), a
// client's threads with their messages, opening a thread and posting to one.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { allPages, api, data } from "../api/client";
import type { Schemas } from "../api/types";

export type InboxEntry = Schemas["ConsultationInboxEntry"];
export type Thread = Schemas["ConsultationThread"];
export type Message = Thread["messages"][number];

// Colleagues write while the page is open: always asked again when a page opens (no staleTime).
export function useConsultationInbox() {
  return useQuery({
    queryKey: ["consultations", "inbox"],
    staleTime: 0,
    queryFn: () =>
      allPages<InboxEntry>((cursor) =>
        api.GET("/api/v1/consultations", { params: { query: { limit: 200, cursor } } }),
      ),
  });
}

export function useClientThreads(clientId: number) {
  return useQuery({
    queryKey: ["consultations", "client", clientId],
    staleTime: 0,
    queryFn: () =>
      allPages<Thread>((cursor) =>
        api.GET("/api/v1/clients/{client_id}/consultations", {
          params: { path: { client_id: clientId }, query: { limit: 200, cursor } },
        }),
      ),
  });
}

export function useOpenThread(clientId: number) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (topic: string) =>
      data(
        api.POST("/api/v1/clients/{client_id}/consultations", {
          params: { path: { client_id: clientId } },
          body: { topic },
        }),
      ),
    onSuccess: () => void queries.invalidateQueries({ queryKey: ["consultations"] }),
  });
}

export function usePostMessage(threadId: number) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (text: string) =>
      data(
        api.POST("/api/v1/consultations/{thread_id}/messages", {
          params: { path: { thread_id: threadId } },
          body: { text },
        }),
      ),
    onSuccess: () => void queries.invalidateQueries({ queryKey: ["consultations"] }),
  });
}

/// Newest activity first: the last message's time, else the opening's (as the inbox sorts).
export function lastActivity(thread: Thread): string {
  return thread.messages.reduce((latest, message) => (message.posted_at > latest ? message.posted_at : latest), "");
}
