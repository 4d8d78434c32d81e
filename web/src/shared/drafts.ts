// Half-written text kept in the browser tab (sessionStorage: this tab only, gone when it
// closes, never sent anywhere) so that a session that ends mid-typing loses nothing: after
// signing in again the page offers it back. Drafts belong to the signed-in account: signing in
// as someone else forgets the others' drafts, and signing out on purpose forgets them all.

const PREFIX = "tessera.draft:";

export interface Draft {
  text: string;
  savedAt: string;
}

function keyOf(userId: number, place: string): string {
  return `${PREFIX}${userId}:${place}`;
}

export function saveDraft(storage: Storage, userId: number, place: string, text: string, now = new Date()): void {
  try {
    if (text.trim() === "") storage.removeItem(keyOf(userId, place));
    else storage.setItem(keyOf(userId, place), JSON.stringify({ text, savedAt: now.toISOString() }));
  } catch {
    // Storage full or refused (private mode): the draft is simply not kept.
  }
}

export function readDraft(storage: Storage, userId: number, place: string): Draft | null {
  try {
    const stored = storage.getItem(keyOf(userId, place));
    if (!stored) return null;
    const draft = JSON.parse(stored) as Partial<Draft>;
    return typeof draft.text === "string" && draft.text.trim() !== ""
      ? { text: draft.text, savedAt: typeof draft.savedAt === "string" ? draft.savedAt : "" }
      : null;
  } catch {
    return null;
  }
}

export function clearDraft(storage: Storage, userId: number, place: string): void {
  storage.removeItem(keyOf(userId, place));
}

function draftKeys(storage: Storage): string[] {
  const keys: string[] = [];
  for (let keyIdx = 0; keyIdx < storage.length; keyIdx++) {
    const key = storage.key(keyIdx);
    if (key?.startsWith(PREFIX)) keys.push(key);
  }
  return keys;
}

/// After signing in: only this account's drafts stay.
export function forgetOtherAccounts(storage: Storage, userId: number): void {
  for (const key of draftKeys(storage)) {
    if (!key.startsWith(`${PREFIX}${userId}:`)) storage.removeItem(key);
  }
}

/// After signing out on purpose: nothing stays.
export function forgetAllDrafts(storage: Storage): void {
  for (const key of draftKeys(storage)) storage.removeItem(key);
}
