// Amending one's own progress note: the text is written again (starting from the current
// version) and saved as a new note that supersedes it; the old version stays, shown as
// "amended on ... by ...", with the reason the clinician gives (required by the server). The
// text being written is kept across a session that ends.
import { useId, useState } from "react";
import { useDraft } from "../shared/useDraft";
import { NoteEditor } from "./NoteEditor";

interface Props {
  note: { id: number; text: string };
  busy: boolean;
  error: unknown;
  onSave: (text: string, reason: string, done: () => void) => void;
}

export function AmendNote({ note, busy, error, onSave }: Props) {
  const draft = useDraft(`amend-progress-note-${note.id}`);
  const [open, setOpen] = useState(draft.kept !== null);
  const [reason, setReason] = useState("");
  const reasonId = useId();
  if (!open) {
    return (
      <button
        type="button"
        className="button-quiet"
        onClick={() => {
          draft.setText(note.text);
          setOpen(true);
        }}
      >
        Amend…
      </button>
    );
  }
  return (
    <div className="note-amend">
      <NoteEditor
        label="Amended note"
        hint="Saved as a new version; the version it replaces is kept and shown as amended."
        draft={draft}
        busy={busy}
        error={error}
        submitLabel="Save the amendment"
        onSave={(text) =>
          onSave(text, reason.trim(), () => {
            draft.saved();
            setReason("");
            setOpen(false);
          })
        }
      >
        <label htmlFor={reasonId}>Why amend it</label>
        <input
          id={reasonId}
          type="text"
          required
          maxLength={500}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          placeholder="e.g. the wrong session date was written"
        />
      </NoteEditor>
      <button
        type="button"
        className="button-quiet"
        onClick={() => {
          draft.saved();
          setOpen(false);
        }}
      >
        Cancel
      </button>
    </div>
  );
}
