import { describe, expect, it } from "vitest";
import { amendedNotes, currentVersion } from "./amendments";

const note = (id: number, supersedes: number | null, author = 1, at = `2026-12-0${id}T10:00:00Z`) => ({
  id,
  author_id: author,
  written_at: at,
  text: `text ${id}`,
  supersedes,
});

describe("amended progress notes", () => {
  it("keeps the current version and lists the earlier ones, newest first, with who amended them", () => {
    const current = amendedNotes([note(1, null), note(2, 1, 2), note(3, 2, 3), note(4, null)]);
    expect(current.map((each) => each.note.id)).toEqual([3, 4]);
    const chain = current[0]?.earlier ?? [];
    expect(chain.map((each) => [each.note.id, each.amendedBy.id, each.amendedBy.author_id])).toEqual([
      [2, 3, 3],
      [1, 2, 2],
    ]);
    expect(current[1]?.earlier).toEqual([]);
  });

  it("stops at a version it cannot see", () => {
    expect(amendedNotes([note(5, 9)])[0]?.earlier).toEqual([]);
  });
});

describe("the current version of an amended record", () => {
  it("follows the amendments forward from any earlier version", () => {
    const all = [note(1, null), note(2, 1), note(3, 2), note(4, null)];
    expect(currentVersion(all, 1)?.id).toBe(3);
    expect(currentVersion(all, 3)?.id).toBe(3);
    expect(currentVersion(all, 4)?.id).toBe(4);
    expect(currentVersion(all, 9)).toBeUndefined();
  });
});
