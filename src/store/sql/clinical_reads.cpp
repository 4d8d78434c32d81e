// The hot-path reads (core/clinical_reads.hpp): a page of administrations and the episode the
// monitor reviews, each a few indexed queries with child rows (answers, techniques) loaded by
// one query per read rather than one per parent row.

#include <algorithm>
#include <map>

#include "core/records/names.hpp"
#include "store/exchange/record_json.hpp"
#include "store/sql/alert_row.hpp"
#include "store/sql/episode_sql.hpp"
#include "store/sql/sql_store.hpp"
#include "store/sql/time_text.hpp"

namespace tessera::store {
namespace {

constexpr std::string_view kAdministrationColumns =
    "SELECT a.id, a.session_id, a.instrument, a.administered_at, a.total, a.band, "
    "a.subscales_json, a.flags_json, a.supersedes, a.created_at, a.is_void, a.change_reason "
    "FROM measure_administrations a ";
// An administration or session that a later row supersedes is not current; a void (which
// supersedes the administration it cancels) is not current either.
constexpr std::string_view kCurrentAdministration =
    "a.is_void = 0 AND NOT EXISTS (SELECT 1 FROM measure_administrations n WHERE "
    "n.supersedes = a.id) ";
constexpr std::string_view kCurrentSession =
    "NOT EXISTS (SELECT 1 FROM sessions ns WHERE ns.supersedes = s.id) ";
constexpr std::string_view kSessionColumns =
    "SELECT s.id, s.episode_id, s.session_date, s.attendance, s.supersedes, s.created_by, "
    "s.created_at, s.amendment_reason FROM sessions s ";

Result<ClientProfile> StoredProfile(const std::string& text) {
  TRY_ASSIGN(nlohmann::json value, ParseStoredJson(text));
  auto profile = ProfileFromJson(value, "profile");
  if (!profile) return DataLoss("a stored client profile is corrupt: " + profile.error().message());
  return profile;
}

// Child rows (answers, techniques) of the given parent ids, in one query per 256 parents:
// `select_in` ends in "IN (" and gets the placeholders, `order` follows. The list is padded
// with -1 (no such id) to 8, 64 or 256 entries, so three cached statements serve every size.
Result<SqlRows> ChildRows(Database& database, const std::string& select_in, std::string_view order,
                          const std::vector<std::int64_t>& ids) {
  constexpr std::size_t kChunk = 256;
  SqlRows all;
  for (std::size_t start = 0; start < ids.size(); start += kChunk) {
    const std::size_t count = std::min(kChunk, ids.size() - start);
    const std::size_t padded = count <= 8 ? 8 : count <= 64 ? 64 : kChunk;
    std::string sql = select_in;
    SqlParams params;
    params.reserve(padded);
    for (std::size_t index = 0; index < padded; ++index) {
      sql += index == 0 ? "?" : ", ?";
      params.emplace_back(index < count ? ids[start + index] : std::int64_t{-1});
    }
    sql += ") ";
    sql += order;
    TRY_ASSIGN(SqlRows rows, database.Query(sql, params));
    for (SqlRow& row : rows) all.push_back(std::move(row));
  }
  return all;
}

std::vector<std::int64_t> FirstColumn(const SqlRows& rows) {
  std::vector<std::int64_t> ids;
  ids.reserve(rows.size());
  for (const SqlRow& row : rows) ids.push_back(row.Int(0));
  return ids;
}

}  // namespace

Result<std::vector<MeasureAdministration>> SqlStore::AdministrationsWithAnswers(
    ClientId client, const SqlRows& rows) {
  std::vector<MeasureAdministration> administrations;
  if (rows.empty()) return administrations;
  // The answers of exactly these administrations (primary-key lookups), in one query.
  TRY_ASSIGN(SqlRows answer_rows,
             ChildRows(*database_,
                       "SELECT administration_id, item, value FROM administration_answers "
                       "WHERE administration_id IN (",
                       "ORDER BY administration_id, position", FirstColumn(rows)));
  std::map<std::int64_t, std::vector<ItemAnswer>> answers;
  for (const SqlRow& row : answer_rows)
    answers[row.Int(0)].push_back({row.Text(1), row.OptionalReal(2)});
  for (const SqlRow& row : rows) {
    MeasureAdministration administration;
    administration.id = AdministrationId(row.Int(0));
    administration.client = client;
    if (!row.IsNull(1)) administration.session = SessionId(row.Int(1));
    administration.instrument = InstrumentId(row.Text(2));
    administration.administered_at = ParseUtc(row.Text(3)).value_or(TimePoint{});
    administration.total = row.OptionalReal(4);
    administration.band = row.Text(5);
    TRY_ASSIGN(administration.subscales, NumberMapFromText(row.Text(6)));
    TRY_ASSIGN(administration.flags, StringListFromText(row.Text(7)));
    if (!row.IsNull(8)) administration.supersedes = AdministrationId(row.Int(8));
    administration.submitted_at = ParseUtc(row.Text(9)).value_or(TimePoint{});
    administration.entry =
        row.Int(10) != 0 ? AdministrationEntry::kVoid : AdministrationEntry::kMeasure;
    administration.reason = row.Text(11);
    if (auto found = answers.find(administration.id.value()); found != answers.end())
      administration.answers = std::move(found->second);
    administrations.push_back(std::move(administration));
  }
  return administrations;
}

Result<std::vector<Session>> SqlStore::SessionsWithTechniques(ClientId client,
                                                              const SqlRows& rows) {
  std::vector<Session> sessions;
  if (rows.empty()) return sessions;
  TRY_ASSIGN(SqlRows technique_rows,
             ChildRows(*database_,
                       "SELECT session_id, technique, helpfulness FROM session_techniques "
                       "WHERE session_id IN (",
                       "ORDER BY session_id, position", FirstColumn(rows)));
  std::map<std::int64_t, std::vector<TechniqueUse>> techniques;
  for (const SqlRow& row : technique_rows) {
    TechniqueUse use{TechniqueId(row.Text(1)), std::nullopt};
    if (!row.IsNull(2)) use.helpfulness = static_cast<int>(row.Int(2));
    techniques[row.Int(0)].push_back(std::move(use));
  }
  for (const SqlRow& row : rows) {
    Session session;
    session.id = SessionId(row.Int(0));
    session.episode = EpisodeId(row.Int(1));
    session.client = client;
    session.date = row.Text(2);
    TRY_ASSIGN(session.attendance, ParseAttendance(row.Text(3)));
    if (!row.IsNull(4)) session.supersedes = SessionId(row.Int(4));
    if (!row.IsNull(5)) session.recorded_by = UserId(row.Int(5));
    session.recorded_at = ParseUtc(row.Text(6)).value_or(TimePoint{});
    session.amendment_reason = row.Text(7);
    if (auto found = techniques.find(session.id.value()); found != techniques.end())
      session.techniques = std::move(found->second);
    sessions.push_back(std::move(session));
  }
  return sessions;
}

Result<std::vector<MeasureAdministration>> SqlStore::ListAdministrationsPage(
    const AccessContext& context, ClientId client, const AdministrationQuery& query) {
  if (query.offset < 0 || query.limit < 0)
    return InvalidArgument("administration page: offset and limit must not be negative");
  return Transact([&]() -> Result<std::vector<MeasureAdministration>> {
    TRY(RequireClientAccess(context, client));
    TRY(Audit(context, client, AuditAction::kRead, "measure_administration", "",
              Sensitivity::kClinical));
    // The same order as ListAdministrations (time, then id), so offsets page it stably; new
    // administrations are timed now and land at the end.
    const bool history = query.versions == Versions::kWithHistory;
    const std::string where = std::string(kAdministrationColumns) + "WHERE a.client_id = ? " +
                              (history ? "" : "AND " + std::string(kCurrentAdministration));
    const std::string order = history ? "ORDER BY a.id LIMIT ? OFFSET ?"
                                      : "ORDER BY a.administered_at, a.id LIMIT ? OFFSET ?";
    Result<SqlRows> rows =
        query.instrument
            ? database_->Query(
                  where + "AND a.instrument = ? " + order,
                  {client.value(), query.instrument->value(), query.limit, query.offset})
            : database_->Query(where + order, {client.value(), query.limit, query.offset});
    TRY(rows);
    return AdministrationsWithAnswers(client, *rows);
  });
}

Result<EpisodeView> SqlStore::ReadEpisodeView(ClientId client, EpisodeId episode) {
  EpisodeView view;
  TRY_ASSIGN(SqlRows profile, database_->Query("SELECT profile_json FROM client_profiles "
                                               "WHERE client_id = ? ORDER BY version DESC LIMIT 1",
                                               {client.value()}));
  if (profile.empty())
    return DataLoss("client " + std::to_string(client.value()) + " has no profile");
  TRY_ASSIGN(view.profile, StoredProfile(profile[0].Text(0)));
  TRY_ASSIGN(SqlRows session_rows,
             database_->Query(std::string(kSessionColumns) +
                                  "WHERE s.client_id = ? AND s.episode_id = ? AND " +
                                  std::string(kCurrentSession) + "ORDER BY s.session_date, s.id",
                              {client.value(), episode.value()}));
  TRY_ASSIGN(view.sessions, SessionsWithTechniques(client, session_rows));
  // Per (session, instrument) the latest current administration: the one the monitor counts
  // (a questionnaire given twice in a session counts once, the later one). Each pick is one
  // descending step of administrations_by_session, so a session's history is not scanned.
  TRY_ASSIGN(
      SqlRows administration_rows,
      database_->Query(
          std::string(kEpisodePairs) + std::string(kAdministrationColumns) +
              "WHERE a.id IN (SELECT (SELECT l.id FROM measure_administrations l "
              "WHERE l.session_id = k.session_id AND l.instrument = k.instrument AND "
              "l.is_void = 0 AND NOT EXISTS "
              "(SELECT 1 FROM measure_administrations n WHERE n.supersedes = l.id) "
              "ORDER BY l.administered_at DESC, l.id DESC LIMIT 1) "
              "FROM pairs k WHERE k.instrument IS NOT NULL) ORDER BY a.administered_at, a.id",
          {client.value(), episode.value()}));
  TRY_ASSIGN(view.administrations, AdministrationsWithAnswers(client, administration_rows));
  // The episode's active plan (issue 14), never a draft: its current version.
  TRY_ASSIGN(SqlRows plan, database_->Query("SELECT v.content FROM plans p CROSS JOIN "
                                            "plan_versions v WHERE v.plan_id = p.id AND "
                                            "p.client_id = ? AND p.episode_id = ? AND " +
                                                std::string(kActivePlan) +
                                                "ORDER BY p.id DESC, v.version DESC LIMIT 1",
                                            {client.value(), episode.value()}));
  if (!plan.empty()) view.plan_json = plan[0].Text(0);
  return view;
}

Result<EpisodeRecords> SqlStore::ReadEpisodeOfSession(const AccessContext& context, ClientId client,
                                                      SessionId session) {
  return Transact([&]() -> Result<EpisodeRecords> {
    // The revision comes with the access check, before any of the rows (client_views.hpp).
    TRY_ASSIGN(const std::int64_t revision, RequireClientAccess(context, client));
    TRY_ASSIGN(SqlRows asked, database_->Query(std::string(kSessionColumns) +
                                                   "WHERE s.id = ? AND s.client_id = ? AND " +
                                                   std::string(kCurrentSession),
                                               {session.value(), client.value()}));
    if (asked.empty()) return NotFound("session " + std::to_string(session.value()) + " not found");
    const EpisodeId episode(asked[0].Int(1));
    // One entry for the whole read: profile, the episode's sessions, administrations, plan and
    // this session's alerts.
    TRY(Audit(context, client, AuditAction::kRead, "episode", std::to_string(episode.value()),
              Sensitivity::kClinical));
    // The view is kept for the next read.
    const EpisodeView* view = views_.Episode(client, episode, revision);
    if (view == nullptr) {
      TRY_ASSIGN(EpisodeView read, ReadEpisodeView(client, episode));
      views_.PutEpisode(client, episode, revision, std::move(read));
      view = views_.Episode(client, episode, revision);
    }
    EpisodeRecords records;
    records.profile = view->profile;
    records.sessions = view->sessions;
    records.administrations = view->administrations;
    records.plan_json = view->plan_json;
    for (const Session& candidate : records.sessions)
      if (candidate.id == session) records.session = candidate;
    // One alert per episode, kind and instrument (the lifecycle), so these are few.
    TRY_ASSIGN(records.episode_alerts, AlertsWhere("a.client_id = ? AND a.episode_id = ?",
                                                   {client.value(), episode.value()}));
    return records;
  });
}

}  // namespace tessera::store
