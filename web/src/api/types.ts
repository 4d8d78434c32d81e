// Response shapes of the routes the app reads. The server's OpenAPI document describes paths,
// parameters and request bodies (checked at build time through ./client.ts); until it also
// describes response bodies, their shapes are written here, in one place, from
// src/http/routes/*.cpp and docs/http.md. When the document gains response schemas, each
// type below becomes an alias of components["schemas"][...] and the casts in the query
// modules go away.

import type { components } from "./schema";

/// The response and request bodies the OpenAPI document describes, by component name.
export type Schemas = components["schemas"];

export type Role = "admin" | "clinician" | "supervisor" | "client";

export interface User {
  id: number;
  username: string;
  role: Role;
}

export interface Me {
  user: User;
  credential: "cookie" | "bearer";
  csrf_token: string;
}

export interface LoginAnswer {
  user: User;
  csrf_token: string;
  expires_at: string;
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export interface ClientListItem {
  id: number;
  name: string;
}

export interface Episode {
  id: number;
  client_id: number;
  opened_on: string;
  reason: string;
  closed_on: string | null;
  closing_reason: string;
}

export interface ScorePoint {
  administration_id: number;
  administered_at: string;
  total: number | null;
  band: string;
}

export interface InstrumentSummary {
  instrument: string;
  count: number;
  first: ScorePoint;
  latest: ScorePoint;
}

export interface ClientSummary {
  client_id: number;
  name: string;
  episode: Episode | null;
  instruments: InstrumentSummary[];
  open_alerts: number;
  plan: { id: number; version: number } | null;
}

export interface AlertHandling {
  handled_by: number;
  handled_at: string;
  action: string;
  note: string;
}

export interface Alert {
  id: number;
  client_id: number;
  kind: string;
  raised_at: string;
  detail: string;
  administration_id: number | null;
  state: "open" | "handled";
  handlings: AlertHandling[];
}

export interface Session {
  id: number;
  episode_id: number;
  client_id: number;
  date: string;
  attendance: string;
  techniques: { technique: string; helpfulness: number | null }[];
  supersedes: number | null;
}

export interface Administration {
  id: number;
  client_id: number;
  session_id: number | null;
  instrument: string;
  administered_at: string;
  answers: { item: string; value: number | null }[];
  total: number | null;
  band: string;
  supersedes: number | null;
}

export interface InstrumentBand {
  minimum: number;
  maximum: number;
  label: string;
}

export interface InstrumentDefinition {
  id: string;
  name: string;
  short_name: string;
  construct: string;
  direction: "higher_is_worse" | "higher_is_better";
  bands?: InstrumentBand[];
  clinical_cutoff?: { value: number; clinical_when: "at_least" | "at_most" | "below" | "above" };
  reliable_change?: { points: number };
  items: { id: string }[];
}

export interface PlanListItem {
  id: number;
  client_id: number;
  episode_id: number;
  current_version: number;
  current_reason?: string;
}

export interface PlanVersion {
  version: number;
  reason: string;
  created_at: string;
  sign_offs: { user_id: number; role: string; signed_at: string }[];
  content: unknown;
}

export interface CoursePoint {
  session: number;
  session_id: number;
  instrument: string;
  primary: boolean;
  score: number;
  expected: number | null;
  band_low: number | null;
  band_high: number | null;
  method: string | null;
  status: string;
}

export interface Course {
  client_id: number;
  episode_id: number;
  points: CoursePoint[];
}
