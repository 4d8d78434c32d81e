// Care teams: who works on a client's case. Membership is what grants clinicians access.

#include "core/records/names.hpp"
#include "http/dto/record_dto.hpp"
#include "http/json_body.hpp"
#include "http/routes/route_support.hpp"

namespace tessera::http {

Status AddCareTeamRoutes(RouteTable& table, const StoreRoutes& routes) {
  StorePool& pool = routes.store;
  const PageLimits& pages = routes.pages;
  TRY(table.Add({.method = Method::kGet,
                 .pattern = "/api/v1/clients/{client_id}/care-team",
                 .roles = {std::begin(kStaffRoles), std::end(kStaffRoles)},
                 .summary = "The client's care team",
                 .async_handler = ClientRecordsHandler(
                     pool, pages,
                     [](Store& store, const AccessContext& actor, ClientId client) {
                       return store.GetCareTeam(actor, client);
                     },
                     CareTeamMemberJson),
                 .responses = {PagedReply("CareTeamMember")},
                 .query = PageQuery()}));
  TRY(table.Add({.method = Method::kPost,
                 .pattern = "/api/v1/clients/{client_id}/care-team",
                 .roles = {Role::kAdmin, Role::kClinician},
                 .summary = "Add a clinician or supervisor to the client's care team",
                 .body = RequestBody::kJson,
                 .async_handler = WithStore(
                     pool,
                     [](Store& store, const AccessContext& actor,
                        const HandlerContext& context) -> Result<Response> {
                       TRY_ASSIGN(std::int64_t client, PathId(context.path_params, "client_id"));
                       const nlohmann::json& body = *context.body;
                       TRY(RequireOnlyFields(body, {"user_id", "role"}));
                       TRY_ASSIGN(std::int64_t user, RequireInteger(body, "user_id", 1, INT64_MAX));
                       TRY_ASSIGN(std::string role_text, RequireString(body, "role"));
                       TRY_ASSIGN(CareTeamRole role, ParseCareTeamRole(role_text));
                       const CareTeamMember member{ClientId(client), UserId(user), role};
                       TRY(store.AddCareTeamMember(actor, member));
                       return JsonReply(201, CareTeamMemberJson(member));
                     }),
                 .request_schema = "AddCareTeamMemberRequest",
                 .responses = {Reply(201, "CareTeamMember")}}));
  TRY(table.Add({.method = Method::kDelete,
                 .pattern = "/api/v1/clients/{client_id}/care-team/{user_id}",
                 .roles = {Role::kAdmin, Role::kClinician},
                 .summary = "Take an account off the client's care team ('removed' false when "
                            "it was not on it; 409 for the lead clinician, never removed)",
                 .async_handler = WithStore(
                     pool,
                     [](Store& store, const AccessContext& actor,
                        const HandlerContext& context) -> Result<Response> {
                       TRY_ASSIGN(std::int64_t client, PathId(context.path_params, "client_id"));
                       TRY_ASSIGN(std::int64_t user, PathId(context.path_params, "user_id"));
                       TRY_ASSIGN(bool removed, store.RemoveCareTeamMember(actor, ClientId(client),
                                                                           UserId(user)));
                       return JsonReply(
                           200, {{"client_id", client}, {"user_id", user}, {"removed", removed}});
                     }),
                 .responses = {Reply(200, "CareTeamMemberRemoved")}}));
  return Ok();
}

}  // namespace tessera::http
