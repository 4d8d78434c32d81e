// Accounts and therapist profiles.

#include "core/records/names.hpp"
#include "store/exchange/record_json.hpp"
#include "store/sql/sql_store.hpp"
#include "store/sql/time_text.hpp"

namespace tessera::store {
namespace {

bool IsValidUsername(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
      return false;
  return true;
}

Status ValidateTherapist(const Therapist& therapist) {
  if (therapist.id.value().empty()) return InvalidArgument("therapist id: must not be empty");
  if (therapist.display_name.empty())
    return InvalidArgument("therapist " + therapist.id.value() +
                           ": display_name must not be empty");
  for (const Competency& competency : therapist.competencies)
    if (competency.evidence.supervised_hours < 0)
      return InvalidArgument("therapist " + therapist.id.value() +
                             ": supervised_hours must not be negative");
  return Ok();
}

}  // namespace

Result<std::int64_t> SqlStore::CountUsers() {
  TRY_ASSIGN(SqlRows rows, database_->Query("SELECT COUNT(*) FROM users", {}));
  return rows[0].Int(0);
}

Result<UserId> SqlStore::CreateUser(const AccessContext& context, const User& user) {
  if (!IsValidUsername(user.username))
    return InvalidArgument("username \"" + user.username +
                           "\": use 1-64 of a-z, 0-9, '.', '_', '-'");
  // The store accepts only encoded argon2id hashes: a plain password can never land here.
  if (user.password_hash.rfind("$argon2id$", 0) != 0)
    return InvalidArgument("password_hash: must be an argon2id hash");
  return Transact([&]() -> Result<UserId> {
    if (context.actor) {
      TRY(RequireRole(context, {Role::kAdmin}, "create accounts"));
    } else {
      TRY_ASSIGN(std::int64_t existing, CountUsers());
      if (existing > 0 || user.role != Role::kAdmin)
        return PermissionDenied("without an account only the first (admin) account can be created");
    }
    auto inserted = InsertReturningId(
        "INSERT INTO users (username, role, password_hash, created_at) VALUES (?, ?, ?, ?) "
        "RETURNING id",
        {user.username, std::string(Name(user.role)), user.password_hash, Now()});
    if (!inserted && inserted.error().code() == ErrorCode::kAlreadyExists)
      return AlreadyExists("username \"" + user.username + "\" is taken");
    TRY_ASSIGN(std::int64_t id, std::move(inserted));
    TRY(Audit(context, std::nullopt, AuditAction::kCreate, "user", std::to_string(id),
              Sensitivity::kAdministrative));
    return UserId(id);
  });
}

namespace {

Result<User> UserFromRows(const SqlRows& rows) {
  User user;
  user.id = UserId(rows[0].Int(0));
  user.username = rows[0].Text(1);
  TRY_ASSIGN(user.role, ParseRole(rows[0].Text(2)));
  user.password_hash = rows[0].Text(3);
  user.created_at = ParseUtc(rows[0].Text(4)).value_or(TimePoint{});
  return user;
}

constexpr std::string_view kUserColumns =
    "SELECT id, username, role, password_hash, created_at FROM users ";

}  // namespace

Result<User> SqlStore::FindUser(const AccessContext&, const std::string& username) {
  TRY_ASSIGN(SqlRows rows,
             database_->Query(std::string(kUserColumns) + "WHERE username = ?", {username}));
  if (rows.empty()) return NotFound("no account named \"" + username + "\"");
  return UserFromRows(rows);
}

Result<User> SqlStore::GetUser(const AccessContext& context, UserId id) {
  TRY(ActorRole(context));
  TRY_ASSIGN(SqlRows rows,
             database_->Query(std::string(kUserColumns) + "WHERE id = ?", {id.value()}));
  if (rows.empty()) return NotFound("account " + std::to_string(id.value()) + " not found");
  return UserFromRows(rows);
}

namespace {

Status InsertTherapistVersion(Database& database, const AccessContext& context,
                              const Therapist& therapist, std::int64_t version,
                              const std::string& now) {
  TRY(database.Execute(
      "INSERT INTO therapist_versions (therapist_id, version, user_id, display_name, home_model, "
      "style_json, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {therapist.id.value(), version,
       therapist.user ? SqlValue(therapist.user->value()) : SqlValue(), therapist.display_name,
       therapist.home_model.value(), NumberMapToText(therapist.style),
       context.actor ? SqlValue(context.actor->value()) : SqlValue(), now}));
  for (std::size_t position = 0; position < therapist.competencies.size(); ++position) {
    const Competency& competency = therapist.competencies[position];
    TRY(database.Execute(
        "INSERT INTO therapist_competencies (therapist_id, version, position, model, technique, "
        "level, training, certification, supervised_hours) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {therapist.id.value(), version, static_cast<std::int64_t>(position),
         competency.model.value(),
         competency.technique ? SqlValue(competency.technique->value()) : SqlValue(),
         std::string(Name(competency.level)), competency.evidence.training,
         competency.evidence.certification, competency.evidence.supervised_hours}));
  }
  return Ok();
}

}  // namespace

