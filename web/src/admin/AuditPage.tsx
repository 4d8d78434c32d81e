// The audit log's integrity (admin): walking the hash chain on request, and what it found.
import { Link } from "react-router-dom";
import { plural } from "../shared/format";
import { Problem } from "../shared/QueryState";
import { useVerifyAudit } from "./adminQueries";
import "./admin.css";

export function AuditPage() {
  const verify = useVerifyAudit();
  const result = verify.data;
  return (
    <>
      <div className="page-head">
        <h1>Audit log</h1>
      </div>
      <p className="lede">
        Every read and change of a client's record is written to the audit log, each entry chained to the one
        before by its hash, so an entry changed or removed afterwards breaks the chain. A client's own history is
        under <Link to="/admin/access-history">Access history</Link>.
      </p>
      <section className="panel" aria-labelledby="verify-heading">
        <h2 id="verify-heading">Verify the chain</h2>
        <p className="hint">Checks every entry from the first; the check itself is recorded in the log.</p>
        <div className="actions">
          <button type="button" className="button-primary" disabled={verify.isPending} onClick={() => verify.mutate()}>
            {verify.isPending ? "Checking…" : result ? "Verify again" : "Verify the audit chain"}
          </button>
        </div>
        {verify.isError && <Problem error={verify.error} />}
        {result && (
          <div className={result.intact ? "audit-verdict" : "audit-verdict audit-verdict-broken"} role="status">
            <p className="audit-verdict-head">
              <span className={result.intact ? "status status-on_track" : "status status-risk"}>
                {result.intact ? "Intact" : "Broken"}
              </span>{" "}
              {result.intact
                ? `All ${plural(result.entries_checked, "entry", "entries")} checked; none was changed or removed.`
                : `The chain breaks at entry ${result.first_bad_sequence ?? "?"} (${plural(result.entries_checked, "entry", "entries")} checked).`}
            </p>
            {!result.intact && result.problem && <p>What is wrong: {result.problem}</p>}
            <p className="muted head-hash">
              Latest hash <code>{result.head_hash}</code>
            </p>
          </div>
        )}
      </section>
    </>
  );
}
