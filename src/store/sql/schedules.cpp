// Measurement schedules and questionnaire links (core/schedules.hpp; schema version 11).

#include "store/sql/sql_store.hpp"
#include "store/sql/time_text.hpp"

namespace tessera::store {
namespace {

constexpr std::string_view kLinkColumns =
    "SELECT id, client_id, session_id, instruments, created_by, created_at, expires_at, used_at, "
    "revoked_at, idempotency_key, receipt, delivery FROM questionnaire_links ";

// Instrument ids are [a-z0-9-] (the instrument files' rule), so a comma list is unambiguous.
std::string JoinInstruments(const std::vector<std::string>& instruments) {
  std::string joined;
  for (const std::string& instrument : instruments) {
    if (!joined.empty()) joined += ',';
    joined += instrument;
  }
  return joined;
}

std::vector<std::string> SplitInstruments(const std::string& joined) {
  std::vector<std::string> instruments;
  std::size_t start = 0;
  while (start < joined.size()) {
    const std::size_t comma = joined.find(',', start);
    const std::size_t end = comma == std::string::npos ? joined.size() : comma;
    instruments.push_back(joined.substr(start, end - start));
    start = end + 1;
  }
  return instruments;
}

QuestionnaireLink LinkFromRow(const SqlRow& row) {
  QuestionnaireLink link;
  link.id = LinkId(row.Int(0));
  link.client = ClientId(row.Int(1));
  link.session = SessionId(row.Int(2));
  link.instruments = SplitInstruments(row.Text(3));
  link.created_by = UserId(row.Int(4));
  link.created_at = ParseUtc(row.Text(5)).value_or(TimePoint{});
  link.expires_at = ParseUtc(row.Text(6)).value_or(TimePoint{});
  if (!row.IsNull(7)) link.used_at = ParseUtc(row.Text(7)).value_or(TimePoint{});
  if (!row.IsNull(8)) link.revoked_at = ParseUtc(row.Text(8)).value_or(TimePoint{});
  link.idempotency_key = row.Text(9);
  link.receipt = row.Text(10);
  link.delivery = ParseLinkDelivery(row.Text(11)).value_or(LinkDelivery::kRemote);
  return link;
}

}  // namespace

Result<std::optional<StoredSchedule>> SqlStore::GetSchedule(const AccessContext& context,
                                                            ClientId client, EpisodeId episode) {
  return Transact([&]() -> Result<std::optional<StoredSchedule>> {
    TRY(RequireClientAccess(context, client));
    TRY(RequireBelongsTo("episodes", episode.value(), "episode", client));
    TRY_ASSIGN(SqlRows rows, database_->Query("SELECT document, updated_by, updated_at FROM "
                                              "measurement_schedules WHERE episode_id = ?",
                                              {episode.value()}));
    TRY(Audit(context, client, AuditAction::kRead, "measurement_schedule",
              std::to_string(episode.value()), Sensitivity::kClinical));
    if (rows.empty()) return std::optional<StoredSchedule>();
    StoredSchedule schedule;
    schedule.episode = episode;
    schedule.document = rows[0].Text(0);
    if (!rows[0].IsNull(1)) schedule.updated_by = UserId(rows[0].Int(1));
    schedule.updated_at = ParseUtc(rows[0].Text(2)).value_or(TimePoint{});
    return std::optional<StoredSchedule>(std::move(schedule));
  });
}

Status SqlStore::SetSchedule(const AccessContext& context, ClientId client, EpisodeId episode,
                             const std::string& document) {
  return Transact([&]() -> Status {
    TRY(RequireClientAccess(context, client));
    TRY(RequireRole(context, {Role::kAdmin, Role::kClinician, Role::kSupervisor},
                    "change a measurement schedule"));
    TRY(RequireBelongsTo("episodes", episode.value(), "episode", client));
    TRY(database_->Execute("DELETE FROM measurement_schedules WHERE episode_id = ?",
                           {episode.value()}));
    TRY(
        database_->Execute("INSERT INTO measurement_schedules (episode_id, document, updated_by, "
                           "updated_at) VALUES (?, ?, ?, ?)",
                           {episode.value(), document, context.actor->value(), Now()}));
    return Audit(context, client, AuditAction::kAmend, "measurement_schedule",
                 std::to_string(episode.value()), Sensitivity::kClinical);
  });
}

Result<LinkId> SqlStore::CreateQuestionnaireLink(const AccessContext& context,
                                                 const QuestionnaireLink& link,
                                                 const std::string& token_hash) {
  if (token_hash.size() != 64)
    return InvalidArgument("questionnaire link: token hash must be SHA-256 hex");
  if (link.instruments.empty()) return InvalidArgument("questionnaire link: no instruments");
  return Transact([&]() -> Result<LinkId> {
    TRY(RequireClientAccess(context, link.client));
    TRY(RequireRole(context, {Role::kAdmin, Role::kClinician, Role::kSupervisor},
                    "issue a questionnaire link"));
    TRY(RequireBelongsTo("sessions", link.session.value(), "session", link.client));
    TRY(RequireSessionEpisodeOpen(link.session.value()));
    TRY_ASSIGN(std::int64_t id,
               InsertReturningId(
                   "INSERT INTO questionnaire_links (token_hash, client_id, session_id, "
                   "instruments, created_by, created_at, expires_at, delivery) VALUES (?, ?, ?, "
                   "?, ?, ?, ?, ?) RETURNING id",
                   {token_hash, link.client.value(), link.session.value(),
                    JoinInstruments(link.instruments), context.actor->value(), Now(),
                    FormatUtc(link.expires_at), std::string(LinkDeliveryName(link.delivery))}));
    TRY(Audit(context, link.client, AuditAction::kCreate, "questionnaire_link", std::to_string(id),
              Sensitivity::kClinical));
    return LinkId(id);
  });
}

Result<std::optional<QuestionnaireLink>> SqlStore::FindQuestionnaireLink(
    const std::string& token_hash) {
  return Transact([&]() -> Result<std::optional<QuestionnaireLink>> {
    TRY_ASSIGN(SqlRows rows,
               database_->Query(std::string(kLinkColumns) + "WHERE token_hash = ?", {token_hash}));
    if (rows.empty()) return std::optional<QuestionnaireLink>();
    return std::optional<QuestionnaireLink>(LinkFromRow(rows[0]));
  });
}

Status SqlStore::RecordQuestionnaireLinkUse(const AccessContext& context,
                                            const QuestionnaireLink& link) {
  return Transact([&]() -> Status {
    TRY(RequireClientAccess(context, link.client));
    return Audit(context, link.client, AuditAction::kRead, "questionnaire_link",
                 std::to_string(link.id.value()), Sensitivity::kClinical);
  });
}

Result<bool> SqlStore::UseQuestionnaireLink(const AccessContext& context, LinkId link,
                                            const std::string& idempotency_key,
                                            const std::string& receipt) {
  return Transact([&]() -> Result<bool> {
    TRY_ASSIGN(ClientId client,
               RequireRecordAccess(context, "questionnaire_links", link.value(), "link"));
    const std::string now = Now();
    TRY_ASSIGN(SqlRows updated,
               database_->Query("UPDATE questionnaire_links SET used_at = ?, idempotency_key = ?, "
                                "receipt = ? WHERE id = ? AND used_at IS NULL AND revoked_at IS "
                                "NULL AND expires_at > ? RETURNING id",
                                {now, idempotency_key, receipt, link.value(), now}));
    if (updated.empty()) return false;
    TRY(Audit(context, client, AuditAction::kCreate, "questionnaire_link_submission",
              std::to_string(link.value()), Sensitivity::kClinical));
    return true;
  });
}

Result<QuestionnaireLink> SqlStore::RevokeQuestionnaireLink(const AccessContext& context,
                                                            ClientId client, LinkId link) {
  return Transact([&]() -> Result<QuestionnaireLink> {
    TRY(RequireClientAccess(context, client));
    TRY(RequireRole(context, {Role::kAdmin, Role::kClinician, Role::kSupervisor},
                    "revoke a questionnaire link"));
    TRY(RequireBelongsTo("questionnaire_links", link.value(), "questionnaire link", client));
    TRY(
        database_->Execute("UPDATE questionnaire_links SET revoked_at = ? WHERE id = ? AND "
                           "revoked_at IS NULL",
                           {Now(), link.value()}));
    TRY(Audit(context, client, AuditAction::kAmend, "questionnaire_link",
              std::to_string(link.value()), Sensitivity::kClinical));
    TRY_ASSIGN(SqlRows rows,
               database_->Query(std::string(kLinkColumns) + "WHERE id = ?", {link.value()}));
    if (rows.empty())
      return NotFound("questionnaire link " + std::to_string(link.value()) + " not found");
    return LinkFromRow(rows[0]);
  });
}

Result<std::vector<QuestionnaireLink>> SqlStore::ListQuestionnaireLinks(
    const AccessContext& context, ClientId client) {
  return Transact([&]() -> Result<std::vector<QuestionnaireLink>> {
    TRY(RequireClientAccess(context, client));
    TRY(RequireRole(context, {Role::kAdmin, Role::kClinician, Role::kSupervisor},
                    "list questionnaire links"));
    TRY_ASSIGN(SqlRows rows,
               database_->Query(std::string(kLinkColumns) + "WHERE client_id = ? ORDER BY id DESC",
                                {client.value()}));
    TRY(Audit(context, client, AuditAction::kRead, "questionnaire_link", "",
              Sensitivity::kClinical));
    std::vector<QuestionnaireLink> links;
    for (const SqlRow& row : rows) links.push_back(LinkFromRow(row));
    return links;
  });
}

Result<ProgressSharing> SqlStore::GetProgressSharing(const AccessContext& context, ClientId client,
                                                     EpisodeId episode) {
  return Transact([&]() -> Result<ProgressSharing> {
    TRY(RequireClientAccess(context, client));
    TRY(RequireBelongsTo("episodes", episode.value(), "episode", client));
    TRY_ASSIGN(SqlRows rows, database_->Query("SELECT shared, updated_by, updated_at FROM "
                                              "progress_sharing WHERE episode_id = ?",
                                              {episode.value()}));
    TRY(Audit(context, client, AuditAction::kRead, "progress_sharing",
              std::to_string(episode.value()), Sensitivity::kClinical));
    ProgressSharing sharing;
    sharing.episode = episode;
    if (!rows.empty()) {
      sharing.shared = rows[0].Int(0) == 1;
      if (!rows[0].IsNull(1)) sharing.updated_by = UserId(rows[0].Int(1));
      sharing.updated_at = ParseUtc(rows[0].Text(2));
    }
    return sharing;
  });
}

Result<ProgressSharing> SqlStore::SetProgressSharing(const AccessContext& context, ClientId client,
                                                     EpisodeId episode, bool shared) {
  return Transact([&]() -> Result<ProgressSharing> {
    TRY(RequireClientAccess(context, client));
    TRY(RequireRole(context, {Role::kAdmin, Role::kClinician, Role::kSupervisor},
                    "share a client's progress with them"));
    TRY(RequireBelongsTo("episodes", episode.value(), "episode", client));
    const std::string now = Now();
    TRY(database_->Execute("DELETE FROM progress_sharing WHERE episode_id = ?", {episode.value()}));
    TRY(database_->Execute(
        "INSERT INTO progress_sharing (episode_id, shared, updated_by, "
        "updated_at) VALUES (?, ?, ?, ?)",
        {episode.value(), std::int64_t{shared ? 1 : 0}, context.actor->value(), now}));
    TRY(Audit(context, client, AuditAction::kAmend, "progress_sharing",
              std::to_string(episode.value()), Sensitivity::kClinical));
    ProgressSharing sharing;
    sharing.episode = episode;
    sharing.shared = shared;
    sharing.updated_by = context.actor;
    sharing.updated_at = ParseUtc(now);
    return sharing;
  });
}

}  // namespace tessera::store
