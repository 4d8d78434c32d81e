// Teams of clinicians and their supervisors (core/teams.hpp): made and filled by an admin,
// listed to their members. Supervision access itself is decided in RequireClientAccess.

#include <map>

#include "core/records/names.hpp"
#include "store/sql/sql_store.hpp"

namespace tessera::store {
namespace {

constexpr std::size_t kLongestTeamName = 200;

}  // namespace

Result<TeamId> SqlStore::CreateTeam(const AccessContext& context, const std::string& name) {
  if (name.empty() || name.size() > kLongestTeamName)
    return InvalidArgument("name: must be 1 to " + std::to_string(kLongestTeamName) +
                           " characters");
  return Transact([&]() -> Result<TeamId> {
    TRY(RequireRole(context, {Role::kAdmin}, "create teams"));
    auto inserted = InsertReturningId(
        "INSERT INTO teams (name, created_by, created_at) VALUES (?, ?, ?) RETURNING id",
        {name, context.actor->value(), Now()});
    if (!inserted && inserted.error().code() == ErrorCode::kAlreadyExists)
      return AlreadyExists("name: a team is already called \"" + name + "\"");
    TRY(inserted);
    TRY(Audit(context, std::nullopt, AuditAction::kCreate, "team", std::to_string(*inserted),
              Sensitivity::kAdministrative));
    return TeamId(*inserted);
  });
}

Status SqlStore::RenameTeam(const AccessContext& context, TeamId team, const std::string& name) {
  if (name.empty() || name.size() > kLongestTeamName)
    return InvalidArgument("name: must be 1 to " + std::to_string(kLongestTeamName) +
                           " characters");
  return Transact([&]() -> Status {
    TRY(RequireRole(context, {Role::kAdmin}, "rename teams"));
    TRY_ASSIGN(SqlRows teams,
               database_->Query("SELECT name FROM teams WHERE id = ?", {team.value()}));
    if (teams.empty()) return NotFound("team " + std::to_string(team.value()) + " not found");
    Status renamed =
        database_->Execute("UPDATE teams SET name = ? WHERE id = ?", {name, team.value()});
    if (!renamed && renamed.error().code() == ErrorCode::kAlreadyExists)
      return AlreadyExists("name: a team is already called \"" + name + "\"");
    TRY(renamed);
    return Audit(context, std::nullopt, AuditAction::kAmend, "team", std::to_string(team.value()),
                 Sensitivity::kAdministrative);
  });
}

Status SqlStore::AddTeamMember(const AccessContext& context, TeamId team, UserId user,
                               TeamRole role) {
  return Transact([&]() -> Status {
    TRY(RequireRole(context, {Role::kAdmin}, "change teams"));
    TRY_ASSIGN(SqlRows teams,
               database_->Query("SELECT id FROM teams WHERE id = ?", {team.value()}));
    if (teams.empty()) return NotFound("team " + std::to_string(team.value()) + " not found");
    TRY_ASSIGN(SqlRows users,
               database_->Query("SELECT role, username FROM users WHERE id = ?", {user.value()}));
    if (users.empty())
      return NotFound("user_id: account " + std::to_string(user.value()) + " does not exist");
    // A team's clinicians are clinician accounts and its supervisors supervisor accounts: the
    // account's role is what the rest of the access rules read.
    const Role needed = role == TeamRole::kSupervisor ? Role::kSupervisor : Role::kClinician;
    if (users[0].Text(0) != Name(needed))
      return InvalidArgument("user_id: account " + users[0].Text(1) + " is a " + users[0].Text(0) +
                             "; a team's " + std::string(Name(role)) + " must be a " +
                             std::string(Name(needed)) + " account");
    Status inserted = database_->Execute(
        "INSERT INTO team_members (team_id, user_id, role, added_by, added_at) "
        "VALUES (?, ?, ?, ?, ?)",
        {team.value(), user.value(), std::string(Name(role)), context.actor->value(), Now()});
    if (!inserted && inserted.error().code() == ErrorCode::kAlreadyExists)
      return AlreadyExists("user_id: account " + users[0].Text(1) + " is already in team " +
                           std::to_string(team.value()));
    TRY(inserted);
    return Audit(context, std::nullopt, AuditAction::kCreate, "team_member",
                 std::to_string(team.value()) + ":" + std::to_string(user.value()),
                 Sensitivity::kAdministrative);
  });
}

Result<std::vector<Team>> SqlStore::ListTeams(const AccessContext& context) {
  return Transact([&]() -> Result<std::vector<Team>> {
    TRY_ASSIGN(Role role, ActorRole(context));
    TRY(Audit(context, std::nullopt, AuditAction::kRead, "team_list", "",
              Sensitivity::kAdministrative));
    if (role == Role::kClient) return std::vector<Team>{};
    // An admin sees every team; anyone else the teams they are in.
    const std::string in_scope = role == Role::kAdmin
                                     ? "1 = 1"
                                     : "t.id IN (SELECT x.team_id FROM team_members x WHERE "
                                       "x.user_id = ?)";
    const SqlParams params = role == Role::kAdmin ? SqlParams{} : SqlParams{context.actor->value()};
    TRY_ASSIGN(SqlRows teams, database_->Query("SELECT t.id, t.name FROM teams t WHERE " +
                                                   in_scope + " ORDER BY t.name, t.id",
                                               params));
    TRY_ASSIGN(SqlRows members,
               database_->Query("SELECT m.team_id, m.user_id, u.username, m.role FROM teams t "
                                "CROSS JOIN team_members m CROSS JOIN users u WHERE "
                                "m.team_id = t.id AND u.id = m.user_id AND " +
                                    in_scope +
                                    " ORDER BY m.team_id, CASE WHEN m.role = 'supervisor' "
                                    "THEN 0 ELSE 1 END, u.username",
                                params));
    std::map<std::int64_t, std::vector<TeamMember>> members_of;
    for (const SqlRow& row : members) {
      const auto member_role = ParseTeamRole(row.Text(3));
      if (!member_role) return DataLoss("a team member has a corrupt role");
      members_of[row.Int(0)].push_back({UserId(row.Int(1)), row.Text(2), *member_role});
    }
    std::vector<Team> listed;
    for (const SqlRow& row : teams)
      listed.push_back({TeamId(row.Int(0)), row.Text(1), std::move(members_of[row.Int(0)])});
    return listed;
  });
}

}  // namespace tessera::store
