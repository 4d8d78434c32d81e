// Outcome categories per questionnaire: each a share of the episodes with a first and last score.
import type { OutcomeRow } from "./practiceView";

interface Props {
  id: string;
  title: string;
  hint: string;
  rows: OutcomeRow[];
}

export function OutcomeTable({ id, title, hint, rows }: Props) {
  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      <p className="hint">{hint}</p>
      {rows.length === 0 ? (
        <p className="empty">No episode in this period has two scores on the same questionnaire.</p>
      ) : (
        <div className="table-scroll">
          <table className="figures outcome-table">
            <thead>
              <tr>
                <th scope="col">Questionnaire</th>
                <th scope="col">Episodes</th>
                <th scope="col">Reliable improvement</th>
                <th scope="col">Recovered</th>
                <th scope="col">No reliable change</th>
                <th scope="col">Reliable deterioration</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.instrument}>
                  <th scope="row">{row.instrument}</th>
                  <td data-label="Episodes">{row.episodes}</td>
                  <td data-label="Reliable improvement">{row.improved}</td>
                  <td data-label="Recovered">{row.recovered}</td>
                  <td data-label="No reliable change">{row.unchanged}</td>
                  <td data-label="Reliable deterioration">{row.deteriorated}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
