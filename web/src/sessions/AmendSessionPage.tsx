// Amending a recorded session: the recording form filled in from the session's current version.
// An earlier version's address leads to the current one (only that may be amended).
import { Link, useParams } from "react-router-dom";
import { currentVersion } from "../notes/amendments";
import { Loading, Problem } from "../shared/QueryState";
import { RecordSessionPage } from "./RecordSessionPage";
import { useSessionVersions } from "./sessionQueries";

export function AmendSessionPage() {
  const params = useParams();
  const clientId = Number(params.clientId);
  const sessionId = Number(params.sessionId);
  const versions = useSessionVersions(clientId);
  if (versions.isPending) return <Loading what="the session" />;
  if (versions.isError) return <Problem error={versions.error} />;
  const current = currentVersion(versions.data, sessionId);
  if (!current) return <Problem error={new Error("no such session")} />;
  if (current.id !== sessionId) {
    return (
      <p className="notice">
        This version of the session was amended since.{" "}
        <Link to={`/clients/${clientId}/sessions/${current.id}/amend`}>Amend the current version</Link>
      </p>
    );
  }
  return <RecordSessionPage key={current.id} amending={current} />;
}
