// ReadCaseload (core/caseload_reads.hpp): the whole caseload in one transaction. Every part
// but the summary is read for all of the scope's clients at once (one query per part, keyed by
// client); the summary comes from this connection's views when the client's revision has not
// moved (client_views.hpp), else from the same SQL as GetClientSummary, so both agree. One
// audit entry per client shown.

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
    std::map<std::int64_t, CaseloadRecord*> by_client;
    for (std::size_t index = 0; index < ids.size(); ++index) {
      const ClientId client(ids[index].Int(0));
      const std::int64_t revision = ids[index].IsNull(1) ? 0 : ids[index].Int(1);
      // One entry per client shown, as sensitive as its most sensitive part (the name).
      TRY(Audit(context, client, AuditAction::kRead, record_type, std::to_string(client.value()),
                Sensitivity::kIdentifying));
      if (const ClientSummary* held = views_.Summary(client, revision)) {
        records[index].summary = *held;
      } else {
        TRY_ASSIGN(records[index].summary, ReadClientSummary(client));
        records[index].summary.revision = revision;
        views_.PutSummary(client, revision, records[index].summary);
      }
      by_client[client.value()] = &records[index];
    }
    if (records.empty()) return records;
    const auto record_of = [&by_client](std::int64_t client) -> CaseloadRecord* {
      const auto found = by_client.find(client);
      return found == by_client.end() ? nullptr : found->second;
    };

    TRY_ASSIGN(std::vector<Alert> alerts, AlertsWhere(in_scope("a.client_id"), params));
    for (Alert& alert : alerts) {
      if (CaseloadRecord* record = record_of(alert.client.value()))
        record->alerts.push_back(std::move(alert));
    }
    TRY_ASSIGN(SqlRows episodes,
               database_->Query(std::string(kEpisodeColumns) + "WHERE " + in_scope("e.client_id") +
                                    "ORDER BY e.opened_on, e.id",
                                params));
    for (const SqlRow& row : episodes) {
      if (CaseloadRecord* record = record_of(row.Int(1)))
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
      CaseloadRecord* record = record_of(row.Int(0));
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
      CaseloadRecord* record = record_of(row.Int(0));
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
      CaseloadRecord* record = record_of(row.Int(0));
      if (record == nullptr) continue;
      TRY_ASSIGN(nlohmann::json value, ParseStoredJson(row.Text(1)));
      auto profile = ProfileFromJson(value, "profile");
      if (!profile)
        return DataLoss("a stored client profile is corrupt: " + profile.error().message());
      record->profile = std::move(*profile);
    }
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
      if (CaseloadRecord* record = record_of(row.Int(0)))
        record->given_by_session[row.Int(1)].push_back(row.Text(2));
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

}  // namespace tessera::store
