import { describe, expect, it } from "vitest";
import { clearDraft, forgetAllDrafts, forgetOtherAccounts, readDraft, saveDraft } from "./drafts";

/// The Web Storage interface over a Map (Vitest runs in Node, which has no sessionStorage).
class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

describe("drafts kept across a session that ends", () => {
  it("keeps text per account and place, and forgets it once saved", () => {
    const storage = new MemoryStorage();
    saveDraft(storage, 2, "/clients/4/notes#progress", "Client reports better sleep", new Date("2026-12-07T10:00:00Z"));
    expect(readDraft(storage, 2, "/clients/4/notes#progress")).toEqual({
      text: "Client reports better sleep",
      savedAt: "2026-12-07T10:00:00.000Z",
    });
    expect(readDraft(storage, 2, "/clients/5/notes#progress")).toBeNull();
    expect(readDraft(storage, 3, "/clients/4/notes#progress")).toBeNull();
    clearDraft(storage, 2, "/clients/4/notes#progress");
    expect(readDraft(storage, 2, "/clients/4/notes#progress")).toBeNull();
  });

  it("an emptied field keeps nothing", () => {
    const storage = new MemoryStorage();
    saveDraft(storage, 2, "p", "some text");
    saveDraft(storage, 2, "p", "   ");
    expect(storage.length).toBe(0);
  });

  it("signing in as another account forgets the first one's drafts; signing out forgets all", () => {
    const storage = new MemoryStorage();
    saveDraft(storage, 2, "a", "ana's note");
    saveDraft(storage, 3, "a", "ben's note");
    storage.setItem("unrelated", "stays");
    forgetOtherAccounts(storage, 3);
    expect(readDraft(storage, 2, "a")).toBeNull();
    expect(readDraft(storage, 3, "a")?.text).toBe("ben's note");
    forgetAllDrafts(storage);
    expect(readDraft(storage, 3, "a")).toBeNull();
    expect(storage.getItem("unrelated")).toBe("stays");
  });

  it("a damaged entry reads as no draft", () => {
    const storage = new MemoryStorage();
    storage.setItem("tessera.draft:2:p", "{not json");
    expect(readDraft(storage, 2, "p")).toBeNull();
  });
});