Status SqlStore::CreateTherapist(const AccessContext& context, const Therapist& therapist) {
  TRY(ValidateTherapist(therapist));
  return Transact([&]() -> Status {
    TRY(RequireRole(context, {Role::kAdmin}, "create therapist profiles"));
    const std::string now = Now();
    Status inserted = database_->Execute("INSERT INTO therapists (id, created_at) VALUES (?, ?)",
                                         {therapist.id.value(), now});
    if (!inserted && inserted.error().code() == ErrorCode::kAlreadyExists)
      return AlreadyExists("therapist \"" + therapist.id.value() + "\" already exists");
    TRY(inserted);
    Status version = InsertTherapistVersion(*database_, context, therapist, 1, now);
    if (!version && version.error().code() == ErrorCode::kNotFound)
      return NotFound("therapist \"" + therapist.id.value() +
                      "\": the linked account does not exist");
    TRY(version);
    return Audit(context, std::nullopt, AuditAction::kCreate, "therapist", therapist.id.value(),
                 Sensitivity::kAdministrative);
  });
}

Result<std::int64_t> SqlStore::UpdateTherapist(const AccessContext& context,
                                               const Therapist& therapist) {
  TRY(ValidateTherapist(therapist));
  return Transact([&]() -> Result<std::int64_t> {
    TRY(RequireRole(context, {Role::kAdmin}, "change therapist profiles"));
    TRY_ASSIGN(SqlRows rows, database_->Query("SELECT MAX(version) FROM therapist_versions "
                                              "WHERE therapist_id = ?",
                                              {therapist.id.value()}));
    if (rows.empty() || rows[0].IsNull(0))
      return NotFound("therapist \"" + therapist.id.value() + "\" not found");
    const std::int64_t current = rows[0].Int(0);
    if (current != therapist.version)
      return Conflict("therapist \"" + therapist.id.value() + "\" is at version " +
                      std::to_string(current) + " but the change was made to version " +
                      std::to_string(therapist.version) + "; reload and retry");
    TRY(InsertTherapistVersion(*database_, context, therapist, current + 1, Now()));
    TRY(Audit(context, std::nullopt, AuditAction::kAmend, "therapist", therapist.id.value(),
              Sensitivity::kAdministrative));
    return current + 1;
  });
}

