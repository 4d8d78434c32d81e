// Episodes of care and sessions.

#include "core/records/names.hpp"
#include "store/sql/episode_sql.hpp"
#include "store/sql/sql_store.hpp"

namespace tessera::store {
namespace {

Status ValidateSession(const Session& session) {
  if (!IsIsoDate(session.date)) return InvalidArgument("session date: must be a date YYYY-MM-DD");
  for (const TechniqueUse& use : session.techniques) {
    if (use.technique.value().empty())
      return InvalidArgument("session technique: must not be empty");
    if (use.helpfulness && (*use.helpfulness < 0 || *use.helpfulness > 10))
      return InvalidArgument("session technique " + use.technique.value() +
                             ": helpfulness must be 0..10");
  }
  return Ok();
}

}  // namespace

Result<EpisodeId> SqlStore::OpenEpisode(const AccessContext& context, const Episode& episode) {
  if (!IsIsoDate(episode.opened_on))
    return InvalidArgument("episode opened_on: must be a date YYYY-MM-DD");
  return Transact([&]() -> Result<EpisodeId> {
    TRY(RequireClientAccess(context, episode.client));
    TRY_ASSIGN(std::int64_t id,
               InsertReturningId("INSERT INTO episodes (client_id, opened_on, reason, created_by, "
                                 "created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
                                 {episode.client.value(), episode.opened_on, episode.reason,
                                  context.actor->value(), Now()}));
    TRY(Audit(context, episode.client, AuditAction::kCreate, "episode", std::to_string(id),
              Sensitivity::kClinical));
    return EpisodeId(id);
  });
}

Status SqlStore::RequireEpisodeOpen(std::int64_t episode) {
  TRY_ASSIGN(SqlRows latest,
             database_->Query("SELECT status, on_date FROM episode_status_changes WHERE "
                              "episode_id = ? ORDER BY id DESC LIMIT 1",
                              {episode}));
  if (latest.empty() || latest[0].Text(0) != "closed") return Ok();
  return Conflict("episode " + std::to_string(episode) + " was closed on " + latest[0].Text(1) +
                  ": sessions, measures, plan changes and notes are refused in a closed "
                  "episode until it is reopened");
}

Status SqlStore::RequireSessionEpisodeOpen(std::int64_t session) {
  TRY_ASSIGN(SqlRows rows,
             database_->Query("SELECT episode_id FROM sessions WHERE id = ?", {session}));
  if (rows.empty()) return NotFound("session " + std::to_string(session) + " not found");
  return RequireEpisodeOpen(rows[0].Int(0));
}

Status SqlStore::CloseEpisode(const AccessContext& context, EpisodeId id,
                              const std::string& closed_on, const std::string& reason,
                              const std::string& risk_alert_override) {
  if (!IsIsoDate(closed_on)) return InvalidArgument("episode closed_on: must be a date YYYY-MM-DD");
  return Transact([&]() -> Status {
    TRY_ASSIGN(ClientId client, RequireRecordAccess(context, "episodes", id.value(), "episode"));
    TRY_ASSIGN(SqlRows latest, database_->Query("SELECT status FROM episode_status_changes WHERE "
                                                "episode_id = ? ORDER BY id DESC LIMIT 1",
                                                {id.value()}));
    if (!latest.empty() && latest[0].Text(0) == "closed")
      return Conflict("episode " + std::to_string(id.value()) + " is already closed");
    // Risk alerts of this episode that are still active: open or acknowledged, that is, whose
    // latest handling is not a resolution (the state rule of app/alert_lifecycle.hpp StateOf:
    // "resolved" and "auto_resolved" resolve, "reopened" opens, anything else acknowledges).
    // Alerts raised before the lifecycle have no episode_id: their administration's session
    // names the episode.
    TRY_ASSIGN(SqlRows open_alerts,
               database_->Query(
                   "SELECT al.id, al.kind FROM alerts al WHERE al.client_id = ? AND "
                   "(al.episode_id = ? OR (al.episode_id IS NULL AND EXISTS (SELECT 1 FROM "
                   "measure_administrations m CROSS JOIN sessions s WHERE m.id = "
                   "al.administration_id AND s.id = m.session_id AND s.episode_id = ?))) AND "
                   "COALESCE((SELECT h.action FROM alert_handlings h WHERE h.alert_id = al.id "
                   "ORDER BY h.id DESC LIMIT 1), '') NOT IN ('resolved', 'auto_resolved') "
                   "ORDER BY al.id",
                   {client.value(), id.value(), id.value()}));
    std::string risk_alerts;
    for (const SqlRow& alert : open_alerts) {
      if (!IsRiskAlertKind(alert.Text(1))) continue;
      risk_alerts += (risk_alerts.empty() ? "" : ", ") + std::to_string(alert.Int(0)) + " (" +
                     alert.Text(1) + ")";
    }
    if (!risk_alerts.empty() && risk_alert_override.empty())
      return Conflict("episode " + std::to_string(id.value()) +
                      " has open risk alerts: " + risk_alerts +
                      "; handle them first, or close with 'risk_alert_override' giving the "
                      "reason to close anyway");
    TRY(database_->Execute(
        "INSERT INTO episode_status_changes (episode_id, status, on_date, reason, "
        "risk_alert_override, changed_by, changed_at) VALUES (?, 'closed', ?, ?, ?, ?, ?)",
        {id.value(), closed_on, reason, risk_alerts.empty() ? std::string() : risk_alert_override,
         context.actor->value(), Now()}));
    TRY(Audit(context, client, AuditAction::kAmend, "episode", std::to_string(id.value()),
              Sensitivity::kClinical));
    // An override is a clinical decision of its own: its own entry, so a review of the audit
    // chain finds every episode closed over an open risk alert.
    if (!risk_alerts.empty())
      TRY(Audit(context, client, AuditAction::kAmend, "episode_risk_override",
                std::to_string(id.value()), Sensitivity::kClinical));
    return Ok();
  });
}

Status SqlStore::ReopenEpisode(const AccessContext& context, EpisodeId id,
                               const std::string& reason) {
  if (reason.empty()) return InvalidArgument("episode reopening reason: must not be empty");
  return Transact([&]() -> Status {
    TRY_ASSIGN(ClientId client, RequireRecordAccess(context, "episodes", id.value(), "episode"));
    TRY_ASSIGN(SqlRows latest, database_->Query("SELECT status FROM episode_status_changes WHERE "
                                                "episode_id = ? ORDER BY id DESC LIMIT 1",
                                                {id.value()}));
    if (latest.empty() || latest[0].Text(0) != "closed")
      return Conflict("episode " + std::to_string(id.value()) +
                      " is open; only a closed "
                      "episode can be reopened");
    TRY(database_->Execute(
        "INSERT INTO episode_status_changes (episode_id, status, on_date, reason, "
        "risk_alert_override, changed_by, changed_at) VALUES (?, 'reopened', ?, ?, '', ?, ?)",
        {id.value(), Now().substr(0, 10), reason, context.actor->value(), Now()}));
    return Audit(context, client, AuditAction::kAmend, "episode_reopening",
                 std::to_string(id.value()), Sensitivity::kClinical);
  });
}

Result<std::vector<Episode>> SqlStore::ListEpisodes(const AccessContext& context, ClientId client) {
  return Transact([&]() -> Result<std::vector<Episode>> {
    TRY(RequireClientAccess(context, client));
    TRY(Audit(context, client, AuditAction::kRead, "episode", "", Sensitivity::kClinical));
    TRY_ASSIGN(SqlRows rows,
               database_->Query(std::string(kEpisodeColumns) +
                                    "WHERE e.client_id = ? ORDER BY e.opened_on, e.id",
                                {client.value()}));
    std::vector<Episode> episodes;
    for (const SqlRow& row : rows) episodes.push_back(EpisodeFromRow(row));
    return episodes;
  });
}

Result<SessionId> SqlStore::RecordSession(const AccessContext& context, const Session& session) {
  TRY(ValidateSession(session));
  return Transact([&]() -> Result<SessionId> {
    TRY(RequireClientAccess(context, session.client));
    TRY(RequireBelongsTo("episodes", session.episode.value(), "episode", session.client));
    TRY(RequireEpisodeOpen(session.episode.value()));
    if (session.supersedes) {
      TRY(RequireBelongsTo("sessions", session.supersedes->value(), "session", session.client));
    }
    auto inserted = InsertReturningId(
        "INSERT INTO sessions (episode_id, client_id, session_date, attendance, supersedes, "
        "created_by, created_at, amendment_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {session.episode.value(), session.client.value(), session.date,
         std::string(Name(session.attendance)),
         session.supersedes ? SqlValue(session.supersedes->value()) : SqlValue(),
         context.actor->value(), Now(), session.amendment_reason});
    if (!inserted && inserted.error().code() == ErrorCode::kAlreadyExists)
      return Conflict("session " + std::to_string(session.supersedes->value()) +
                      " was already amended by someone else; reload and retry");
    TRY_ASSIGN(std::int64_t id, std::move(inserted));
    for (std::size_t position = 0; position < session.techniques.size(); ++position) {
      const TechniqueUse& use = session.techniques[position];
      TRY(database_->Execute(
          "INSERT INTO session_techniques (session_id, position, technique, helpfulness) "
          "VALUES (?, ?, ?, ?)",
          {id, static_cast<std::int64_t>(position), use.technique.value(),
           use.helpfulness ? SqlValue(std::int64_t{*use.helpfulness}) : SqlValue()}));
    }
    TRY(Audit(context, session.client,
              session.supersedes ? AuditAction::kAmend : AuditAction::kCreate, "session",
              std::to_string(id), Sensitivity::kClinical));
    return SessionId(id);
  });
}

