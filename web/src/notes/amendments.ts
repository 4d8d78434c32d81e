// A progress note or a session is never edited in place: an amendment is a new row naming the
// one it supersedes, and the old one is kept. From every version (?history=true) this finds the
// current records and, for each, its earlier versions with the version that replaced each (whose
// time, author and reason are the amendment's).
export interface Versioned {
  id: number;
  supersedes: number | null;
}

export interface EarlierVersion<T> {
  note: T;
  /// The version that replaced it: its time and author are the amendment's.
  amendedBy: T;
}

export interface CurrentNote<T> {
  note: T;
  /// Newest first.
  earlier: EarlierVersion<T>[];
}

export function amendedNotes<T extends Versioned>(all: T[]): CurrentNote<T>[] {
  const byId = new Map(all.map((note) => [note.id, note]));
  const superseded = new Set(all.flatMap((note) => (note.supersedes === null ? [] : [note.supersedes])));
  return all
    .filter((note) => !superseded.has(note.id))
    .map((note) => {
      const earlier: EarlierVersion<T>[] = [];
      let newer = note;
      const seen = new Set([note.id]);
      while (newer.supersedes !== null && !seen.has(newer.supersedes)) {
        const older = byId.get(newer.supersedes);
        if (!older) break;
        earlier.push({ note: older, amendedBy: newer });
        seen.add(older.id);
        newer = older;
      }
      return { note, earlier };
    });
}

/// The current version of record `id` (itself when nothing amended it; undefined when unknown).
export function currentVersion<T extends Versioned>(all: T[], id: number): T | undefined {
  const amendment = new Map(all.flatMap((each) => (each.supersedes === null ? [] : [[each.supersedes, each] as const])));
  let found = all.find((each) => each.id === id);
  const seen = new Set<number>();
  while (found && !seen.has(found.id)) {
    seen.add(found.id);
    const next = amendment.get(found.id);
    if (!next) return found;
    found = next;
  }
  return found;
}
