// The note that acknowledges or resolves one alert. The half-written note is kept in the tab as
// it is typed (useDraft, as the notes page does), so a session that ends mid-typing loses
// nothing: after signing in again on the same page the card opens with the note offered back.
import type { DraftField } from "../shared/useDraft";
import { NoteEditor } from "../notes/NoteEditor";

export type NoteMode = "acknowledge" | "resolve";

interface Props {
  mode: NoteMode;
  risk: boolean;
  draft: DraftField;
  busy: boolean;
  error: unknown;
  onSave: (note: string) => void;
  onCancel: () => void;
}

export function AlertNoteForm({ mode, risk, draft, busy, error, onSave, onCancel }: Props) {
  const resolving = mode === "resolve";
  return (
    <div className="acknowledge">
      <NoteEditor
        label={resolving ? "What was done (resolves the alert)" : "Note (what you did or will do)"}
        hint={
          resolving
            ? risk
              ? "A risk alert is never resolved automatically: say how the risk was assessed and what was agreed (for example the safety plan reviewed)."
              : "Resolving closes the alert; it opens again if the monitor finds the condition again."
            : "The alert stays on the list of active alerts until it is resolved."
        }
        draft={draft}
        busy={busy}
        error={error}
        submitLabel={resolving ? "Resolve" : "Acknowledge"}
        onSave={onSave}
      >
        {null}
      </NoteEditor>
      <button type="button" className="button-quiet" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
