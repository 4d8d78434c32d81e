// Teams and supervision (core/teams.hpp; docs/decisions/0210-supervision-read-access.md): an
// admin makes a team and adds its clinicians and supervisors; staff list the teams they are in.

#include "http/json_body.hpp"
#include "http/routes/route_support.hpp"

namespace tessera::http {
namespace {

nlohmann::json TeamMemberJson(TeamId team, const TeamMember& member) {
  return {{"team_id", team.value()},
          {"user_id", member.user.value()},
          {"username", member.username},
          {"role", std::string(Name(member.role))}};
}

nlohmann::json TeamJson(const Team& team) {
  nlohmann::json members = nlohmann::json::array();
  for (const TeamMember& member : team.members) members.push_back(TeamMemberJson(team.id, member));
  return {{"id", team.id.value()}, {"name", team.name}, {"members", std::move(members)}};
}

}  // namespace

Status AddTeamRoutes(RouteTable& table, const StoreRoutes& routes) {
  StorePool& pool = routes.store;
  const PageLimits& pages = routes.pages;
  TRY(table.Add(
      {.method = Method::kGet,
       .pattern = "/api/v1/teams",
       .roles = {std::begin(kStaffRoles), std::end(kStaffRoles)},
       .summary = "The teams the caller may see (an admin every team, anyone else the "
                  "teams they are in), by name, with their supervisors and clinicians",
       .async_handler = WithStore(pool,
                                  [&pages](Store& store, const AccessContext& actor,
                                           const HandlerContext& context) -> Result<Response> {
                                    TRY_ASSIGN(PageRequest page, PageOf(context, pages));
                                    TRY_ASSIGN(std::vector<Team> teams, store.ListTeams(actor));
                                    return JsonReply(200, PagedJson(teams, page, TeamJson));
                                  }),
       .responses = {PagedReply("Team")},
       .query = PageQuery()}));
  TRY(table.Add(
      {.method = Method::kPost,
       .pattern = "/api/v1/teams",
       .roles = {Role::kAdmin},
       .summary = "Create a team (its members are added one by one)",
       .body = RequestBody::kJson,
       .async_handler = WithStore(pool,
                                  [](Store& store, const AccessContext& actor,
                                     const HandlerContext& context) -> Result<Response> {
                                    const nlohmann::json& body = *context.body;
                                    TRY(RequireOnlyFields(body, {"name"}));
                                    TRY_ASSIGN(std::string name, RequireText(body, "name", 200));
                                    TRY_ASSIGN(TeamId team, store.CreateTeam(actor, name));
                                    return JsonReply(201, TeamJson(Team{team, name, {}}));
                                  }),
       .request_schema = "CreateTeamRequest",
       .responses = {Reply(201, "Team")}}));
  TRY(table.Add({.method = Method::kPut,
                 .pattern = "/api/v1/teams/{team_id}/name",
                 .roles = {Role::kAdmin},
                 .summary = "Rename a team (409 when another team has the name)",
                 .body = RequestBody::kJson,
                 .async_handler = WithStore(pool,
                                            [](Store& store, const AccessContext& actor,
                                               const HandlerContext& context) -> Result<Response> {
                                              TRY_ASSIGN(std::int64_t team,
                                                         PathId(context.path_params, "team_id"));
                                              const nlohmann::json& body = *context.body;
                                              TRY(RequireOnlyFields(body, {"name"}));
                                              TRY_ASSIGN(std::string name,
                                                         RequireText(body, "name", 200));
                                              TRY(store.RenameTeam(actor, TeamId(team), name));
                                              return JsonReply(200, {{"id", team}, {"name", name}});
                                            }),
                 .request_schema = "CreateTeamRequest",
                 .responses = {Reply(200, "TeamRenamed")}}));
  TRY(table.Add(
      {.method = Method::kPost,
       .pattern = "/api/v1/teams/{team_id}/members",
       .roles = {Role::kAdmin},
       .summary = "Add a clinician (a clinician account) or a supervisor (a supervisor account) "
                  "to a team; a supervisor then reads the team's clients for supervision",
       .body = RequestBody::kJson,
       .async_handler = WithStore(
           pool,
           [](Store& store, const AccessContext& actor,
              const HandlerContext& context) -> Result<Response> {
             TRY_ASSIGN(std::int64_t team, PathId(context.path_params, "team_id"));
             const nlohmann::json& body = *context.body;
             TRY(RequireOnlyFields(body, {"user_id", "role"}));
             TRY_ASSIGN(std::int64_t user, RequireInteger(body, "user_id", 1, INT64_MAX));
             TRY_ASSIGN(std::string role_text, RequireString(body, "role"));
             const std::optional<TeamRole> role = ParseTeamRole(role_text);
             if (!role) return InvalidArgument("role: must be one of: clinician, supervisor");
             TRY(store.AddTeamMember(actor, TeamId(team), UserId(user), *role));
             nlohmann::json out = {
                 {"team_id", team}, {"user_id", user}, {"role", std::string(Name(*role))}};
             return JsonReply(201, out);
           }),
       .request_schema = "AddTeamMemberRequest",
       .responses = {Reply(201, "TeamMemberAdded")}}));
  return Ok();
}

}  // namespace tessera::http
