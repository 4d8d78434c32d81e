// "Why not that one?": pick any technique of the catalogue to learn whether the plan has it,
// which rule left it out (competence, contraindication, phase, ...), or that it was eligible
// and the planner chose others.
import { useId, useState } from "react";
import { formatFit, why, words, type PlanView } from "./planView";

export function WhyNot({ view, names }: { view: PlanView; names: Map<string, string> }) {
  const [technique, setTechnique] = useState("");
  const selectId = useId();
  const sorted = [...names.entries()].sort((left, right) => left[1].localeCompare(right[1]));
  const answer = technique ? why(view, technique) : null;
  return (
    <section className="panel" aria-labelledby={`${selectId}-heading`}>
      <h2 id={`${selectId}-heading`}>Why not another technique?</h2>
      <label htmlFor={selectId}>Technique</label>
      <select id={selectId} value={technique} onChange={(event) => setTechnique(event.target.value)}>
        <option value="">Choose a technique…</option>
        {sorted.map(([id, name]) => (
          <option key={id} value={id}>
            {name}
          </option>
        ))}
      </select>
      {answer && (
        <p className="why-answer" role="status">
          <strong>{names.get(technique) ?? words(technique)}: </strong>
          {answer.kind === "planned" && `in the plan, in the ${answer.phase} phase (see why above).`}
          {answer.kind === "excluded" && `left out by a rule — ${answer.reason}.`}
          {answer.kind === "not_chosen" &&
            (answer.fit === null
              ? "no rule left it out; the planner chose other techniques for this plan (their fit is shown above)."
              : `no rule left it out; its fit for this client is ${formatFit(answer.fit)}; the planner chose the techniques shown above, with their fit.`)}
        </p>
      )}
      {view.excluded.length > 0 && (
        <details>
          <summary>Every technique left out by a rule ({view.excluded.length})</summary>
          <ul className="excluded">
            {view.excluded.map((entry) => (
              <li key={entry.id}>
                <strong>{names.get(entry.id) ?? words(entry.id)}</strong>: {entry.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
