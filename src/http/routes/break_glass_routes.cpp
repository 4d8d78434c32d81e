// Break-glass: a clinician or supervisor outside a client's care team opens the record in an
// emergency. Explicit (its own route), with a reason, time-limited, audited, and it raises a
// "break_glass" alert on the client — all in one store transaction.

#include "http/json_body.hpp"
#include "http/openapi_schemas.hpp"
#include "http/routes/route_support.hpp"

namespace tessera::http {

Status AddBreakGlassRoutes(RouteTable& table, const StoreRoutes& routes) {
  StorePool& pool = routes.store;
  TRY(table.Add({.method = Method::kPost,
                 .pattern = "/api/v1/clients/{client_id}/break-glass",
                 .roles = {std::begin(kCliniciansOnly), std::end(kCliniciansOnly)},
                 .summary = "Emergency access to a client outside one's care teams (audited, "
                            "raises an alert)",
                 .body = RequestBody::kJson,
                 .async_handler = WithStore(
                     pool,
                     [](Store& store, const AccessContext& actor,
                        const HandlerContext& context) -> Result<Response> {
                       TRY_ASSIGN(std::int64_t client, PathId(context.path_params, "client_id"));
                       const nlohmann::json& body = *context.body;
                       TRY(RequireOnlyFields(body, {"reason", "duration_minutes"}));
                       TRY_ASSIGN(std::string reason,
                                  RequireText(body, "reason", kMaxShortTextBytes));
                       // The limit the document states (schemas/BreakGlassRequest.json).
                       static const IntegerRange kMinutes =
                           SchemaIntegerRange("BreakGlassRequest", "duration_minutes");
                       TRY_ASSIGN(std::optional<std::int64_t> minutes,
                                  OptionalInteger(body, "duration_minutes", kMinutes.minimum,
                                                  kMinutes.maximum));
                       TRY_ASSIGN(BreakGlassGrant grant,
                                  store.BreakGlass(actor, ClientId(client), reason,
                                                   std::chrono::minutes(minutes.value_or(60))));
                       return JsonReply(201, {{"id", grant.id},
                                              {"client_id", client},
                                              {"granted_at", FormatUtc(grant.granted_at)},
                                              {"expires_at", FormatUtc(grant.expires_at)}});
                     }),
                 .request_schema = "BreakGlassRequest",
                 .responses = {Reply(201, "BreakGlassGrant")}}));
  return Ok();
}

}  // namespace tessera::http
