// The options the plan offers the client (a technique for a phase, a strategy, ...) and what
// the client chose, and the planned techniques the client declines (taken out of the plan).
// Recording them makes a new version of the plan, which the server re-checks against the
// planner's rules (its refusal names the rule).
import { useState, type FormEvent } from "react";
import { Problem } from "../shared/QueryState";
import { strategyWords, useRecordChoices, type Plan } from "./planQueries";
import { decisionWords, plannedTechniques, type PlanView } from "./planView";

interface Props {
  clientId: number;
  plan: Plan;
  view: PlanView;
  name: (id: string) => string;
  changeable: boolean;
}

export function ClientChoices({ clientId, plan, view, name, changeable }: Props) {
  const record = useRecordChoices(clientId, plan.id);
  const [chosen, setChosen] = useState<Record<string, string>>(view.clientChoices);
  const [declined, setDeclined] = useState<ReadonlySet<string>>(new Set());
  // Each planned technique once (a technique may sit in more than one phase).
  const planned = [...new Set(plannedTechniques(view).map((technique) => technique.id))];
  if (view.offeredOptions.length === 0 && (planned.length === 0 || !changeable)) return null;
  const optionWords = (decision: string, option: string) =>
    decision === "strategy" ? strategyWords(option) : name(option);
  const changed =
    declined.size > 0 ||
    Object.entries(chosen).some(([decision, option]) => view.clientChoices[decision] !== option);

  function decline(id: string, on: boolean) {
    const next = new Set(declined);
    if (on) next.add(id);
    else next.delete(id);
    setDeclined(next);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    record.mutate(
      {
        expected_version: plan.current_version,
        choices: chosen,
        ...(declined.size > 0 ? { declined: [...declined] } : {}),
      },
      { onSuccess: () => setDeclined(new Set()) },
    );
  }

  return (
    <section className="panel" aria-labelledby="choices-heading">
      <h2 id="choices-heading">The client's options and choices</h2>
      <p className="hint">
        Options the planner offers the client, and the planned techniques they decline. A choice
        changes the plan (a new version), which then needs signing again.
      </p>
      <form onSubmit={submit}>
        {view.offeredOptions.map((offer) => (
          <fieldset key={offer.decision} className="choices" disabled={!changeable}>
            <legend>
              {decisionWords(offer.decision)}
              {view.clientChoices[offer.decision] && (
                <span className="muted"> · chose {optionWords(offer.decision, view.clientChoices[offer.decision] ?? "")}</span>
              )}
            </legend>
            <div className="choice-list">
              {offer.options.map((option) => (
                <label key={option} className="choice">
                  <input
                    type="radio"
                    name={`choice-${offer.decision}`}
                    checked={chosen[offer.decision] === option}
                    onChange={() => setChosen({ ...chosen, [offer.decision]: option })}
                  />
                  <span>{optionWords(offer.decision, option)}</span>
                </label>
              ))}
            </div>
          </fieldset>
        ))}
        {changeable && planned.length > 0 && (
          <fieldset className="choices declines">
            <legend>Techniques the client declines</legend>
            <p className="hint">A declined technique is taken out of the plan.</p>
            <div className="choice-list">
              {planned.map((id) => (
                <label key={id} className="choice">
                  <input
                    type="checkbox"
                    checked={declined.has(id)}
                    onChange={(event) => decline(id, event.target.checked)}
                  />
                  <span>{name(id)}</span>
                </label>
              ))}
            </div>
          </fieldset>
        )}
        {record.isError && <Problem error={record.error} />}
        {record.isSuccess && (
          <p className="notice" role="status">
            The client's choices are recorded: version {record.data.current_version} of the plan.
          </p>
        )}
        {changeable && (
          <div className="actions">
            <button type="submit" className="button-primary" disabled={!changed || record.isPending}>
              Record the client's choices
            </button>
          </div>
        )}
      </form>
    </section>
  );
}
