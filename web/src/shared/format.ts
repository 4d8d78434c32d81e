// Numbers and dates as a clinician reads them: a PHQ-9 of 14, an expected band of 9–15, a
// mean score of 23.5; "3 Mar 2026", never an ISO timestamp or 14.434794765340756.

/// A score: whole numbers stay whole, anything else gets one decimal ("23.5"); "—" for none.
export function formatScore(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const rounded = Math.round(value * 10) / 10;
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}

/// A range of scores, rounded to whole points: "9–15".
export function formatRange(low: number, high: number): string {
  return `${Math.round(low)}–${Math.round(high)}`;
}

const dateFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});

/// "2026-03-03" or "2026-03-03T10:00:00Z" -> "3 Mar 2026" (dates are the record's, in UTC).
export function formatDate(value: string | null | undefined): string {
  if (!value) return "—";
  const parsed = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isNaN(parsed.getTime()) ? value : dateFormat.format(parsed);
}

/// "a week ago"-style age of a timestamp, in whole days (for lists sorted by age).
export function daysSince(value: string, now: Date = new Date()): number {
  const then = new Date(value).getTime();
  return Math.max(0, Math.floor((now.getTime() - then) / 86_400_000));
}

/// "1 alert", "3 alerts".
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

const dateTimeFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
});

/// "2026-12-07T21:40:00Z" -> "7 Dec 2026, 21:40" (UTC, as the record keeps it).
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return "—";
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? value : dateTimeFormat.format(parsed);
}

/// A share as a whole percentage with what it is of: "42% (11 of 26)"; "—" with nothing to count.
export function formatRate(count: number, of: number): string {
  if (of <= 0) return "— (none to count)";
  return `${Math.round((count / of) * 100)}% (${count} of ${of})`;
}

/// Hours as a clinician reads a waiting time: "40 minutes", "5.5 hours", "3 days".
export function formatHours(hours: number | null | undefined): string {
  if (hours === null || hours === undefined || !Number.isFinite(hours)) return "—";
  if (hours < 1) return plural(Math.max(1, Math.round(hours * 60)), "minute");
  if (hours < 48) return `${formatScore(hours)} hours`;
  return `${formatScore(hours / 24)} days`;
}
