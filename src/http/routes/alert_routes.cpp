// Alerts across the caller's clients (filters, paging; most severe first, then the longest
// waiting), acknowledging one or many with one note, resolving one. Every alert carries its
// guidance (alert_json.hpp).
#include <algorithm>
#include <iterator>

#include <nlohmann/json.hpp>

#include "app/alert_use_cases.hpp"
#include "http/json_body.hpp"
#include "http/routes/alert_json.hpp"
#include "http/routes/clinical_routes.hpp"
#include "http/routes/clinical_support.hpp"

namespace tessera::http {
namespace {

using nlohmann::json;

constexpr std::pair<std::string_view, app::AlertState> kStates[] = {
    {"any", app::AlertState::kAny},
    {"open", app::AlertState::kOpen},
    {"acknowledged", app::AlertState::kAcknowledged},
    {"resolved", app::AlertState::kResolved},
    {"active", app::AlertState::kActive},
    {"handled", app::AlertState::kHandled}};

// As AcknowledgeAlertsRequest.json says (maxItems): one request's work stays bounded.
constexpr std::size_t kMostAlertsAtOnce = 500;

Result<std::vector<AlertId>> ParseAlertIds(const json& body) {
  const auto ids = body.find("alert_ids");
  if (ids == body.end() || !ids->is_array() || ids->empty()) {
    return InvalidArgument("field 'alert_ids' must be a non-empty array of alert ids");
  }
  if (ids->size() > kMostAlertsAtOnce) {
    return InvalidArgument("field 'alert_ids' may name at most " +
                           std::to_string(kMostAlertsAtOnce) + " alerts");
  }
  std::vector<AlertId> alerts;
  for (const json& id : *ids) {
    if (!id.is_number_integer() || id.get<std::int64_t>() < 1) {
      return InvalidArgument("field 'alert_ids' must hold positive whole numbers");
    }
    alerts.push_back(AlertId(id.get<std::int64_t>()));
  }
  return alerts;
}

// One handling (acknowledge or resolve) of one alert named in the path, answered with it.
AsyncHandler HandleOne(const ClinicalRouteDeps& deps, bool resolve) {
  return WithStore(
      deps.stores,
      [deps, resolve](Store& store, const AccessContext& actor,
                      const HandlerContext& context) -> Result<Response> {
        TRY(RequireOnlyFields(*context.body, {"note"}));
        TRY_ASSIGN(const std::int64_t alert_id, PathId(context.path_params, "alert_id"));
        TRY_ASSIGN(const std::string note, RequireString(*context.body, "note"));
        TRY_ASSIGN(app::AlertView alert,
                   resolve
                       ? app::ResolveAlert(store, actor, deps.clock, AlertId(alert_id), note)
                       : app::AcknowledgeAlert(store, actor, deps.clock, AlertId(alert_id), note));
        return JsonOk(AlertViewJson(alert, deps.monitor), 201);
      });
}

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
    const auto known = std::find_if(std::begin(kStates), std::end(kStates), [&](const auto& entry) {
      return entry.first == state->second;
    });
    if (known == std::end(kStates)) {
      return InvalidArgument(
          "query parameter 'state' must be open, acknowledged, resolved, active, handled or any");
    }
    filter.state = known->second;
  }
  return filter;
}

}  // namespace

Status AddAlertRoutes(RouteTable& table, const ClinicalRouteDeps& deps) {
  const std::vector<Role> staff = {Role::kAdmin, Role::kClinician, Role::kSupervisor};
  TRY(table.Add({.method = Method::kGet,
                 .pattern = "/api/v1/alerts",
                 .roles = staff,
                 .summary = "Alerts of the caller's clients, most severe first then the longest "
                            "waiting, each with client name, state, triggers, suggested actions "
                            "and support prompts (paged; ?client_id=, ?kind=, "
                            "?state=open|acknowledged|resolved|active|handled|any)",
                 .handler = [deps](const HandlerContext& context) -> Result<Response> {
                   TRY_ASSIGN(app::AlertFilter filter, ParseFilter(context.target.query));
                   TRY(ParsePageRequest(context.target.query, deps.pages));
                   std::vector<app::AlertView> alerts;
                   TRY(deps.stores.Run([&](Store& store) -> Status {
                     TRY_ASSIGN(alerts, app::ListAlerts(store, ContextOf(context), filter));
                     return Ok();
                   }));
                   json all = json::array();
                   for (const app::AlertView& alert : alerts)
                     all.push_back(AlertViewJson(alert, deps.monitor));
                   return PagedList(all, context, deps.pages);
                 },
                 .responses = {PagedReply("Alert")},
                 .query = PageQuery({{"client_id", "only this client's alerts", "integer"},
                                     {"kind", "only alerts of this kind"},
                                     {"state",
                                      "open, acknowledged, resolved, active (open or "
                                      "acknowledged), handled (acknowledged or "
                                      "resolved) or any (default: any)"}})}));
  TRY(table.Add({.method = Method::kPost,
                 .pattern = "/api/v1/alerts/{alert_id}/acknowledgements",
                 .roles = {Role::kClinician, Role::kSupervisor},
                 .summary = "Acknowledge an alert with a note (recorded as a handling; state "
                            "acknowledged)",
                 .body = RequestBody::kJson,
                 .async_handler = HandleOne(deps, false),
                 .request_schema = "AcknowledgeAlertRequest",
                 .responses = {Reply(201, "Alert")}}));
  TRY(table.Add({.method = Method::kPost,
                 .pattern = "/api/v1/alerts/{alert_id}/resolutions",
                 .roles = {Role::kClinician, Role::kSupervisor},
                 .summary = "Resolve an alert with a note saying what was done (the only way a "
                            "risk alert is resolved)",
                 .body = RequestBody::kJson,
                 .async_handler = HandleOne(deps, true),
                 .request_schema = "ResolveAlertRequest",
                 .responses = {Reply(201, "Alert")}}));
  TRY(table.Add({.method = Method::kPost,
                 .pattern = "/api/v1/alerts/acknowledgements",
                 .roles = {Role::kClinician, Role::kSupervisor},
                 .summary = "Acknowledge several alerts with one note, all or none",
                 .body = RequestBody::kJson,
                 .async_handler = WithStore(
                     deps.stores,
                     [deps](Store& store, const AccessContext& actor,
                            const HandlerContext& context) -> Result<Response> {
                       TRY(RequireOnlyFields(*context.body, {"alert_ids", "note"}));
                       TRY_ASSIGN(const std::vector<AlertId> ids, ParseAlertIds(*context.body));
                       TRY_ASSIGN(const std::string note, RequireString(*context.body, "note"));
                       TRY_ASSIGN(std::vector<app::AlertView> alerts,
                                  app::AcknowledgeAlerts(store, actor, deps.clock, ids, note));
                       json items = json::array();
                       for (const app::AlertView& alert : alerts)
                         items.push_back(AlertViewJson(alert, deps.monitor));
                       return JsonOk({{"items", std::move(items)}}, 201);
                     }),
                 .request_schema = "AcknowledgeAlertsRequest",
                 .responses = {Reply(201, "AcknowledgedAlerts")}}));
  return Ok();
}

}  // namespace tessera::http
