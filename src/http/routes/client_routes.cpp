// Clients: register, list, read (identifiers + profile, or the profile alone), amend the
// profile or the identifiers (each a new version, the old ones kept). Every call reaches the store
// as the caller, which checks access and audits.

#include "http/dto/record_dto.hpp"
#include "http/json_body.hpp"
#include "http/routes/route_support.hpp"

namespace tessera::http {
namespace {

using nlohmann::json;

Result<ClientId> PathClient(const HandlerContext& context) {
  TRY_ASSIGN(std::int64_t id, PathId(context.path_params, "client_id"));
  return ClientId(id);
}

Result<Response> CreateClient(Store& store, const AccessContext& actor,
                              const HandlerContext& context) {
  const json& body = *context.body;
  TRY(RequireOnlyFields(body, {"identifiers", "profile"}));
  if (!body.contains("identifiers")) return InvalidArgument("field 'identifiers' is required");
  TRY_ASSIGN(ClientIdentifiers identifiers, ParseIdentifiers(body.at("identifiers")));
  ClientProfile profile;
  if (body.contains("profile")) {
    TRY_ASSIGN(profile, ParseProfile(body.at("profile")));
  }
  TRY_ASSIGN(ClientId id, store.CreateClient(actor, identifiers, profile));
  return JsonReply(201, {{"id", id.value()}, {"profile_version", 1}});
}

Result<Response> AmendProfile(Store& store, const AccessContext& actor,
                              const HandlerContext& context) {
  TRY_ASSIGN(ClientId client, PathClient(context));
  const json& body = *context.body;
  TRY(RequireOnlyFields(body, {"expected_version", "profile"}));
  TRY_ASSIGN(std::int64_t expected, RequireInteger(body, "expected_version", 1, INT64_MAX));
  if (!body.contains("profile")) return InvalidArgument("field 'profile' is required");
  TRY_ASSIGN(ClientProfile profile, ParseProfile(body.at("profile")));
  TRY(RequireWholeProfile(body.at("profile")));
  TRY_ASSIGN(std::int64_t version, store.AmendProfile(actor, client, expected, profile));
  return JsonReply(200, {{"id", client.value()}, {"profile_version", version}});
}

Result<Response> AmendIdentifiers(Store& store, const AccessContext& actor,
                                  const HandlerContext& context) {
  TRY_ASSIGN(ClientId client, PathClient(context));
  const json& body = *context.body;
  TRY(RequireOnlyFields(body, {"expected_version", "identifiers"}));
  TRY_ASSIGN(std::int64_t expected, RequireInteger(body, "expected_version", 1, INT64_MAX));
  if (!body.contains("identifiers")) return InvalidArgument("field 'identifiers' is required");
  TRY_ASSIGN(ClientIdentifiers identifiers, ParseIdentifiers(body.at("identifiers")));
  TRY_ASSIGN(std::int64_t version, store.AmendIdentifiers(actor, client, expected, identifiers));
  return JsonReply(200, {{"id", client.value()}, {"identifiers_version", version}});
}

}  // namespace

Status AddClientRoutes(RouteTable& table, const StoreRoutes& routes) {
  StorePool& pool = routes.store;
  const PageLimits& pages = routes.pages;
  TRY(table.Add(
      {.method = Method::kGet,
       .pattern = "/api/v1/clients",
       .roles = {std::begin(kAllRoles), std::end(kAllRoles)},
       .summary = "Clients the caller may see, with their names (a client account: its "
                  "own record)",
       .async_handler = WithStore(
           pool,
           [&pages](Store& store, const AccessContext& actor,
                    const HandlerContext& context) -> Result<Response> {
             TRY_ASSIGN(PageRequest page, PageOf(context, pages));
             TRY_ASSIGN(std::vector<ClientId> clients, store.ListClients(actor));
             // A caseload is read by name, so the page's names come with it: each is an
             // identifying read of that client, checked and audited like GET /clients/{id}.
             json items = json::array();
             for (std::size_t index = page.offset;
                  index < clients.size() && index <= page.offset + page.limit; ++index) {
               TRY_ASSIGN(Client client, store.GetClient(actor, clients[index]));
               items.push_back({{"id", client.id.value()}, {"name", client.identifiers.name}});
             }
             return JsonReply(200, PageResponse(std::move(items), page));
           }),
       .responses = {PagedReply("ClientListItem")},
       .query = PageQuery()}));
  TRY(table.Add({.method = Method::kPost,
                 .pattern = "/api/v1/clients",
                 .roles = {Role::kAdmin, Role::kClinician},
                 .summary = "Register a client (a clinician becomes its lead)",
                 .body = RequestBody::kJson,
                 .async_handler = WithStore(pool, CreateClient),
                 .request_schema = "CreateClientRequest",
                 .responses = {Reply(201, "ClientCreated")}}));
  TRY(table.Add({.method = Method::kGet,
                 .pattern = "/api/v1/clients/{client_id}",
                 .roles = {std::begin(kAllRoles), std::end(kAllRoles)},
                 .summary = "A client's identifiers and current profile",
                 .async_handler = WithStore(pool,
                                            [](Store& store, const AccessContext& actor,
                                               const HandlerContext& context) -> Result<Response> {
                                              TRY_ASSIGN(ClientId client, PathClient(context));
                                              TRY_ASSIGN(Client found,
                                                         store.GetClient(actor, client));
                                              return JsonReply(200, ClientJson(found));
                                            }),
                 .responses = {Reply(200, "Client")}}));
  TRY(table.Add({.method = Method::kGet,
                 .pattern = "/api/v1/clients/{client_id}/profile",
                 .roles = {std::begin(kAllRoles), std::end(kAllRoles)},
                 .summary = "A client's clinical profile without identifiers",
                 .async_handler = WithStore(pool,
                                            [](Store& store, const AccessContext& actor,
                                               const HandlerContext& context) -> Result<Response> {
                                              TRY_ASSIGN(ClientId client, PathClient(context));
                                              TRY_ASSIGN(Client found,
                                                         store.GetClientProfile(actor, client));
                                              return JsonReply(200, ClientProfileJson(found));
                                            }),
                 .responses = {Reply(200, "ClientProfileRecord")}}));
  TRY(table.Add({.method = Method::kPut,
                 .pattern = "/api/v1/clients/{client_id}/profile",
                 .roles = {std::begin(kStaffRoles), std::end(kStaffRoles)},
                 .summary = "Replace the whole profile (a new version; 400 naming any field left "
                            "out; 409 when expected_version is stale)",
                 .body = RequestBody::kJson,
                 .async_handler = WithStore(pool, AmendProfile),
                 .request_schema = "AmendProfileRequest",
                 .responses = {Reply(200, "ProfileAmended")}}));
  TRY(table.Add({.method = Method::kGet,
                 .pattern = "/api/v1/clients/{client_id}/identifiers/versions",
                 .roles = {std::begin(kStaffRoles), std::end(kStaffRoles)},
                 .summary = "Every version of the identifiers, oldest first (paged)",
                 .async_handler = ClientRecordsHandler(
                     pool, pages,
                     [](Store& store, const AccessContext& actor, ClientId client) {
                       return store.ListIdentifierVersions(actor, client);
                     },
                     [](const IdentifiersVersion& version) {
                       json out = {{"version", version.version},
                                   {"name", version.identifiers.name},
                                   {"date_of_birth", version.identifiers.date_of_birth},
                                   {"contact", version.identifiers.contact},
                                   {"external_reference", version.identifiers.external_reference},
                                   {"recorded_at", FormatUtc(version.recorded_at)}};
                       out["recorded_by"] =
                           version.recorded_by ? json(version.recorded_by->value()) : json(nullptr);
                       return out;
                     }),
                 .responses = {PagedReply("IdentifiersVersion")},
                 .query = PageQuery()}));
  TRY(table.Add({.method = Method::kPut,
                 .pattern = "/api/v1/clients/{client_id}/identifiers",
                 .roles = {std::begin(kStaffRoles), std::end(kStaffRoles)},
                 .summary = "Amend the identifiers (a new version, earlier ones kept; 409 when "
                            "expected_version is stale)",
                 .body = RequestBody::kJson,
                 .async_handler = WithStore(pool, AmendIdentifiers),
                 .request_schema = "AmendIdentifiersRequest",
                 .responses = {Reply(200, "IdentifiersAmended")}}));
  return Ok();
}

}  // namespace tessera::http
