// A text field whose half-written text survives the session ending (drafts.ts): saved to the
// tab's sessionStorage as it is typed, offered back when the page opens again, cleared once
// the text is saved on the server.
import { useCallback, useState } from "react";
import { useLocation } from "react-router-dom";
import { useMe } from "../auth/session";
import { clearDraft, readDraft, saveDraft, type Draft } from "./drafts";

export interface DraftField {
  text: string;
  setText: (text: string) => void;
  /// A draft kept from before (the session ended), until restored or discarded.
  kept: Draft | null;
  restore: () => void;
  discard: () => void;
  /// The text was saved on the server: forget the draft.
  saved: () => void;
}

export function useDraft(field: string): DraftField {
  const userId = useMe().data?.user.id ?? null;
  const place = `${useLocation().pathname}#${field}`;
  const [kept, setKept] = useState<Draft | null>(() =>
    userId === null ? null : readDraft(window.sessionStorage, userId, place),
  );
  const [text, setTextState] = useState("");

  const setText = useCallback(
    (next: string) => {
      setTextState(next);
      // While a kept draft waits for an answer, new typing does not overwrite it.
      if (userId !== null && kept === null) saveDraft(window.sessionStorage, userId, place, next);
    },
    [userId, place, kept],
  );

  return {
    text,
    setText,
    kept,
    restore: () => {
      if (!kept) return;
      const joined = text.trim() === "" ? kept.text : `${kept.text}\n${text}`;
      setKept(null);
      setTextState(joined);
      if (userId !== null) saveDraft(window.sessionStorage, userId, place, joined);
    },
    discard: () => {
      setKept(null);
      if (userId !== null) saveDraft(window.sessionStorage, userId, place, text);
    },
    saved: () => {
      setTextState("");
      if (userId !== null) clearDraft(window.sessionStorage, userId, place);
    },
  };
}
