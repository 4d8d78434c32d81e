// ReadCaseload (core/caseload_reads.hpp): the whole caseload in one transaction. A client's
// summary and its other parts (alerts, episodes, sessions, plan, profile, administrations given)
// come from this connection's views when the client's revision has not moved
// (client_views.hpp); else the summary from the same SQL as GetClientSummary, so both agree,
// and the other parts by one query per part for all such clients at once. The lead and the
// schedules, which no revision covers, are read for the whole scope each time. One audit
// entry per client shown, written in one pass (AuditClientReads).

#include <map>

#include "core/records/names.hpp"
#include "store/exchange/record_json.hpp"
#include "store/sql/episode_sql.hpp"
#include "store/sql/sql_store.hpp"

namespace tessera::store {
namespace {

// The clients of a team view: those led by a clinician of a team the actor supervises.
constexpr std::string_view kSupervisedClients =
    "SELECT ctl.client_id FROM care_team_members ctl CROSS JOIN team_members tcl CROSS JOIN "
    "team_members tsu WHERE ctl.role = 'lead' AND tcl.user_id = ctl.user_id AND "
    "tcl.role = 'clinician' AND tsu.team_id = tcl.team_id AND tsu.role = 'supervisor' AND "
    "tsu.user_id = ?";

}  // namespace

Result<std::vector<CaseloadRecord>> SqlStore::ReadCaseload(const AccessContext& context,
                                                           CaseloadScope scope) {
  return Transact([&]() -> Result<std::vector<CaseloadRecord>> {
    TRY_ASSIGN(Role role, ActorRole(context));
    if (role == Role::kClient) {
      NoteDenial(context, std::nullopt, "permission", "read a caseload",
                 Sensitivity::kAdministrative);
      return PermissionDenied("a client account has no caseload");
    }
    if (scope == CaseloadScope::kTeam)
      TRY(RequireRole(context, {Role::kSupervisor}, "read a team's caseload"));
    // The scope as a subquery of client ids; every query below reads `x.client_id IN (...)`.
    std::string clients = "SELECT c.id FROM clients c";
    SqlParams params;
    if (scope == CaseloadScope::kTeam) {
      clients = std::string(kSupervisedClients);
      params.emplace_back(context.actor->value());
    } else if (role != Role::kAdmin) {
      clients = "SELECT o.client_id FROM care_team_members o WHERE o.user_id = ?";
      params.emplace_back(context.actor->value());
    }
    const auto in_scope = [&clients](std::string_view column) {
      return std::string(column) + " IN (" + clients + ") ";
    };
    TRY_ASSIGN(SqlRows ids, database_->Query("SELECT c.id, r.revision FROM clients c LEFT JOIN "
                                             "client_revisions r ON r.client_id = c.id WHERE " +
                                                 in_scope("c.id") + "ORDER BY c.id",
                                             params));
    const std::string_view record_type =
        scope == CaseloadScope::kTeam ? "supervision_caseload" : "caseload";
    std::vector<CaseloadRecord> records(ids.size());
    std::vector<ClientId> shown;
    shown.reserve(ids.size());
    std::map<std::int64_t, CaseloadRecord*> by_client;
    // The clients whose parts this connection holds no view of at their revision, and that
    // revision: only their parts are read from SQL below.
    std::map<std::int64_t, std::pair<CaseloadRecord*, std::int64_t>> stale;
    for (std::size_t index = 0; index < ids.size(); ++index) {
      const ClientId client(ids[index].Int(0));
      const std::int64_t revision = ids[index].IsNull(1) ? 0 : ids[index].Int(1);
      shown.push_back(client);
      if (const CaseloadRecord* held = views_.Caseload(client, revision)) {
        records[index] = *held;
      } else {
        stale[client.value()] = {&records[index], revision};
      }
      if (const ClientSummary* held = views_.Summary(client, revision)) {
        records[index].summary = *held;
      } else {
        TRY_ASSIGN(records[index].summary, ReadClientSummary(client));
        records[index].summary.revision = revision;
        views_.PutSummary(client, revision, records[index].summary);
      }
      by_client[client.value()] = &records[index];
    }
    // One entry per client shown, as sensitive as its most sensitive part (the name).
    TRY(AuditClientReads(context, shown, record_type, Sensitivity::kIdentifying));
    if (records.empty()) return records;
    const auto record_of = [&by_client](std::int64_t client) -> CaseloadRecord* {
      const auto found = by_client.find(client);
      return found == by_client.end() ? nullptr : found->second;
    };
    if (!stale.empty()) TRY(ReadCaseloadParts(stale, records.size(), clients, params));
    for (const auto& [client, held] : stale)
      views_.PutCaseload(ClientId(client), held.second, *held.first);

    TRY_ASSIGN(SqlRows schedules,
               database_->Query("SELECT e.client_id, s.episode_id, s.document FROM "
                                "measurement_schedules s CROSS JOIN episodes e WHERE "
                                "e.id = s.episode_id AND " +
                                    in_scope("e.client_id"),
                                params));
    for (const SqlRow& row : schedules) {
      if (CaseloadRecord* record = record_of(row.Int(0)))
        record->schedules[row.Int(1)] = row.Text(2);
    }
    // The lead: the first lead on the care team, named as the therapist whose profile names
    // the account (its latest version), else by the account's username.
    TRY_ASSIGN(SqlRows leads,
               database_->Query("SELECT m.client_id, m.user_id, u.username, (SELECT "
                                "v.display_name FROM therapist_versions v WHERE v.user_id = "
                                "m.user_id ORDER BY v.created_at DESC, v.version DESC LIMIT 1) "
                                "FROM care_team_members m CROSS JOIN users u WHERE u.id = "
                                "m.user_id AND m.role = 'lead' AND " +
                                    in_scope("m.client_id") + "ORDER BY m.added_at, m.user_id",
                                params));
    for (const SqlRow& row : leads) {
      CaseloadRecord* record = record_of(row.Int(0));
      if (record == nullptr || record->lead) continue;
      record->lead = UserId(row.Int(1));
      record->lead_name = row.IsNull(3) || row.Text(3).empty() ? row.Text(2) : row.Text(3);
    }
    return records;
  });
}

Status SqlStore::ReadCaseloadParts(
    const std::map<std::int64_t, std::pair<CaseloadRecord*, std::int64_t>>& stale,
    std::size_t scope_size, const std::string& scope_clients, const SqlParams& scope_params) {
  // Every client of the scope (the first read on this connection), or too many to list as
  // parameters: the scope's subquery (rows of held clients are skipped); else their ids.
  constexpr std::size_t kMaxListed = 2000;
  std::string clients = scope_clients;
  SqlParams params = scope_params;
  if (stale.size() < scope_size && stale.size() <= kMaxListed) {
    clients.clear();
    params.clear();
    for (const auto& entry : stale) {
      clients += clients.empty() ? "?" : ", ?";
      params.emplace_back(entry.first);
    }
  }
  const auto in_scope = [&clients](std::string_view column) {
    return std::string(column) + " IN (" + clients + ") ";
  };
  const auto part_of = [&stale](std::int64_t client) -> CaseloadRecord* {
    const auto found = stale.find(client);
    return found == stale.end() ? nullptr : found->second.first;
  };
  TRY_ASSIGN(std::vector<Alert> alerts, AlertsWhere(in_scope("a.client_id"), params));
  for (Alert& alert : alerts) {
    if (CaseloadRecord* record = part_of(alert.client.value()))
      record->alerts.push_back(std::move(alert));
  }
  TRY_ASSIGN(SqlRows episodes,
             database_->Query(std::string(kEpisodeColumns) + "WHERE " + in_scope("e.client_id") +
                                  "ORDER BY e.opened_on, e.id",
                              params));
  for (const SqlRow& row : episodes) {
    if (CaseloadRecord* record = part_of(row.Int(1)))
      record->episodes.push_back(EpisodeFromRow(row));
  }
  // Current sessions: one that a later row supersedes is hidden (as ListSessions).
  TRY_ASSIGN(SqlRows sessions,
             database_->Query("SELECT s.client_id, s.id, s.episode_id, s.session_date, "
                              "s.attendance FROM sessions s WHERE " +
                                  in_scope("s.client_id") +
                                  "AND NOT EXISTS (SELECT 1 FROM sessions n WHERE "
                                  "n.supersedes = s.id) ORDER BY s.session_date, s.id",
                              params));
  for (const SqlRow& row : sessions) {
    CaseloadRecord* record = part_of(row.Int(0));
    if (record == nullptr) continue;
    TRY_ASSIGN(Attendance attendance, ParseAttendance(row.Text(4)));
    record->sessions.push_back({SessionId(row.Int(1)),
                                EpisodeId(row.Int(2)),
                                ClientId(row.Int(0)),
                                row.Text(3),
                                attendance,
                                {},
                                std::nullopt});
  }
  TRY_ASSIGN(SqlRows plans,
             database_->Query("SELECT p.client_id, p.id, v.content FROM plans p CROSS JOIN "
                              "plan_versions v WHERE v.plan_id = p.id AND " +
                                  in_scope("p.client_id") + "AND " + std::string(kActivePlan) +
                                  "AND v.version = (SELECT MAX(w.version) FROM plan_versions "
                                  "w WHERE w.plan_id = p.id)",
                              params));
  for (const SqlRow& row : plans) {
    CaseloadRecord* record = part_of(row.Int(0));
    if (record != nullptr && record->summary.plan && record->summary.plan->value() == row.Int(1))
      record->plan_content = row.Text(2);
  }
  TRY_ASSIGN(SqlRows profiles,
             database_->Query("SELECT p.client_id, p.profile_json FROM client_profiles p "
                              "WHERE " +
                                  in_scope("p.client_id") +
                                  "AND p.version = (SELECT MAX(q.version) FROM "
                                  "client_profiles q WHERE q.client_id = p.client_id)",
                              params));
  for (const SqlRow& row : profiles) {
    CaseloadRecord* record = part_of(row.Int(0));
    if (record == nullptr) continue;
    TRY_ASSIGN(nlohmann::json value, ParseStoredJson(row.Text(1)));
    auto profile = ProfileFromJson(value, "profile");
    if (!profile)
      return DataLoss("a stored client profile is corrupt: " + profile.error().message());
    record->profile = std::move(*profile);
  }
  // Current administrations (as ListAdministrations kCurrentOnly): voids, and the rows a
  // correction or void superseded, are left out.
  TRY_ASSIGN(SqlRows given,
             database_->Query("SELECT a.client_id, a.session_id, a.instrument FROM "
                              "measure_administrations a WHERE " +
                                  in_scope("a.client_id") +
                                  "AND a.session_id IS NOT NULL AND a.is_void = 0 AND NOT "
                                  "EXISTS (SELECT 1 FROM measure_administrations n WHERE "
                                  "n.supersedes = a.id) ORDER BY a.administered_at, a.id",
                              params));
  for (const SqlRow& row : given) {
    if (CaseloadRecord* record = part_of(row.Int(0)))
      record->given_by_session[row.Int(1)].push_back(row.Text(2));
  }
  return Ok();
}

}  // namespace tessera::store
