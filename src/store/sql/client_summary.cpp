// GetClientSummary: what a clinician opens first for one client, in a handful of indexed
// queries and one audit entry.

#include <map>
#include <utility>

#include "store/sql/episode_sql.hpp"
#include "store/sql/sql_store.hpp"
#include "store/sql/time_text.hpp"

namespace tessera::store {
namespace {

// Per (session, instrument) pair of the episode (kEpisodePairs) the administrations are
// counted from the index alone (amended ones too); the amended ones are subtracted by a second
// query that reads only amendments (a partial index), so a long history costs an index count,
// not a lookup per row.
// Per instrument, the administrations of the episode that an amendment replaced.
// A void counts twice: it is a row of the pair itself, and it cancels the one it supersedes.
constexpr std::string_view kAmendedInEpisode =
    "SELECT o.instrument, SUM(CASE WHEN n.is_void = 1 THEN 2 ELSE 1 END) FROM "
    "measure_administrations n CROSS JOIN "
    "measure_administrations o CROSS JOIN sessions s WHERE n.client_id = ? AND "
    "n.supersedes IS NOT NULL AND o.id = n.supersedes AND s.id = o.session_id AND "
    "s.episode_id = ? AND NOT EXISTS (SELECT 1 FROM sessions ns WHERE ns.supersedes = s.id) "
    "GROUP BY o.instrument";

ScorePoint PointFromRow(const SqlRow& row) {
  return ScorePoint{AdministrationId(row.Int(0)), ParseUtc(row.Text(1)).value_or(TimePoint{}),
                    row.OptionalReal(2), row.Text(3)};
}

}  // namespace

Result<ClientSummary> SqlStore::GetClientSummary(const AccessContext& context, ClientId client) {
  return Transact([&]() -> Result<ClientSummary> {
    // The revision comes with the access check, before any of the rows (client_views.hpp).
    TRY_ASSIGN(const std::int64_t revision, RequireClientAccess(context, client));
    // One entry for the whole summary, as sensitive as its most sensitive part (the name).
    TRY(Audit(context, client, AuditAction::kRead, "client_summary", std::to_string(client.value()),
              Sensitivity::kIdentifying));
    if (const ClientSummary* held = views_.Summary(client, revision)) return *held;
    TRY_ASSIGN(ClientSummary summary, ReadClientSummary(client));
    summary.revision = revision;
    views_.PutSummary(client, revision, summary);
    return summary;
  });
}

Result<ClientSummary> SqlStore::ReadClientSummary(ClientId client) {
  ClientSummary summary;
  summary.client = client;
  // The current name: the registration is version 1, amendments later versions (as GetClient).
  TRY_ASSIGN(SqlRows names, database_->Query("SELECT name, 1 AS version FROM client_identifiers "
                                             "WHERE client_id = ? UNION ALL SELECT name, version "
                                             "FROM client_identifier_amendments WHERE "
                                             "client_id = ? ORDER BY version DESC LIMIT 1",
                                             {client.value(), client.value()}));
  if (names.empty())
    return DataLoss("client " + std::to_string(client.value()) + " has no identifiers");
  summary.name = names[0].Text(0);
  // The open episode opened last, else the last one opened.
  TRY_ASSIGN(SqlRows episodes,
             database_->Query("SELECT e.id, e.client_id, e.opened_on, e.reason, c.on_date, "
                              "c.reason FROM episodes e LEFT JOIN episode_status_changes c ON "
                              "c.id = (SELECT MAX(x.id) FROM episode_status_changes x WHERE "
                              "x.episode_id = e.id) AND c.status = 'closed' WHERE "
                              "e.client_id = ? ORDER BY "
                              "CASE WHEN c.on_date IS NULL THEN 0 ELSE 1 END, "
                              "e.opened_on DESC, e.id DESC LIMIT 1",
                              {client.value()}));
  TRY_ASSIGN(SqlRows open_alerts,
             database_->Query("SELECT COUNT(*) FROM alerts a WHERE a.client_id = ? AND NOT "
                              "EXISTS (SELECT 1 FROM alert_handlings h WHERE h.alert_id = a.id)",
                              {client.value()}));
  summary.open_alerts = open_alerts.at(0).Int(0);
  if (episodes.empty()) return summary;
  const SqlRow& row = episodes[0];
  summary.episode = Episode{EpisodeId(row.Int(0)), client,     row.Text(2), row.Text(3),
                            row.OptionalText(4),   row.Text(5)};
  const std::int64_t episode = row.Int(0);
  // Per (session, instrument): how many, and the first and latest (each one descending or
  // ascending step of administrations_by_session); then per instrument in memory.
  constexpr std::string_view kPick =
      "(SELECT p.id FROM measure_administrations p WHERE p.session_id = m.session_id AND "
      "p.instrument = m.instrument AND p.is_void = 0 AND NOT EXISTS (SELECT 1 FROM "
      "measure_administrations pn "
      "WHERE pn.supersedes = p.id) ORDER BY p.administered_at @, p.id @ LIMIT 1)";
  std::string first_pick(kPick);
  std::string latest_pick(kPick);
  for (std::size_t at = first_pick.find('@'); at != std::string::npos; at = first_pick.find('@'))
    first_pick.replace(at, 1, "ASC");
  for (std::size_t at = latest_pick.find('@'); at != std::string::npos; at = latest_pick.find('@'))
    latest_pick.replace(at, 1, "DESC");
  TRY_ASSIGN(SqlRows groups,
             database_->Query(std::string(kEpisodePairs) +
                                  "SELECT m.instrument, (SELECT COUNT(*) FROM "
                                  "measure_administrations c WHERE c.session_id = m.session_id "
                                  "AND c.instrument = m.instrument), " +
                                  first_pick + ", " + latest_pick +
                                  " FROM pairs m WHERE m.instrument IS NOT NULL",
                              {client.value(), episode}));
  std::map<std::string, InstrumentSummary> by_instrument;
  for (const SqlRow& group : groups) {
    InstrumentSummary& instrument = by_instrument[group.Text(0)];
    instrument.instrument = InstrumentId(group.Text(0));
    instrument.count += group.Int(1);
  }
  TRY_ASSIGN(SqlRows amended, database_->Query(kAmendedInEpisode, {client.value(), episode}));
  for (const SqlRow& row : amended) {
    if (auto found = by_instrument.find(row.Text(0)); found != by_instrument.end())
      found->second.count -= row.Int(1);
  }
  // The candidates' times and scores, one query by id; ties in time go to the lower id
  // (first) and the higher id (latest), as everywhere else.
  std::vector<std::int64_t> candidates;
  for (const SqlRow& group : groups) {
    for (std::size_t column : {2u, 3u})
      if (!group.IsNull(column)) candidates.push_back(group.Int(column));
  }
  std::map<std::string, std::pair<std::string, std::int64_t>> first_key, latest_key;
  for (std::size_t start = 0; start < candidates.size(); ++start) {
    TRY_ASSIGN(SqlRows point, database_->Query("SELECT m.id, m.administered_at, m.total, "
                                               "m.band, m.instrument FROM "
                                               "measure_administrations m WHERE m.id = ?",
                                               {candidates[start]}));
    if (point.empty()) continue;
    const std::string name = point[0].Text(4);
    const std::pair<std::string, std::int64_t> key{point[0].Text(1), point[0].Int(0)};
    InstrumentSummary& instrument = by_instrument[name];
    if (!first_key.count(name) || key < first_key[name]) {
      first_key[name] = key;
      instrument.first = PointFromRow(point[0]);
    }
    if (!latest_key.count(name) || latest_key[name] < key) {
      latest_key[name] = key;
      instrument.latest = PointFromRow(point[0]);
    }
  }
  for (auto& [name, instrument] : by_instrument)
    if (first_key.count(name)) summary.instruments.push_back(std::move(instrument));
  // The episode's active plan (issue 14), never a draft.
  TRY_ASSIGN(SqlRows plans, database_->Query("SELECT p.id, MAX(v.version) FROM plans p CROSS "
                                             "JOIN plan_versions v WHERE v.plan_id = p.id AND "
                                             "p.client_id = ? AND p.episode_id = ? AND " +
                                                 std::string(kActivePlan) +
                                                 "GROUP BY p.id ORDER BY p.id DESC LIMIT 1",
                                             {client.value(), episode}));
  if (!plans.empty()) {
    summary.plan = PlanId(plans[0].Int(0));
    summary.plan_version = plans[0].Int(1);
  }
  return summary;
}

}  // namespace tessera::store
