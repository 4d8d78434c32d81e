// Writing a message: a text area whose half-written text survives a session that ends
// (shared/useDraft), offered back when the page opens again.
import { useId, type FormEvent } from "react";
import { Problem } from "../shared/QueryState";
import type { DraftField } from "../shared/useDraft";

interface Props {
  label: string;
  draft: DraftField;
  busy: boolean;
  error: unknown;
  submitLabel: string;
  onSend: (text: string) => void;
  /// Something else the form needs is missing (the topic of a new thread).
  blocked?: boolean;
}

export function MessageEditor({ label, draft, busy, error, submitLabel, onSend, blocked = false }: Props) {
  const id = useId();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = draft.text.trim();
    if (text !== "") onSend(text);
  }
  return (
    <form className="message-editor" onSubmit={submit}>
      {draft.kept && (
        <div className="notice draft-offer" role="status">
          <p>A message you were writing here was kept when your session ended. It is only in this browser tab.</p>
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
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={4}
        maxLength={20000}
        value={draft.text}
        onChange={(event) => draft.setText(event.target.value)}
      />
      {error !== null && error !== undefined && <Problem error={error} />}
      <div className="actions">
        <button type="submit" className="button-primary" disabled={busy || blocked || draft.text.trim() === ""}>
          {busy ? "Sending…" : submitLabel}
        </button>
      </div>
    </form>
  );
}