Result<std::vector<Session>> SqlStore::ListSessions(const AccessContext& context, ClientId client,
                                                    Versions versions) {
  return SelectSessions(context, client, versions, std::nullopt);
}

Result<std::vector<Session>> SqlStore::ListSessionsPage(const AccessContext& context,
                                                        ClientId client, Versions versions,
                                                        const PageQuery& page) {
  if (page.offset < 0 || page.limit < 0)
    return InvalidArgument("session page: offset and limit must not be negative");
  return SelectSessions(context, client, versions, page);
}

Result<std::vector<Session>> SqlStore::SelectSessions(const AccessContext& context, ClientId client,
                                                      Versions versions,
                                                      std::optional<PageQuery> page) {
  return Transact([&]() -> Result<std::vector<Session>> {
    TRY(RequireClientAccess(context, client));
    TRY(Audit(context, client, AuditAction::kRead, "session", "", Sensitivity::kClinical));
    // Current versions: a session that a later row supersedes is hidden.
    const std::string select =
        "SELECT s.id, s.episode_id, s.session_date, s.attendance, s.supersedes, s.created_by, "
        "s.created_at, s.amendment_reason FROM sessions s WHERE s.client_id = ? ";
    std::string sql = versions == Versions::kWithHistory
                          ? select + "ORDER BY s.id"
                          : select +
                                "AND NOT EXISTS (SELECT 1 FROM sessions n WHERE "
                                "n.supersedes = s.id) ORDER BY s.session_date, s.id";
    SqlParams params{client.value()};
    if (page) {
      sql += " LIMIT ? OFFSET ?";
      params.emplace_back(page->limit);
      params.emplace_back(page->offset);
    }
    TRY_ASSIGN(SqlRows rows, database_->Query(sql, params));
    return SessionsWithTechniques(client, rows);
  });
}

}  // namespace tessera::store
