// What the client page's questionnaire-link panel reads and does: the client's reminder
// contact and consent, their reminders with delivery state, and issuing a link (which queues a
// reminder on every channel the client agreed to, in the same transaction: docs/reminders.md).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { allPages, api, data, setCsrfToken } from "../api/client";
import { forgetAllDrafts } from "../shared/drafts";
import type { Schemas } from "../api/types";

export type ReminderMessage = Schemas["ReminderMessage"];
export type IssuedLink = Schemas["IssuedQuestionnaireLink"];

export function useReminderContact(clientId: number) {
  return useQuery({
    queryKey: ["client", clientId, "reminder-contact"],
    queryFn: () =>
      data(api.GET("/api/v1/clients/{client_id}/reminder-contact", { params: { path: { client_id: clientId } } })),
  });
}

export function useReminders(clientId: number) {
  return useQuery({
    queryKey: ["client", clientId, "reminders"],
    queryFn: () =>
      allPages<ReminderMessage>((cursor) =>
        api.GET("/api/v1/clients/{client_id}/reminders", {
          params: { path: { client_id: clientId }, query: { limit: "50", cursor } as never },
        }),
      ),
  });
}

export function useIssueLink(clientId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      data(
        api.POST("/api/v1/clients/{client_id}/questionnaire-links", {
          params: { path: { client_id: clientId } },
          body: {},
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["client", clientId, "reminders"] }),
  });
}

/// "Start on this device" (decision 0251): a kiosk link for what is due, then this device's
/// session ends (signed out, cached answers and tab storage cleared) and the tablet opens the
/// kiosk page in place of the client page, so Back does not lead into the record.
export function useStartKiosk(clientId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const issued = await data(
        api.POST("/api/v1/clients/{client_id}/questionnaire-links", {
          params: { path: { client_id: clientId } },
          body: { delivery: "kiosk" },
        }),
      );
      try {
        await api.POST("/api/v1/logout");
      } finally {
        forgetAllDrafts(window.sessionStorage);
        window.sessionStorage.clear();
        setCsrfToken(null);
        queryClient.clear();
      }
      // Same origin: this very device opens the forms.
      window.location.replace(`/kiosk#${issued.token}`);
      return issued;
    },
  });
}

/// Whether the client sees their own progress chart (decision 0260), and changing it.
export function useProgressSharing(clientId: number) {
  return useQuery({
    queryKey: ["client", clientId, "progress"],
    queryFn: () =>
      data(api.GET("/api/v1/clients/{client_id}/progress", { params: { path: { client_id: clientId } } })),
  });
}

export function useSetProgressSharing(clientId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ episodeId, shared }: { episodeId: number; shared: boolean }) =>
      data(
        api.PUT("/api/v1/clients/{client_id}/episodes/{episode_id}/progress-sharing", {
          params: { path: { client_id: clientId, episode_id: episodeId } },
          body: { shared },
        }),
      ),
    // The box shows the choice at once; the server's answer confirms it (or puts it back).
    onMutate: ({ shared }) =>
      queryClient.setQueryData<Schemas["SharedProgress"]>(["client", clientId, "progress"], (old) =>
        old ? { ...old, shared } : old,
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["client", clientId, "progress"] }),
  });
}

/// A delivery state in a clinic's words.
export const STATE_WORDS: Record<ReminderMessage["state"], string> = {
  queued: "Waiting to be sent",
  sending: "Sending",
  sent: "Sent",
  failed_retrying: "Not sent yet, trying again",
  failed_permanently: "Could not be sent",
};

export const CHANNEL_WORDS: Record<ReminderMessage["channel"], string> = {
  email: "Email",
  sms: "Text message",
};

/// The channels a link's reminder goes out on, from the client's consent.
export function consentedChannels(contact: Schemas["ReminderContact"] | undefined): ReminderMessage["channel"][] {
  if (!contact) return [];
  const channels: ReminderMessage["channel"][] = [];
  if (contact.email_consent && contact.email) channels.push("email");
  if (contact.sms_consent && contact.mobile) channels.push("sms");
  return channels;
}
