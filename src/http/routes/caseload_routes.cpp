// The caseload: every client the caller may see, most in need first (app/caseload.hpp), paged.
// Its JSON shape is documented in docs/http.md "Caseload" for the web app.
#include <memory>

#include <nlohmann/json.hpp>

#include "app/caseload.hpp"
#include "http/routes/clinical_routes.hpp"
#include "http/routes/clinical_support.hpp"
#include "http/routes/schedule_json.hpp"

namespace tessera::http {
namespace {

using nlohmann::json;

json CaseloadJson(const app::CaseloadEntry& entry) {
  const auto optional_number = [](const std::optional<double>& value) {
    return value ? json(*value) : json(nullptr);
  };
  json latest = nullptr;
  if (!entry.instrument.empty()) {
    latest = {{"instrument", entry.instrument},
              {"first", optional_number(entry.first_score)},
              {"latest", optional_number(entry.latest_score)}};
  }
  json plan = nullptr;
  if (entry.plan) {
    plan = {{"id", entry.plan->value()},
            {"version", entry.plan_version},
            {"phase", entry.plan_phase ? json(*entry.plan_phase) : json(nullptr)}};
  }
  return {{"client_id", entry.client.value()},
          {"name", entry.name},
          {"status", app::Name(entry.status)},
          {"status_rank", static_cast<int>(entry.status)},
          {"active_alerts",
           {{"critical", entry.active_alerts[0]},
            {"high", entry.active_alerts[1]},
            {"warning", entry.active_alerts[2]},
            {"info", entry.active_alerts[3]}}},
          {"oldest_active_alert_at",
           entry.oldest_active_alert ? json(FormatUtc(*entry.oldest_active_alert)) : json(nullptr)},
          {"episode_id", entry.episode ? json(entry.episode->value()) : json(nullptr)},
          {"last_session", entry.last_session ? json(*entry.last_session) : json(nullptr)},
          {"outcome", std::move(latest)},
          {"plan", std::move(plan)}};
}

// `scope`: "mine" (the default) or "team" (a supervisor's team view); 400 naming it otherwise.
Result<CaseloadScope> ScopeOf(const HandlerContext& context) {
  const auto found = context.target.query.find("scope");
  if (found == context.target.query.end() || found->second == "mine") return CaseloadScope::kOwn;
  if (found->second == "team") return CaseloadScope::kTeam;
  return InvalidArgument("query parameter 'scope' must be one of: mine, team");
}

}  // namespace

Status AddCaseloadRoutes(RouteTable& table, const ClinicalRouteDeps& deps) {
  // One per server: its plan phases stay valid while each client's revision has not moved.
  auto phases = std::make_shared<app::PlanPhaseMemo>();
  return table.Add(
      {.method = Method::kGet,
       .pattern = "/api/v1/caseload",
       .roles = {Role::kAdmin, Role::kClinician, Role::kSupervisor},
       .summary = "Every client the caller may see, most in need first: status (risk, "
                  "not_on_track, alliance_concern, dropout_risk, on_track, recovered, no_data), "
                  "active alerts by severity, last session, outcome scores, plan phase, what is "
                  "due (paged); scope=team: a supervisor's team view, with each client's lead "
                  "clinician (read for supervision)",
       .async_handler = WithStore(
           deps.stores,
           [deps, phases](Store& store, const AccessContext& actor,
                          const HandlerContext& context) -> Result<Response> {
             TRY_ASSIGN(PageRequest page, PageOf(context, deps.pages));
             TRY_ASSIGN(CaseloadScope scope, ScopeOf(context));
             const std::vector<std::string> outcome_instruments =
                 deps.monitor != nullptr ? deps.monitor->OutcomeInstruments()
                                         : std::vector<std::string>{};
             TRY_ASSIGN(std::vector<app::CaseloadEntry> caseload,
                        app::ReadCaseload(store, actor, deps.library, outcome_instruments, scope,
                                          phases.get()));
             return JsonOk(PagedJson(caseload, page, [scope](const app::CaseloadEntry& entry) {
               json out = CaseloadJson(entry);
               out["due"] = DueJson(entry.due);
               if (scope == CaseloadScope::kTeam) {
                 out["lead"] =
                     entry.lead ? json{{"user_id", entry.lead->value()}, {"name", entry.lead_name}}
                                : json(nullptr);
               }
               return out;
             }));
           }),
       .responses = {PagedReply("CaseloadEntry")},
       .query = PageQuery({{"scope",
                            "mine (default: the caller's own caseload) or team (supervisors: "
                            "the clients led by the clinicians of the teams they supervise)"}})});
}

}  // namespace tessera::http
