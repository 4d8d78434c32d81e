// A therapist profile in words: competence levels, evidence, and the usual style on the C-NIP
// scales (planner/profile.hpp: -3..+3, the poles named there).
import type { Competency } from "./profileQueries";

// The one competence scale (docs/decisions/0220-one-competence-scale.md): the levels the
// catalogue rates techniques on and the planner decides with. Editorial, not a clinical fact.
const LEVELS: Record<string, { word: string; meaning: string }> = {
  none: { word: "None", meaning: "plans leave this out: refer, or train first" },
  basic: { word: "Basic", meaning: "plans flag what needs more: supervision, or co-therapy two levels short" },
  competent: { word: "Competent", meaning: "plans flag expert-level techniques for supervision" },
  expert: { word: "Expert", meaning: "meets every technique's requirement" },
};

export function levelText(level: string): { word: string; meaning: string } {
  return LEVELS[level] ?? { word: level, meaning: "" };
}

const ORDER = ["expert", "competent", "basic", "none"];

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
