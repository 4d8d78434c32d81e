// A therapist profile in words: competence levels, evidence, and the usual style on the C-NIP
// scales (planner/profile.hpp: -3..+3, the poles named there).
import type { Competency } from "./profileQueries";

// The stored levels and how the planner reads them (docs/http.md "Stored profile conventions":
// an editorial mapping, not a clinical fact; the vocabulary is the import format's).
const LEVELS: Record<string, { word: string; meaning: string }> = {
  aware: { word: "Aware", meaning: "plans count this as basic competence" },
  trained: { word: "Trained", meaning: "plans count this as competent" },
  proficient: { word: "Proficient", meaning: "plans count this as competent" },
  expert: { word: "Expert", meaning: "plans count this as expert" },
  supervisor: { word: "Supervisor", meaning: "plans count this as expert" },
};

export function levelText(level: string): { word: string; meaning: string } {
  return LEVELS[level] ?? { word: level, meaning: "" };
}

const ORDER = ["supervisor", "expert", "proficient", "trained", "aware"];

/// Strongest competence first, then by name.
export function byLevel(competencies: Competency[], name: (id: string) => string): Competency[] {
  return [...competencies].sort(
    (left, right) =>
      ORDER.indexOf(left.level) - ORDER.indexOf(right.level) ||
      name(left.technique ?? left.model).localeCompare(name(right.technique ?? right.model)),
  );
}

/// What stands as evidence for a competence, in words; empty parts left out.
export function evidenceText(competency: Competency): string[] {
  const parts: string[] = [];
  if (competency.training.trim()) parts.push(`Training: ${competency.training.trim()}`);
  if (competency.certification.trim()) parts.push(`Certification: ${competency.certification.trim()}`);
  if (competency.supervised_hours > 0) parts.push(`${Math.round(competency.supervised_hours)} supervised hours`);
  return parts;
}

export interface StyleScale {
  key: string;
  name: string;
  plus: string;
  minus: string;
}

/// The four C-NIP scales, with their poles (+3 first).
export const STYLE_SCALES: StyleScale[] = [
  { key: "directiveness", name: "Directiveness", plus: "therapist-directed", minus: "client-directed" },
  { key: "emotional_intensity", name: "Emotional intensity", plus: "emotionally intense", minus: "emotionally reserved" },
  { key: "past_orientation", name: "Time focus", plus: "past-focused", minus: "present-focused" },
  { key: "challenge", name: "Challenge", plus: "focused challenge", minus: "warm support" },
];

/// "+2, therapist-directed"; "0, in the middle"; null when not recorded.
export function styleText(scale: StyleScale, value: number | undefined): string | null {
  if (value === undefined || !Number.isFinite(value)) return null;
  const rounded = Math.round(value);
  if (rounded === 0) return "0, in the middle";
  return `${rounded > 0 ? "+" : "−"}${Math.abs(rounded)}, ${rounded > 0 ? scale.plus : scale.minus}`;
}

/// "cognitive behavioural therapy" -> "Cognitive behavioural therapy" (catalogue names are lower case).
export function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
