// A total scored elsewhere (a paper form scored by hand, another system), entered instead of
// the item answers: `{"instrument", "total"}`. The server checks it is a total the instrument
// can produce (whole numbers for PHQ-9, ...) and names the rule when it is not.
import { useId, useState, type FormEvent } from "react";
import type { Schemas } from "../api/types";
import { Problem } from "../shared/QueryState";

interface Props {
  instrumentId: string;
  shortName: string;
  busy: boolean;
  error: unknown;
  onSubmit: (body: Schemas["SubmitMeasureRequest"]) => void;
}

export function TotalEntry({ instrumentId, shortName, busy, error, onSubmit }: Props) {
  const fieldId = useId();
  const [sent, setSent] = useState(false);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const total = Number(String(new FormData(event.currentTarget).get("total") ?? "").trim());
    if (!Number.isFinite(total)) return;
    setSent(true);
    onSubmit({ instrument: instrumentId, total });
  }
  return (
    <details className="total-entry">
      <summary>Scored elsewhere? Enter the {shortName} total instead</summary>
      <form onSubmit={submit}>
        <p className="hint">
          Only the total is stored, without item answers: no item-level risk flag can be read
          from it, so check the risk items on the form yourself.
        </p>
        <label htmlFor={fieldId}>{shortName} total</label>
        <input id={fieldId} name="total" type="number" step="any" inputMode="decimal" required />
        {sent && error !== null && error !== undefined && <Problem error={error} />}
        <div className="actions">
          <button type="submit" className="button-secondary" disabled={busy}>
            Record the total
          </button>
        </div>
      </form>
    </details>
  );
}
