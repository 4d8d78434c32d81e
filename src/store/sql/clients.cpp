// Clients: identifiers and clinical profile kept in separate tables; care teams.

#include "core/records/names.hpp"
#include "store/exchange/record_json.hpp"
#include "store/sql/episode_sql.hpp"
#include "store/sql/sql_store.hpp"
#include "store/sql/time_text.hpp"

namespace tessera::store {
namespace {

std::string ProfileText(const ClientProfile& profile) {
  return ProfileToJson(profile).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<ClientProfile> ProfileFromText(const std::string& text) {
  TRY_ASSIGN(nlohmann::json value, ParseStoredJson(text));
  auto profile = ProfileFromJson(value, "profile");
  if (!profile) return DataLoss("a stored client profile is corrupt: " + profile.error().message());
  return profile;
}

Status ValidateIdentifiers(const ClientIdentifiers& identifiers) {
  if (identifiers.name.empty()) return InvalidArgument("client name: must not be empty");
  if (!identifiers.date_of_birth.empty() && !IsIsoDate(identifiers.date_of_birth))
    return InvalidArgument("client date_of_birth: must be a date YYYY-MM-DD");
  return Ok();
}

}  // namespace

Result<ClientId> SqlStore::CreateClient(const AccessContext& context,
                                        const ClientIdentifiers& identifiers,
                                        const ClientProfile& profile) {
  TRY(ValidateIdentifiers(identifiers));
  return Transact([&]() -> Result<ClientId> {
    TRY(RequireRole(context, {Role::kAdmin, Role::kClinician}, "register clients"));
    TRY_ASSIGN(Role role, ActorRole(context));
    const std::string now = Now();
    const SqlValue actor = context.actor->value();
    TRY_ASSIGN(std::int64_t id, InsertReturningId("INSERT INTO clients (created_by, created_at) "
                                                  "VALUES (?, ?) RETURNING id",
                                                  {actor, now}));
    TRY(database_->Execute(
        "INSERT INTO client_identifiers (client_id, name, date_of_birth, contact, "
        "external_reference) VALUES (?, ?, ?, ?, ?)",
        {id, identifiers.name, identifiers.date_of_birth, identifiers.contact,
         identifiers.external_reference}));
    TRY(
        database_->Execute("INSERT INTO client_profiles (client_id, version, profile_json, "
                           "created_by, created_at) VALUES (?, ?, ?, ?, ?)",
                           {id, std::int64_t{1}, ProfileText(profile), actor, now}));
    if (role == Role::kClinician)
      TRY(
          database_->Execute("INSERT INTO care_team_members (client_id, user_id, role, added_by, "
                             "added_at) VALUES (?, ?, ?, ?, ?)",
                             {id, actor, std::string(Name(CareTeamRole::kLead)), actor, now}));
    TRY(Audit(context, ClientId(id), AuditAction::kCreate, "client", std::to_string(id),
              Sensitivity::kIdentifying));
    return ClientId(id);
  });
}

Result<Client> SqlStore::GetClientProfile(const AccessContext& context, ClientId id) {
  return Transact([&]() -> Result<Client> {
    TRY(RequireClientAccess(context, id));
    TRY(Audit(context, id, AuditAction::kRead, "client_profile", std::to_string(id.value()),
              Sensitivity::kClinical));
    TRY_ASSIGN(SqlRows rows, database_->Query("SELECT version, profile_json FROM client_profiles "
                                              "WHERE client_id = ? ORDER BY version DESC LIMIT 1",
                                              {id.value()}));
    if (rows.empty()) return DataLoss("client " + std::to_string(id.value()) + " has no profile");
    Client client;
    client.id = id;
    client.profile_version = rows[0].Int(0);
    TRY_ASSIGN(client.profile, ProfileFromText(rows[0].Text(1)));
    return client;
  });
}

Result<Client> SqlStore::GetClient(const AccessContext& context, ClientId id) {
  return Transact([&]() -> Result<Client> {
    TRY_ASSIGN(Client client, GetClientProfile(context, id));
    TRY(Audit(context, id, AuditAction::kRead, "client_identifiers", std::to_string(id.value()),
              Sensitivity::kIdentifying));
    // The registration is version 1; amendments (schema version 4) are later versions.
    TRY_ASSIGN(SqlRows rows, database_->Query("SELECT name, date_of_birth, contact, "
                                              "external_reference, 1 AS version FROM "
                                              "client_identifiers WHERE client_id = ? "
                                              "UNION ALL SELECT name, date_of_birth, contact, "
                                              "external_reference, version FROM "
                                              "client_identifier_amendments WHERE client_id = ? "
                                              "ORDER BY version DESC LIMIT 1",
                                              {id.value(), id.value()}));
    if (rows.empty())
      return DataLoss("client " + std::to_string(id.value()) + " has no identifiers");
    client.identifiers = {rows[0].Text(0), rows[0].Text(1), rows[0].Text(2), rows[0].Text(3)};
    client.identifiers_version = rows[0].Int(4);
    return client;
  });
}

Result<std::int64_t> SqlStore::AmendProfile(const AccessContext& context, ClientId id,
                                            std::int64_t expected_version,
                                            const ClientProfile& profile) {
  return Transact([&]() -> Result<std::int64_t> {
    TRY(RequireClientAccess(context, id));
    TRY(RequireRole(context, {Role::kClinician, Role::kSupervisor, Role::kAdmin},
                    "amend client profiles"));
    TRY_ASSIGN(SqlRows rows, database_->Query("SELECT MAX(version) FROM client_profiles WHERE "
                                              "client_id = ?",
                                              {id.value()}));
    const std::int64_t current = rows.at(0).Int(0);
    if (current != expected_version)
      return Conflict("the profile of client " + std::to_string(id.value()) + " is at version " +
                      std::to_string(current) + " but the amendment was made to version " +
                      std::to_string(expected_version) + "; reload and retry");
    Status inserted = database_->Execute(
        "INSERT INTO client_profiles (client_id, version, profile_json, created_by, created_at) "
        "VALUES (?, ?, ?, ?, ?)",
        {id.value(), current + 1, ProfileText(profile), context.actor->value(), Now()});
    if (!inserted && inserted.error().code() == ErrorCode::kAlreadyExists)
      return Conflict("the profile of client " + std::to_string(id.value()) +
                      " was amended by someone else; reload and retry");
    TRY(inserted);
    TRY(Audit(context, id, AuditAction::kAmend, "client_profile", std::to_string(id.value()),
              Sensitivity::kClinical));
    return current + 1;
  });
}

Result<std::int64_t> SqlStore::AmendIdentifiers(const AccessContext& context, ClientId id,
                                                std::int64_t expected_version,
                                                const ClientIdentifiers& identifiers) {
  TRY(ValidateIdentifiers(identifiers));
  return Transact([&]() -> Result<std::int64_t> {
    TRY(RequireClientAccess(context, id));
    TRY(RequireRole(context, {Role::kClinician, Role::kSupervisor, Role::kAdmin},
                    "amend client identifiers"));
    TRY_ASSIGN(SqlRows rows, database_->Query("SELECT MAX(version) FROM "
                                              "client_identifier_amendments WHERE client_id = ?",
                                              {id.value()}));
    const std::int64_t current = rows.empty() || rows[0].IsNull(0) ? 1 : rows[0].Int(0);
    if (current != expected_version)
      return Conflict("the identifiers of client " + std::to_string(id.value()) +
                      " are at version " + std::to_string(current) +
                      " but the amendment was made to version " + std::to_string(expected_version) +
                      "; reload and retry");
    Status inserted = database_->Execute(
        "INSERT INTO client_identifier_amendments (client_id, version, name, date_of_birth, "
        "contact, external_reference, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        {id.value(), current + 1, identifiers.name, identifiers.date_of_birth, identifiers.contact,
         identifiers.external_reference, context.actor->value(), Now()});
    if (!inserted && inserted.error().code() == ErrorCode::kAlreadyExists)
      return Conflict("the identifiers of client " + std::to_string(id.value()) +
                      " were amended by someone else; reload and retry");
    TRY(inserted);
    TRY(Audit(context, id, AuditAction::kAmend, "client_identifiers", std::to_string(id.value()),
              Sensitivity::kIdentifying));
    return current + 1;
  });
}

Result<std::vector<IdentifiersVersion>> SqlStore::ListIdentifierVersions(
    const AccessContext& context, ClientId id) {
  return Transact([&]() -> Result<std::vector<IdentifiersVersion>> {
    TRY(RequireClientAccess(context, id));
    TRY(RequireRole(context, {Role::kClinician, Role::kSupervisor, Role::kAdmin},
                    "read the history of client identifiers"));
    TRY(Audit(context, id, AuditAction::kRead, "client_identifier_history",
              std::to_string(id.value()), Sensitivity::kIdentifying));
    TRY_ASSIGN(SqlRows rows,
               database_->Query("SELECT 1 AS version, i.name, i.date_of_birth, i.contact, "
                                "i.external_reference, c.created_by, c.created_at FROM "
                                "client_identifiers i JOIN clients c ON c.id = i.client_id "
                                "WHERE i.client_id = ? UNION ALL SELECT version, name, "
                                "date_of_birth, contact, external_reference, created_by, "
                                "created_at FROM client_identifier_amendments WHERE client_id = ? "
                                "ORDER BY version",
                                {id.value(), id.value()}));
    std::vector<IdentifiersVersion> versions;
    for (const SqlRow& row : rows) {
      IdentifiersVersion version;
      version.version = row.Int(0);
      version.identifiers = {row.Text(1), row.Text(2), row.Text(3), row.Text(4)};
      if (auto by = row.OptionalInt(5)) version.recorded_by = UserId(*by);
      auto at = ParseUtc(row.Text(6));
      if (!at)
        return DataLoss("client " + std::to_string(id.value()) + ": corrupt identifier time");
      version.recorded_at = *at;
      versions.push_back(std::move(version));
    }
    return versions;
  });
}

Result<std::vector<ClientId>> SqlStore::ListClients(const AccessContext& context) {
  return Transact([&]() -> Result<std::vector<ClientId>> {
    TRY_ASSIGN(Role role, ActorRole(context));
    TRY(Audit(context, std::nullopt, AuditAction::kRead, "client_list", "",
              Sensitivity::kAdministrative));
    std::vector<ClientId> clients;
    TRY_ASSIGN(
        SqlRows rows,
        role == Role::kClient
            // A client account sees exactly the record it is linked to, if any.
            ? database_->Query("SELECT client_id FROM users WHERE id = ? AND "
                               "client_id IS NOT NULL",
                               {context.actor->value()})
            : role == Role::kAdmin
                  ? database_->Query("SELECT id FROM clients ORDER BY id", {})
                  : database_->Query("SELECT client_id FROM care_team_members WHERE user_id = ? "
                                     "ORDER BY client_id",
                                     {context.actor->value()}));
    for (const SqlRow& row : rows) clients.emplace_back(row.Int(0));
    return clients;
  });
}

Status SqlStore::AddCareTeamMember(const AccessContext& context, const CareTeamMember& member) {
  return Transact([&]() -> Status {
    TRY(RequireClientAccess(context, member.client));
    TRY(RequireRole(context, {Role::kAdmin, Role::kClinician}, "change care teams"));
    TRY_ASSIGN(SqlRows users,
               database_->Query("SELECT role FROM users WHERE id = ?", {member.user.value()}));
    if (users.empty())
      return NotFound("care team member: account " + std::to_string(member.user.value()) +
                      " does not exist");
    if (users[0].Text(0) != Name(Role::kClinician) && users[0].Text(0) != Name(Role::kSupervisor))
      return InvalidArgument("care team member: account " + std::to_string(member.user.value()) +
                             " is a " + users[0].Text(0) + ", not a clinician or supervisor");
    Status inserted = database_->Execute(
        "INSERT INTO care_team_members (client_id, user_id, role, added_by, added_at) "
        "VALUES (?, ?, ?, ?, ?)",
        {member.client.value(), member.user.value(), std::string(Name(member.role)),
         context.actor->value(), Now()});
    if (!inserted && inserted.error().code() == ErrorCode::kAlreadyExists)
      return AlreadyExists("account " + std::to_string(member.user.value()) +
                           " is already on the care team of client " +
                           std::to_string(member.client.value()));
    TRY(inserted);
    return Audit(context, member.client, AuditAction::kCreate, "care_team_member",
                 std::to_string(member.user.value()), Sensitivity::kClinical);
  });
}

Result<bool> SqlStore::RemoveCareTeamMember(const AccessContext& context, ClientId client,
                                            UserId user) {
  return Transact([&]() -> Result<bool> {
    TRY(RequireClientAccess(context, client));
    TRY(RequireRole(context, {Role::kAdmin, Role::kClinician}, "change care teams"));
    TRY_ASSIGN(SqlRows rows, database_->Query("SELECT role FROM care_team_members WHERE "
                                              "client_id = ? AND user_id = ?",
                                              {client.value(), user.value()}));
    if (rows.empty()) return false;
    if (rows[0].Text(0) == Name(CareTeamRole::kLead))
      return Conflict("care team member: account " + std::to_string(user.value()) +
                      " is the lead clinician of client " + std::to_string(client.value()) +
                      ", who is never removed from the care team");
    TRY(database_->Execute("DELETE FROM care_team_members WHERE client_id = ? AND user_id = ?",
                           {client.value(), user.value()}));
    TRY(Audit(context, client, AuditAction::kAmend, "care_team_member",
              std::to_string(user.value()), Sensitivity::kClinical));
    return true;
  });
}

Result<std::vector<CareTeamMember>> SqlStore::GetCareTeam(const AccessContext& context,
                                                          ClientId client) {
  return Transact([&]() -> Result<std::vector<CareTeamMember>> {
    TRY(RequireClientAccess(context, client));
    TRY(Audit(context, client, AuditAction::kRead, "care_team", std::to_string(client.value()),
              Sensitivity::kClinical));
    TRY_ASSIGN(SqlRows rows,
               database_->Query("SELECT c.user_id, c.role, " + std::string(kUserName) +
                                    " FROM care_team_members c JOIN users u ON u.id = c.user_id "
                                    "WHERE c.client_id = ? ORDER BY c.user_id",
                                {client.value()}));
    std::vector<CareTeamMember> team;
    for (const SqlRow& row : rows) {
      TRY_ASSIGN(CareTeamRole role, ParseCareTeamRole(row.Text(1)));
      team.push_back({client, UserId(row.Int(0)), role, row.Text(2)});
    }
    return team;
  });
}

}  // namespace tessera::store
