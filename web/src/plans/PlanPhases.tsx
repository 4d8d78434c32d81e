// The plan's phases, each with its sessions, review point, models, goals and switch criteria,
// and its techniques with their fit; "Why this technique?" opens the fit's components, each
// with its value, weight and the planner's reason.
import { formatFit, words, type PlanView, type PlannedTechnique } from "./planView";

export function PlanPhases({ view, name }: { view: PlanView; name: (id: string) => string }) {
  return (
    <section className="panel" aria-labelledby="phases-heading">
      <h2 id="phases-heading">Phases and techniques</h2>
      <ol className="plan-phases">
        {view.phases.map((phase, phaseIdx) => (
          <li key={phaseIdx} className="plan-phase">
            <h3>
              {phase.name}
              <span className="muted">
                {phase.sessions !== null && ` · ${phase.sessions} ${phase.sessions === 1 ? "session" : "sessions"}`}
                {phase.reviewAtSession !== null && ` · review at session ${phase.reviewAtSession}`}
              </span>
            </h3>
            {phase.models.length > 0 && <p className="muted">Models: {phase.models.map(words).join(", ")}</p>}
            {phase.goals.length > 0 && <p>Goals: {phase.goals.join("; ")}</p>}
            <ul className="plan-techniques">
              {phase.techniques.map((technique) => (
                <TechniqueEntry key={technique.id} technique={technique} name={name} />
              ))}
            </ul>
            {phase.switchCriteria.length > 0 && (
              <details className="switch-criteria">
                <summary>When to move on or switch ({phase.switchCriteria.length})</summary>
                <ul>
                  {phase.switchCriteria.map((criterion) => (
                    <li key={criterion}>{criterion}</li>
                  ))}
                </ul>
              </details>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

function TechniqueEntry({ technique, name }: { technique: PlannedTechnique; name: (id: string) => string }) {
  return (
    <li>
      <div className="technique-line">
        <strong>{name(technique.id)}</strong>
        {technique.model && <span className="muted"> ({words(technique.model)})</span>}
        {technique.fit !== null && <span className="fit">fit {formatFit(technique.fit)}</span>}
      </div>
      {technique.assimilationNote && <p className="muted">{technique.assimilationNote}</p>}
      {technique.components.length > 0 && (
        <details className="why">
          <summary>
            Why this technique?<span className="visually-hidden"> ({name(technique.id)})</span>
          </summary>
          <div className="table-scroll">
          <table className="plain-table why-table">
            <thead>
              <tr>
                <th scope="col">Part of the fit</th>
                <th scope="col">Value</th>
                <th scope="col">Weight</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {technique.components.map((component) => (
                <tr key={component.name}>
                  <th scope="row">{words(component.name)}</th>
                  <td>{formatFit(component.value)}</td>
                  <td>{formatFit(component.weight)}</td>
                  <td>{component.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
          {technique.therapist && <p className="muted">Delivered by {technique.therapist}.</p>}
        </details>
      )}
    </li>
  );
}
