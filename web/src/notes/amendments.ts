// A progress note is never edited in place: an amendment is a new note naming the one it
// supersedes, and the old one is kept. From every version (?history=true) this finds the
// current notes and, for each, its earlier versions with when and by whom each was amended.
export interface NoteVersion {
  id: number;
  author_id: number;
  written_at: string;
  text: string;
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

export function amendedNotes<T extends NoteVersion>(all: T[]): CurrentNote<T>[] {
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
