// Alerts across the caller's clients (filters, paging) and acknowledging one with a note.
#include <nlohmann/json.hpp>

#include "app/alert_use_cases.hpp"
#include "http/json_body.hpp"
#include "http/routes/clinical_routes.hpp"
#include "http/routes/clinical_support.hpp"

namespace tessera::http {
namespace {

using nlohmann::json;

Result<app::AlertFilter> ParseFilter(const std::map<std::string, std::string>& query) {
  app::AlertFilter filter;
  if (const auto client = query.find("client_id"); client != query.end()) {
    // The same rule as an id in a path, named as a query parameter.
    if (!PathId({{"client_id", client->second}}, "client_id")) {
      return InvalidArgument("query parameter 'client_id' must be a positive whole number");
    }
    filter.client = ClientId(std::stoll(client->second));
  }
  if (const auto kind = query.find("kind"); kind != query.end()) filter.kind = kind->second;
  if (const auto state = query.find("state"); state != query.end()) {
    if (state->second == "open") {
      filter.state = app::AlertState::kOpen;
    } else if (state->second == "handled") {
      filter.state = app::AlertState::kHandled;
    } else if (state->second != "any") {
      return InvalidArgument("query parameter 'state' must be open, handled or any");
    }
  }
  return filter;
}

}  // namespace

Status AddAlertRoutes(RouteTable& table, const ClinicalRouteDeps& deps) {
  const std::vector<Role> staff = {Role::kAdmin, Role::kClinician, Role::kSupervisor};
  TRY(table.Add({.method = Method::kGet,
                 .pattern = "/api/v1/alerts",
                 .roles = staff,
                 .summary = "Alerts of the caller's clients, newest first (paged; ?client_id=, "
                            "?kind=, ?state=open|handled|any)",
                 .handler = [deps](const HandlerContext& context) -> Result<Response> {
                   TRY_ASSIGN(app::AlertFilter filter, ParseFilter(context.target.query));
                   TRY(ParsePageRequest(context.target.query, deps.pages));
                   std::vector<Alert> alerts;
                   TRY(deps.stores.Run([&](Store& store) -> Status {
                     TRY_ASSIGN(alerts, app::ListAlerts(store, ContextOf(context), filter));
                     return Ok();
                   }));
                   json all = json::array();
                   for (const Alert& alert : alerts) all.push_back(AlertJson(alert));
                   return PagedList(all, context, deps.pages);
                 },
                 .responses = {PagedReply("Alert")},
                 .query = PageQuery({{"client_id", "only this client's alerts", "integer"},
                                     {"kind", "only alerts of this kind"},
                                     {"state", "open, handled or any (default: any)"}})}));
  TRY(table.Add({.method = Method::kPost,
                 .pattern = "/api/v1/alerts/{alert_id}/acknowledgements",
                 .roles = {Role::kClinician, Role::kSupervisor},
                 .summary = "Acknowledge an alert with a note (recorded as a handling)",
                 .body = RequestBody::kJson,
                 .handler = [deps](const HandlerContext& context) -> Result<Response> {
                   TRY(RequireOnlyFields(*context.body, {"note"}));
                   TRY_ASSIGN(const std::int64_t alert_id, PathId(context.path_params, "alert_id"));
                   TRY_ASSIGN(const std::string note, RequireString(*context.body, "note"));
                   std::optional<Alert> alert;
                   TRY(deps.stores.Run([&](Store& store) -> Status {
                     TRY_ASSIGN(alert, app::AcknowledgeAlert(store, ContextOf(context), deps.clock,
                                                             AlertId(alert_id), note));
                     return Ok();
                   }));
                   return JsonOk(AlertJson(*alert), 201);
                 },
                 .request_schema = "AcknowledgeAlertRequest",
                 .responses = {Reply(201, "Alert")}}));
  return Ok();
}

}  // namespace tessera::http