Result<Therapist> SqlStore::GetTherapist(const AccessContext& context, const TherapistId& id) {
  return Transact([&]() -> Result<Therapist> {
    TRY(ActorRole(context));
    TRY_ASSIGN(SqlRows rows,
               database_->Query("SELECT version, user_id, display_name, home_model, style_json "
                                "FROM therapist_versions WHERE therapist_id = ? "
                                "ORDER BY version DESC LIMIT 1",
                                {id.value()}));
    if (rows.empty()) return NotFound("therapist \"" + id.value() + "\" not found");
    Therapist therapist;
    therapist.id = id;
    therapist.version = rows[0].Int(0);
    if (!rows[0].IsNull(1)) therapist.user = UserId(rows[0].Int(1));
    therapist.display_name = rows[0].Text(2);
    therapist.home_model = ModelId(rows[0].Text(3));
    TRY_ASSIGN(therapist.style, NumberMapFromText(rows[0].Text(4)));
    TRY_ASSIGN(SqlRows competencies,
               database_->Query("SELECT model, technique, level, training, certification, "
                                "supervised_hours FROM therapist_competencies WHERE "
                                "therapist_id = ? AND version = ? ORDER BY position",
                                {id.value(), therapist.version}));
    for (const SqlRow& row : competencies) {
      Competency competency;
      competency.model = ModelId(row.Text(0));
      if (!row.IsNull(1)) competency.technique = TechniqueId(row.Text(1));
      TRY_ASSIGN(competency.level, ParseCompetenceLevel(row.Text(2)));
      competency.evidence = {row.Text(3), row.Text(4), row.Real(5)};
      therapist.competencies.push_back(std::move(competency));
    }
    TRY(Audit(context, std::nullopt, AuditAction::kRead, "therapist", id.value(),
              Sensitivity::kAdministrative));
    return therapist;
  });
}

Result<std::vector<Therapist>> SqlStore::ListTherapists(const AccessContext& context) {
  // Two queries for the whole list (current versions, then their competencies), not one
  // GetTherapist per therapist.
  static constexpr std::string_view kCurrent =
      "(SELECT therapist_id, MAX(version) AS version FROM therapist_versions "
      "GROUP BY therapist_id) current_version";
  return Transact([&]() -> Result<std::vector<Therapist>> {
    TRY(RequireRole(context, {Role::kAdmin, Role::kClinician, Role::kSupervisor},
                    "list therapists"));
    TRY_ASSIGN(SqlRows rows,
               database_->Query("SELECT v.therapist_id, v.version, v.user_id, v.display_name, "
                                "v.home_model, v.style_json FROM therapist_versions v JOIN " +
                                    std::string(kCurrent) +
                                    " ON current_version.therapist_id = v.therapist_id AND "
                                    "current_version.version = v.version ORDER BY v.therapist_id",
                                {}));
    std::vector<Therapist> therapists;
    std::map<std::string, std::size_t> index;
    for (const SqlRow& row : rows) {
      Therapist therapist;
      therapist.id = TherapistId(row.Text(0));
      therapist.version = row.Int(1);
      if (!row.IsNull(2)) therapist.user = UserId(row.Int(2));
      therapist.display_name = row.Text(3);
      therapist.home_model = ModelId(row.Text(4));
      TRY_ASSIGN(therapist.style, NumberMapFromText(row.Text(5)));
      index[therapist.id.value()] = therapists.size();
      therapists.push_back(std::move(therapist));
    }
    TRY_ASSIGN(SqlRows competencies,
               database_->Query("SELECT c.therapist_id, c.model, c.technique, c.level, "
                                "c.training, c.certification, c.supervised_hours FROM "
                                "therapist_competencies c JOIN " +
                                    std::string(kCurrent) +
                                    " ON current_version.therapist_id = c.therapist_id AND "
                                    "current_version.version = c.version "
                                    "ORDER BY c.therapist_id, c.position",
                                {}));
    for (const SqlRow& row : competencies) {
      Competency competency;
      competency.model = ModelId(row.Text(1));
      if (!row.IsNull(2)) competency.technique = TechniqueId(row.Text(2));
      TRY_ASSIGN(competency.level, ParseCompetenceLevel(row.Text(3)));
      competency.evidence = {row.Text(4), row.Text(5), row.Real(6)};
      therapists[index.at(row.Text(0))].competencies.push_back(std::move(competency));
    }
    TRY(Audit(context, std::nullopt, AuditAction::kRead, "therapist_list", "",
              Sensitivity::kAdministrative));
    return therapists;
  });
}

}  // namespace tessera::store
