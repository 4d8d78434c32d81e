// Measure administrations (item-level answers, scores stored as data); alerts: alerts.cpp.

#include <algorithm>
#include <map>

#include "store/exchange/record_json.hpp"
#include "store/sql/sql_store.hpp"
#include "store/sql/time_text.hpp"

namespace tessera::store {
namespace {

Status ValidateAdministration(const MeasureAdministration& administration) {
  if (administration.instrument.value().empty())
    return InvalidArgument("administration instrument: must not be empty");
  for (const ItemAnswer& answer : administration.answers)
    if (answer.item.empty())
      return InvalidArgument("administration answer: item must not be empty");
  if (administration.entry == AdministrationEntry::kVoid) {
    if (!administration.supersedes)
      return InvalidArgument("administration void: must name the administration it voids");
    if (administration.reason.empty())
      return InvalidArgument("administration void: reason must not be empty");
  }
  if (administration.dating == AdministrationDating::kBySession && !administration.session)
    return InvalidArgument("administration: dating by session needs a session");
  return Ok();
}

}  // namespace

// One INSERT per 100 answers (a questionnaire's answers are usually one statement; the SQL text
// depends only on the count, so each instrument's length is one cached statement).
Status SqlStore::InsertAnswers(std::int64_t administration,
                               const std::vector<ItemAnswer>& answers) {
  constexpr std::size_t kRowsPerStatement = 100;
  for (std::size_t start = 0; start < answers.size(); start += kRowsPerStatement) {
    const std::size_t end = std::min(answers.size(), start + kRowsPerStatement);
    std::string sql =
        "INSERT INTO administration_answers (administration_id, position, item, value) VALUES ";
    SqlParams params;
    params.reserve((end - start) * 4);
    for (std::size_t position = start; position < end; ++position) {
      sql += position == start ? "(?, ?, ?, ?)" : ", (?, ?, ?, ?)";
      params.emplace_back(administration);
      params.emplace_back(static_cast<std::int64_t>(position));
      params.emplace_back(answers[position].item);
      params.push_back(OrNull(answers[position].value));
    }
    TRY(database_->Execute(sql, params));
  }
  return Ok();
}

// After this connection stored `administration` as row `id` (answers and audit included), the
// views held of its client move to the new revision with it added, as a fresh read would show
// it; an amendment can change which administration counts, so its views are dropped instead.
Status SqlStore::KeepViewsAfterInsert(const MeasureAdministration& administration, std::int64_t id,
                                      std::int64_t before) {
  const ClientId client = administration.client;
  if (administration.supersedes || !administration.session) {
    views_.Forget(client);
    return Ok();
  }
  TRY_ASSIGN(std::int64_t after, ClientRevision(client));
  MeasureAdministration stored = administration;
  stored.id = AdministrationId(id);
  stored.administered_at = ToStoredPrecision(administration.administered_at);
  stored.dating = AdministrationDating::kAsGiven;  // a read cannot tell; it is input only
  // The values as they come back from their stored text, so a view equals a fresh read.
  TRY_ASSIGN(stored.subscales, NumberMapFromText(NumberMapToText(administration.subscales)));
  TRY_ASSIGN(stored.flags, StringListFromText(StringListToText(administration.flags)));
  views_.Advance(
      client, before, after, [&stored](EpisodeView& view) { AddAdministration(view, stored); },
      ClientViews::Summaries::kDrop);
  return Ok();
}

// A correction or void must stay in the row's session and instrument (the summary counts per
// session and instrument), and a void is final.
Status SqlStore::RequireSupersedable(const MeasureAdministration& administration) {
  const std::int64_t target = administration.supersedes->value();
  TRY(RequireBelongsTo("measure_administrations", target, "administration", administration.client));
  TRY_ASSIGN(SqlRows rows, database_->Query("SELECT session_id, instrument, is_void FROM "
                                            "measure_administrations WHERE id = ?",
                                            {target}));
  const SqlRow& row = rows.at(0);
  if (row.Int(2) != 0)
    return Conflict("administration " + std::to_string(target) +
                    " is a void; it cannot be corrected or voided");
  const std::optional<std::int64_t> session =
      row.IsNull(0) ? std::nullopt : std::optional<std::int64_t>(row.Int(0));
  const std::optional<std::int64_t> given =
      administration.session ? std::optional<std::int64_t>(administration.session->value())
                             : std::nullopt;
  if (session != given || row.Text(1) != administration.instrument.value())
    return InvalidArgument("administration supersedes: administration " + std::to_string(target) +
                           " is another session's or instrument's; a correction or void stays "
                           "in the session and instrument of the one it replaces");
  return Ok();
}

Result<AdministrationId> SqlStore::RecordAdministration(const AccessContext& context,
                                                        const MeasureAdministration& given) {
  TRY(ValidateAdministration(given));
  return Transact([&]() -> Result<AdministrationId> {
    MeasureAdministration administration = given;
    TRY(RequireClientAccess(context, administration.client));
    if (administration.session) {
      TRY(RequireBelongsTo("sessions", administration.session->value(), "session",
                           administration.client));
      TRY(RequireSessionEpisodeOpen(administration.session->value()));
    }
    if (administration.dating == AdministrationDating::kBySession) {
      // Dated by the session it was given in (issue 16), at 00:00 UTC of that date.
      TRY_ASSIGN(SqlRows date, database_->Query("SELECT session_date FROM sessions WHERE id = ?",
                                                {administration.session->value()}));
      const std::optional<TimePoint> day = ParseUtc(date.at(0).Text(0) + "T00:00:00.000Z");
      if (!day)
        return DataLoss("session " + std::to_string(administration.session->value()) +
                        " has a malformed date");
      administration.administered_at = *day;
    }
    if (administration.supersedes) TRY(RequireSupersedable(administration));
    const std::string now = Now();
    administration.submitted_at = ParseUtc(now).value_or(TimePoint{});
    TRY_ASSIGN(const std::optional<std::int64_t> before, RevisionIfViewed(administration.client));
    const bool is_void = administration.entry == AdministrationEntry::kVoid;
    auto inserted = InsertReturningId(
        "INSERT INTO measure_administrations (client_id, session_id, instrument, administered_at, "
        "total, band, subscales_json, flags_json, supersedes, created_by, created_at, is_void, "
        "change_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {administration.client.value(),
         administration.session ? SqlValue(administration.session->value()) : SqlValue(),
         administration.instrument.value(),
         FormatUtc(ToStoredPrecision(administration.administered_at)), OrNull(administration.total),
         administration.band, NumberMapToText(administration.subscales),
         StringListToText(administration.flags),
         administration.supersedes ? SqlValue(administration.supersedes->value()) : SqlValue(),
         context.actor->value(), now, std::int64_t{is_void ? 1 : 0}, administration.reason});
    if (!inserted && inserted.error().code() == ErrorCode::kAlreadyExists)
      return Conflict("administration " + std::to_string(administration.supersedes->value()) +
                      " was already corrected or voided; reload and retry");
    TRY_ASSIGN(std::int64_t id, std::move(inserted));
    TRY(InsertAnswers(id, administration.answers));
    TRY(Audit(context, administration.client,
              administration.supersedes ? AuditAction::kAmend : AuditAction::kCreate,
              "measure_administration", std::to_string(id), Sensitivity::kClinical));
    if (before) TRY(KeepViewsAfterInsert(administration, id, *before));
    return AdministrationId(id);
  });
}

Result<std::vector<MeasureAdministration>> SqlStore::ListAdministrations(
    const AccessContext& context, ClientId client, Versions versions) {
  return Transact([&]() -> Result<std::vector<MeasureAdministration>> {
    TRY(RequireClientAccess(context, client));
    TRY(Audit(context, client, AuditAction::kRead, "measure_administration", "",
              Sensitivity::kClinical));
    const std::string select =
        "SELECT a.id, a.session_id, a.instrument, a.administered_at, a.total, a.band, "
        "a.subscales_json, a.flags_json, a.supersedes, a.created_at, a.is_void, "
        "a.change_reason FROM measure_administrations a WHERE a.client_id = ? ";
    TRY_ASSIGN(SqlRows rows,
               database_->Query(versions == Versions::kWithHistory
                                    ? select + "ORDER BY a.id"
                                    : select + "AND a.is_void = 0 AND NOT EXISTS (SELECT 1 FROM "
                                               "measure_administrations n WHERE n.supersedes = "
                                               "a.id) ORDER BY a.administered_at, a.id",
                                {client.value()}));
    return AdministrationsWithAnswers(client, rows);
  });
}

}  // namespace tessera::store
