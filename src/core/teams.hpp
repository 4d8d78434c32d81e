#pragma once
// Teams and supervision (issue 15; docs/decisions/0210-supervision-read-access.md): an admin
// makes a team, adds clinicians and names its supervisor(s). A supervisor may then read, for
// supervision, the clients whose lead clinician is a clinician of a team they supervise: every
// such read is audited with the reason "supervision", nothing may be written through it, and
// psychotherapy notes stay sealed to their author.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/access.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"

namespace tessera {

/// What a member is in a team: one of its clinicians, or one of its supervisors.
enum class TeamRole { kClinician, kSupervisor };
inline std::string_view Name(TeamRole role) {
  return role == TeamRole::kSupervisor ? "supervisor" : "clinician";
}
inline std::optional<TeamRole> ParseTeamRole(std::string_view name) {
  if (name == "clinician") return TeamRole::kClinician;
  if (name == "supervisor") return TeamRole::kSupervisor;
  return std::nullopt;
}

struct TeamMember {
  UserId user;
  std::string username;
  TeamRole role = TeamRole::kClinician;
};

struct Team {
  TeamId id;
  std::string name;
  std::vector<TeamMember> members;  // supervisors first, then clinicians, each by username
};

class TeamRepository {
 public:
  virtual ~TeamRepository() = default;
  /// Admin only. InvalidArgument for an empty name (or one over 200 characters);
  /// AlreadyExists when a team has that name. Audited.
  virtual Result<TeamId> CreateTeam(const AccessContext& context, const std::string& name) = 0;
  /// Admin only. The same rules for the name as CreateTeam; NotFound for a missing team.
  /// Audited as an amendment of the team.
  virtual Status RenameTeam(const AccessContext& context, TeamId team, const std::string& name) = 0;
  /// Admin only. A kClinician member must have a clinician account, a kSupervisor member a
  /// supervisor account (InvalidArgument naming the account otherwise); NotFound for a missing
  /// team or account; AlreadyExists when the account is already in the team. Audited.
  virtual Status AddTeamMember(const AccessContext& context, TeamId team, UserId user,
                               TeamRole role) = 0;
  /// The teams the actor may see, by name: an admin every team, anyone else the teams they
  /// are in (a client account none). Audited as one read of the team list.
  virtual Result<std::vector<Team>> ListTeams(const AccessContext& context) = 0;
};

}  // namespace tessera
