// The alerts inbox: every open alert across the caseload, most severe first, then oldest.
import { useQuery } from "@tanstack/react-query";
import { allPages, api } from "../api/client";
import type { ClientListItem } from "../api/types";
import { plural } from "../shared/format";
import { Loading, Problem } from "../shared/QueryState";
import { AlertCard } from "./AlertCard";
import { useOpenAlerts } from "./alertQueries";

export function AlertsPage() {
  const alerts = useOpenAlerts();
  const clients = useQuery({
    queryKey: ["clients"],
    queryFn: () =>
      allPages<ClientListItem>((cursor) =>
        api.GET("/api/v1/clients", { params: { query: { limit: 200, cursor } } }),
      ),
  });
  const names = new Map((clients.data ?? []).map((client) => [client.id, client.name]));
  return (
    <>
      <div className="page-head">
        <h1>Alerts</h1>
        {alerts.data && (
          <p className="lede">
            {alerts.data.length === 0
              ? "No open alerts."
              : `${plural(alerts.data.length, "open alert")}, most severe first, then longest waiting.`}
          </p>
        )}
      </div>
      {alerts.isPending && <Loading what="alerts" />}
      {alerts.isError && <Problem error={alerts.error} />}
      <div className="alert-list">
        {alerts.data?.map((alert) => (
          <AlertCard
            key={alert.id}
            alert={alert}
            clientName={names.get(alert.client_id) ?? `Client ${alert.client_id}`}
          />
        ))}
      </div>
    </>
  );
}
