// A note being written: a text area whose half-written text survives a session that ends
// (useDraft), with the offer to restore it when the page opens again.
import { useId, type FormEvent, type ReactNode } from "react";
import { formatDate } from "../shared/format";
import { Problem } from "../shared/QueryState";
import type { DraftField } from "../shared/useDraft";

interface Props {
  label: string;
  hint: string;
  draft: DraftField;
  busy: boolean;
  error: unknown;
  submitLabel: string;
  onSave: (text: string) => void;
  children?: ReactNode;
}

export function NoteEditor({ label, hint, draft, busy, error, submitLabel, onSave, children }: Props) {
  const id = useId();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = draft.text.trim();
    if (text !== "") onSave(text);
  }
  return (
    <form className="note-editor" onSubmit={submit}>
      {draft.kept && (
        <div className="notice draft-offer" role="status">
          <p>
            A note you were writing here was kept when your session ended
            {draft.kept.savedAt ? ` (${formatDate(draft.kept.savedAt)})` : ""}. It was never sent
            anywhere; it is only in this browser tab.
          </p>
          <blockquote className="draft-preview">{draft.kept.text}</blockquote>
          <div className="actions">
            <button type="button" className="button-primary" onClick={draft.restore}>
              Restore it
            </button>
            <button type="button" className="button-quiet" onClick={draft.discard}>
              Discard it
            </button>
          </div>
        </div>
      )}
      {children}
      <label htmlFor={id}>{label}</label>
      <p className="hint" id={`${id}-hint`}>
        {hint}
      </p>
      <textarea
        id={id}
        rows={5}
        maxLength={20000}
        aria-describedby={`${id}-hint`}
        value={draft.text}
        onChange={(event) => draft.setText(event.target.value)}
      />
      {error !== null && error !== undefined && <Problem error={error} />}
      <div className="actions">
        <button type="submit" className="button-primary" disabled={busy || draft.text.trim() === ""}>
          {busy ? "Saving…" : submitLabel}
        </button>
      </div>
    </form>
  );
}
