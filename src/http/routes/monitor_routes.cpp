// The server monitor's expected-response model: which one is in use, and refitting it from the
// store's closed episodes (app/practice_model_refit). A model file given at start-up
// ([monitor] expected_model) is replaced by a refit until the next restart.
#include <nlohmann/json.hpp>

#include "app/practice_model_refit.hpp"
#include "http/routes/clinical_routes.hpp"
#include "http/routes/clinical_support.hpp"

namespace tessera::http {
namespace {

using nlohmann::json;

json ModelJson(const std::optional<app::PracticeModelSummary>& summary) {
  if (!summary) {
    return {{"method", "rational_rule"},
            {"source", "none"},
            {"fitted_at", nullptr},
            {"episodes", nullptr},
            {"instruments", json::array()}};
  }
  json instruments = json::array();
  bool used = false;
  for (const app::PracticeModelInstrument& instrument : summary->instruments) {
    used |= instrument.used;
    instruments.push_back({{"instrument", instrument.instrument},
                           {"clients", instrument.clients},
                           {"growth_model", instrument.growth_model},
                           {"used", instrument.used},
                           {"note", instrument.note}});
  }
  return {{"method", used ? "growth_model" : "intake_course"},
          {"source", summary->source},
          {"fitted_at", summary->fitted_at.empty() ? json(nullptr) : json(summary->fitted_at)},
          {"episodes", summary->episodes},
          {"instruments", std::move(instruments)}};
}

Status RequireMonitor(const ClinicalRouteDeps& deps) {
  if (deps.monitor == nullptr) return Conflict("this server runs without a monitor");
  return Ok();
}

}  // namespace

Status AddMonitorRoutes(RouteTable& table, const ClinicalRouteDeps& deps) {
  TRY(table.Add({.method = Method::kGet,
                 .pattern = "/api/v1/monitor/expected-model",
                 .roles = {Role::kAdmin, Role::kClinician, Role::kSupervisor},
                 .summary = "The monitor's expected-response model: method, source, fit time, "
                            "clients per instrument",
                 .handler = [deps](const HandlerContext&) -> Result<Response> {
                   if (deps.monitor == nullptr) {
                     return JsonOk({{"method", "not_monitored"}, {"source", "none"}});
                   }
                   return JsonOk(ModelJson(deps.monitor->CurrentModel()));
                 },
                 .responses = {Reply(200, "ExpectedModel")}}));
  TRY(table.Add({.method = Method::kPost,
                 .pattern = "/api/v1/monitor/expected-model/refits",
                 .roles = {Role::kAdmin},
                 .summary = "Refit the expected-response model from every closed episode "
                            "(reads audited); 409 keeps the current model when too few",
                 .handler = [deps](const HandlerContext& context) -> Result<Response> {
                   TRY(RequireMonitor(deps));
                   auto lease = deps.stores.Acquire();
                   TRY_ASSIGN(app::PracticeModelSummary summary,
                              app::RefitPracticeModel(*lease, ContextOf(context), *deps.monitor,
                                                      deps.clock));
                   return JsonOk(ModelJson(summary), 201);
                 },
                 .responses = {Reply(201, "ExpectedModel")}}));
  return Ok();
}

}  // namespace tessera::http
