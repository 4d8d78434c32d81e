// A clinician's part over the API, shared by the questionnaire-link and client-page tests:
// sign in as demo-ana, find a client she leads with an open episode, make questionnaires due.
import type { APIRequestContext } from "@playwright/test";
import { expect, password } from "./fixtures";

export interface Clinician {
  headers: Record<string, string>;
  userId: number;
}

export async function signInApi(request: APIRequestContext): Promise<Clinician> {
  const login = await request.post("/api/v1/login", {
    data: { username: "demo-ana", password: password("demo-ana"), credential: "bearer" },
  });
  expect(login.ok()).toBeTruthy();
  const { token } = (await login.json()) as { token: string };
  const headers = { Authorization: `Bearer ${token}` };
  const me = (await (await request.get("/api/v1/me", { headers })).json()) as { user: { id: number } };
  return { headers, userId: me.user.id };
}

/// A client demo-ana leads with an open episode, and that episode.
export async function leadClient(request: APIRequestContext, ana: Clinician) {
  const caseload = (await (await request.get("/api/v1/caseload?limit=100", { headers: ana.headers })).json()) as {
    items: { client_id: number }[];
  };
  for (const entry of caseload.items) {
    const base = `/api/v1/clients/${entry.client_id}`;
    const team = (await (await request.get(`${base}/care-team`, { headers: ana.headers })).json()) as {
      items: { user_id: number; role: string }[];
    };
    if (!team.items.some((member) => member.user_id === ana.userId && member.role === "lead")) continue;
    const episodes = (await (await request.get(`${base}/episodes`, { headers: ana.headers })).json()) as {
      items: { id: number; closed_on: string | null }[];
    };
    const open = episodes.items.find((episode) => episode.closed_on === null);
    if (open) return { client: entry.client_id, episode: open.id };
  }
  throw new Error("demo-ana leads no client with an open episode");
}

/// Records today's session with PHQ-9 and GAD-7 due before it and issues its link.
export async function issueLink(request: APIRequestContext, ana: Clinician, client: number, episode: number) {
  await recordDueSession(request, ana, client, episode);
  const link = await request.post(`/api/v1/clients/${client}/questionnaire-links`, { headers: ana.headers, data: {} });
  expect(link.status(), await link.text()).toBe(201);
  return ((await link.json()) as { url: string }).url;
}

/// Schedules PHQ-9 and GAD-7 every session and records today's session: both are due.
export async function recordDueSession(request: APIRequestContext, ana: Clinician, client: number, episode: number) {
  const base = `/api/v1/clients/${client}`;
  const schedule = await request.put(`${base}/episodes/${episode}/schedule`, {
    headers: ana.headers,
    data: {
      instruments: [
        { instrument: "phq9", frequency: "every_session" },
        { instrument: "gad7", frequency: "every_session" },
      ],
    },
  });
  expect(schedule.status()).toBe(200);
  const session = await request.post(`${base}/sessions`, {
    headers: ana.headers,
    data: { episode_id: episode, date: new Date().toISOString().slice(0, 10), attendance: "attended" },
  });
  expect(session.status()).toBe(201);
}
