// GET /api/v1/clients/{client_id}/episodes/{episode_id}/course: every session's outcome
// scores against the monitor's expectation for them (expected score and band, the method that
// formed it, the session's status), for the web app's progress chart. Read-only: the episode
// is read as a submission reads it (app::ReadEpisode, audited per record) and judged by the
// same monitor, so the band drawn is the band the alerts used. It also carries the monitor's
// current adaptation proposals for the episode's active plan, reviewed as accepting one
// reviews them (the same ids), so the alerts inbox and the plan page can offer them.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "app/alert_lifecycle.hpp"
#include "app/episode_records.hpp"
#include "http/routes/clinical_routes.hpp"
#include "http/routes/clinical_support.hpp"
#include "http/routes/route_support.hpp"

namespace tessera::http {
namespace {

using nlohmann::json;

json Optional(const std::optional<double>& value) { return value ? json(*value) : json(nullptr); }

json CourseJson(ClientId client, EpisodeId episode, const std::vector<app::CoursePoint>& course,
                const std::vector<app::AdaptationProposal>& proposals) {
  json points = json::array();
  for (const app::CoursePoint& point : course) {
    points.push_back({{"session", point.session},
                      {"session_id", point.session_id.value()},
                      {"instrument", point.instrument},
                      {"primary", point.primary},
                      {"score", point.score},
                      {"expected", Optional(point.expected)},
                      {"band_low", Optional(point.band_low)},
                      {"band_high", Optional(point.band_high)},
                      {"method", point.method.empty() ? json(nullptr) : json(point.method)},
                      {"status", point.status}});
  }
  return {{"client_id", client.value()},
          {"episode_id", episode.value()},
          {"points", points},
          {"proposals", ProposalsJson(proposals)}};
}

}  // namespace

Status AddCourseRoutes(RouteTable& table, const ClinicalRouteDeps& deps) {
  TRY(table.Add(
      {.method = Method::kGet,
       .pattern = "/api/v1/clients/{client_id}/episodes/{episode_id}/course",
       .roles = {std::begin(kStaffRoles), std::end(kStaffRoles)},
       .summary = "Every session's outcome scores in an episode against the monitor's expected "
                  "score and band (method, status): the progress chart's data; and the "
                  "monitor's current adaptation proposals for the episode's active plan",
       .async_handler =
           [deps](const HandlerContext& context, Responder responder) {
             const Result<std::int64_t> client = PathId(context.path_params, "client_id");
             if (!client) return responder.Send(Propagate(client.error()));
             const Result<std::int64_t> episode = PathId(context.path_params, "episode_id");
             if (!episode) return responder.Send(Propagate(episode.error()));
             RespondAfterCommit<json>(
                 deps.stores, std::move(responder),
                 [actor = ContextOf(context), client = ClientId(*client),
                  episode = EpisodeId(*episode),
                  monitor = deps.monitor](Store& store) -> Result<json> {
                   // Another client's episode is the same 404 as a missing one.
                   TRY_ASSIGN(const std::vector<Episode> episodes,
                              store.ListEpisodes(actor, client));
                   if (std::none_of(episodes.begin(), episodes.end(),
                                    [&](const Episode& each) { return each.id == episode; })) {
                     return NotFound("episode " + std::to_string(episode.value()) + " not found");
                   }
                   TRY_ASSIGN(app::MonitoringInput input,
                              app::ReadEpisode(store, actor, client, episode, std::nullopt));
                   std::vector<app::CoursePoint> course;
                   std::vector<app::AdaptationProposal> proposals;
                   if (monitor != nullptr) {
                     TRY_ASSIGN(course, monitor->Course(input));
                     // As accepting a proposal reviews the episode (plan_adaptation.cpp), so
                     // the ids offered here are the ids it accepts.
                     if (!input.plan_json.empty()) {
                       TRY_ASSIGN(std::vector<Alert> alerts, store.ListAlerts(actor, client));
                       std::erase_if(alerts,
                                     [&](const Alert& alert) { return alert.episode != episode; });
                       input.risk_alert_open = app::RiskAlertOpen(alerts);
                       TRY_ASSIGN(const app::MonitoringOutcome outcome, monitor->Review(input));
                       proposals = outcome.proposals;
                     }
                   }
                   return CourseJson(client, episode, course, proposals);
                 },
                 [](json& body) -> Result<Response> { return JsonOk(body); });
           },
       .responses = {Reply(200, "EpisodeCourse")}}));
  return Ok();
}

}  // namespace tessera::http
