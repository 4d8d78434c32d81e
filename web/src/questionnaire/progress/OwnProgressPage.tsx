// A client account's own page (decision 0260): after signing in, a client sees their own
// progress chart when their clinician shares it, and otherwise says so plainly. The client's
// record is the one record the account may read (GET /api/v1/clients lists only it).
import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { api, data } from "../../api/client";
import { Loading, Problem } from "../../shared/QueryState";
import { OwnProgress } from "./OwnProgress";

function useOwnProgress() {
  return useQuery({
    queryKey: ["own-progress"],
    queryFn: async () => {
      const clients = await data(api.GET("/api/v1/clients", { params: { query: { limit: 1 } } }));
      const own = clients.items[0];
      if (!own) return null;
      return data(api.GET("/api/v1/clients/{client_id}/progress", { params: { path: { client_id: own.id } } }));
    },
  });
}

export function OwnProgressPage() {
  const progress = useOwnProgress();
  useEffect(() => {
    document.title = "Your progress";
  }, []);
  return (
    <>
      <h1>Your progress</h1>
      {progress.isPending && <Loading what="your progress" />}
      {progress.isError && <Problem error={progress.error} />}
      {progress.data === null && <p>There is no record linked to this account yet.</p>}
      {progress.data && !progress.data.shared && (
        <p>
          Your clinician has not shared your progress chart here. You can ask them about it at your
          next session.
        </p>
      )}
      {progress.data?.shared && progress.data.instruments.length === 0 && (
        <p>There are no scores to show yet.</p>
      )}
      {progress.data && <OwnProgress progress={progress.data} title="Your scores" />}
    </>
  );
}
