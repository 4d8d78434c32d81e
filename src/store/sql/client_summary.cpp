// GetClientSummary: what a clinician opens first for one client, in a handful of indexed
// queries and one audit entry.

#include "store/sql/sql_store.hpp"
#include "store/sql/time_text.hpp"

namespace tessera::store {
namespace {

// Current administrations in the current sessions of one episode (joined as `m`).
constexpr std::string_view kEpisodeAdministrations =
    "FROM sessions s CROSS JOIN measure_administrations m WHERE m.session_id = s.id AND "
    "s.client_id = ? AND s.episode_id = ? AND "
    "NOT EXISTS (SELECT 1 FROM sessions ns WHERE ns.supersedes = s.id) AND "
    "NOT EXISTS (SELECT 1 FROM measure_administrations n WHERE n.supersedes = m.id) ";

ScorePoint PointFromRow(const SqlRow& row) {
  return ScorePoint{AdministrationId(row.Int(0)), ParseUtc(row.Text(1)).value_or(TimePoint{}),
                    row.OptionalReal(2), row.Text(3)};
}

}  // namespace

Result<ClientSummary> SqlStore::GetClientSummary(const AccessContext& context, ClientId client) {
  return Transact([&]() -> Result<ClientSummary> {
    TRY(RequireClientAccess(context, client));
    // One entry for the whole summary, as sensitive as its most sensitive part (the name).
    TRY(Audit(context, client, AuditAction::kRead, "client_summary",
              std::to_string(client.value()), Sensitivity::kIdentifying));
    ClientSummary summary;
    summary.client = client;
    TRY_ASSIGN(SqlRows names, database_->Query("SELECT name FROM client_identifiers WHERE "
                                               "client_id = ?",
                                               {client.value()}));
    if (names.empty()) return DataLoss("client " + std::to_string(client.value()) + " has no identifiers");
    summary.name = names[0].Text(0);
    // The open episode opened last, else the last one opened.
    TRY_ASSIGN(SqlRows episodes,
               database_->Query("SELECT e.id, e.client_id, e.opened_on, e.reason, c.closed_on, "
                                "c.reason FROM episodes e LEFT JOIN episode_closures c ON "
                                "c.episode_id = e.id WHERE e.client_id = ? ORDER BY "
                                "CASE WHEN c.closed_on IS NULL THEN 0 ELSE 1 END, "
                                "e.opened_on DESC, e.id DESC LIMIT 1",
                                {client.value()}));
    TRY_ASSIGN(SqlRows open_alerts,
               database_->Query("SELECT COUNT(*) FROM alerts a WHERE a.client_id = ? AND NOT "
                                "EXISTS (SELECT 1 FROM alert_handlings h WHERE h.alert_id = a.id)",
                                {client.value()}));
    summary.open_alerts = open_alerts.at(0).Int(0);
    if (episodes.empty()) return summary;
    const SqlRow& row = episodes[0];
    summary.episode = Episode{EpisodeId(row.Int(0)), client, row.Text(2), row.Text(3),
                              row.OptionalText(4), row.Text(5)};
    const std::int64_t episode = row.Int(0);
    TRY_ASSIGN(SqlRows counts,
               database_->Query("SELECT m.instrument, COUNT(*) " + std::string(kEpisodeAdministrations) +
                                    "GROUP BY m.instrument ORDER BY m.instrument",
                                {client.value(), episode}));
    const std::string point =
        "SELECT m.id, m.administered_at, m.total, m.band " + std::string(kEpisodeAdministrations) +
        "AND m.instrument = ? ORDER BY m.administered_at @, m.id @ LIMIT 1";
    std::string first = point;
    std::string latest = point;
    for (std::size_t at = first.find('@'); at != std::string::npos; at = first.find('@'))
      first.replace(at, 1, "ASC");
    for (std::size_t at = latest.find('@'); at != std::string::npos; at = latest.find('@'))
      latest.replace(at, 1, "DESC");
    for (const SqlRow& count : counts) {
      InstrumentSummary instrument;
      instrument.instrument = InstrumentId(count.Text(0));
      instrument.count = count.Int(1);
      const SqlParams params{client.value(), episode, count.Text(0)};
      TRY_ASSIGN(SqlRows first_rows, database_->Query(first, params));
      TRY_ASSIGN(SqlRows latest_rows, database_->Query(latest, params));
      if (first_rows.empty() || latest_rows.empty()) continue;
      instrument.first = PointFromRow(first_rows[0]);
      instrument.latest = PointFromRow(latest_rows[0]);
      summary.instruments.push_back(std::move(instrument));
    }
    TRY_ASSIGN(SqlRows plans, database_->Query("SELECT p.id, MAX(v.version) FROM plans p CROSS "
                                               "JOIN plan_versions v WHERE v.plan_id = p.id AND "
                                               "p.client_id = ? AND p.episode_id = ? GROUP BY "
                                               "p.id ORDER BY p.id DESC LIMIT 1",
                                               {client.value(), episode}));
    if (!plans.empty()) {
      summary.plan = PlanId(plans[0].Int(0));
      summary.plan_version = plans[0].Int(1);
    }
    return summary;
  });
}

}  // namespace tessera::store
