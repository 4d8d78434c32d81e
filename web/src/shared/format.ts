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
