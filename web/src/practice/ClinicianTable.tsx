// The figures per clinician (the statistics route's by_clinician), for supervisors and admins.
import type { Role } from "../api/types";
import { formatHours } from "../shared/format";
import type { ClinicianRow } from "./practiceView";

export function ClinicianTable({ rows, role }: { rows: ClinicianRow[] | null; role: Role | undefined }) {
  if (role !== "supervisor" && role !== "admin") return null;
  return (
    <section className="panel" aria-labelledby="clinicians-heading">
      <h2 id="clinicians-heading">Per clinician</h2>
      {rows === null ? (
        <p className="empty">No figures per clinician for this period.</p>
      ) : rows.length === 0 ? (
        <p className="empty">No clinician has clients in this period.</p>
      ) : (
        <div className="table-scroll">
          <table className="figures outcome-table">
            <thead>
              <tr>
                <th scope="col">Clinician</th>
                <th scope="col">Clients</th>
                <th scope="col">Closed episodes</th>
                <th scope="col">Reliable improvement</th>
                <th scope="col">Recovery</th>
                <th scope="col">Reliable deterioration</th>
                <th scope="col">Time to first alert response</th>
                <th scope="col">Measure completion</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.name}>
                  <th scope="row">{row.name}</th>
                  <td data-label="Clients">{row.clients ?? "—"}</td>
                  <td data-label="Closed episodes">{row.closedEpisodes ?? "—"}</td>
                  <td data-label="Reliable improvement">{row.reliableImprovement}</td>
                  <td data-label="Recovery">{row.recovery}</td>
                  <td data-label="Reliable deterioration">{row.deterioration}</td>
                  <td data-label="Time to first alert response">{formatHours(row.handling)}</td>
                  <td data-label="Measure completion">{row.completion}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
