// Measurement schedules and what is due (app/measurement_schedules.hpp; docs/schedules.md):
// an episode's schedule, read and replaced by staff on the case, and the questionnaires due
// for a client now (staff, and a client account on its own record).
#include <nlohmann/json.hpp>

#include "app/measurement_schedules.hpp"
#include "http/routes/clinical_routes.hpp"
#include "http/routes/clinical_support.hpp"
#include "http/routes/schedule_json.hpp"

namespace tessera::http {
namespace {

using nlohmann::json;

json ScheduleJson(const app::MeasurementSchedule& schedule, EpisodeId episode) {
  json out = json::parse(app::ScheduleDocument(schedule));
  out["episode_id"] = episode.value();
  out["basis"] = schedule.basis;
  return out;
}

struct EpisodePath {
  ClientId client;
  EpisodeId episode;
};

Result<EpisodePath> ParseEpisodePath(const HandlerContext& context) {
  TRY_ASSIGN(const std::int64_t client, PathId(context.path_params, "client_id"));
  TRY_ASSIGN(const std::int64_t episode, PathId(context.path_params, "episode_id"));
  return EpisodePath{ClientId(client), EpisodeId(episode)};
}

}  // namespace

json DueJson(const std::optional<app::DueQuestionnaires>& due) {
  if (!due) return nullptr;
  return {{"episode_id", due->episode.value()},
          {"session_id", due->session ? json(due->session->value()) : json(nullptr)},
          {"session_date", due->session ? json(due->session_date) : json(nullptr)},
          {"session_number", due->session_number},
          {"before_session", due->before_session},
          {"end_of_session", due->end_of_session},
          {"given", due->given}};
}

Status AddScheduleRoutes(RouteTable& table, const ClinicalRouteDeps& deps) {
  const std::vector<Role> staff = {Role::kAdmin, Role::kClinician, Role::kSupervisor};
  const std::string pattern = "/api/v1/clients/{client_id}/episodes/{episode_id}/schedule";
  TRY(table.Add(
      {.method = Method::kGet,
       .pattern = pattern,
       .roles = staff,
       .summary = "An episode's measurement schedule: its own, or the default for the client's "
                  "problems (basis says which)",
       .async_handler = WithStore(deps.stores,
                                  [deps](Store& store, const AccessContext& actor,
                                         const HandlerContext& context) -> Result<Response> {
                                    TRY_ASSIGN(EpisodePath path, ParseEpisodePath(context));
                                    TRY_ASSIGN(app::MeasurementSchedule schedule,
                                               app::EpisodeSchedule(store, actor, deps.library,
                                                                    path.client, path.episode));
                                    return JsonOk(ScheduleJson(schedule, path.episode));
                                  }),
       .responses = {Reply(200, "MeasurementSchedule")}}));
  TRY(table.Add(
      {.method = Method::kPut,
       .pattern = pattern,
       .roles = staff,
       .summary = "Replace an episode's measurement schedule: which instruments, how often "
                  "(every_session, intake_and_every n, before_session n, at_end of "
                  "planned_sessions) and when (before_session or end_of_session)",
       .body = RequestBody::kJson,
       .async_handler = WithStore(deps.stores,
                                  [deps](Store& store, const AccessContext& actor,
                                         const HandlerContext& context) -> Result<Response> {
                                    TRY_ASSIGN(EpisodePath path, ParseEpisodePath(context));
                                    TRY_ASSIGN(app::MeasurementSchedule schedule,
                                               app::ParseSchedule(context.body->dump(),
                                                                  deps.library.instruments));
                                    TRY(store.SetSchedule(actor, path.client, path.episode,
                                                          app::ScheduleDocument(schedule)));
                                    schedule.basis = "episode";
                                    return JsonOk(ScheduleJson(schedule, path.episode));
                                  }),
       .request_schema = "MeasurementScheduleRequest",
       .responses = {Reply(200, "MeasurementSchedule")}}));
  TRY(table.Add(
      {.method = Method::kGet,
       .pattern = "/api/v1/clients/{client_id}/due",
       .roles = {Role::kAdmin, Role::kClinician, Role::kSupervisor, Role::kClient},
       .summary = "The questionnaires due for a client now: for the latest session of their "
                  "open episode, those due before it and at its end, and those already given "
                  "(a client account: its own)",
       .async_handler = WithStore(
           deps.stores,
           [deps](Store& store, const AccessContext& actor,
                  const HandlerContext& context) -> Result<Response> {
             TRY_ASSIGN(const std::int64_t client, PathId(context.path_params, "client_id"));
             TRY_ASSIGN(std::optional<app::DueQuestionnaires> due,
                        app::DueForClient(store, actor, deps.library, ClientId(client)));
             return JsonOk({{"client_id", client}, {"due", DueJson(due)}});
           }),
       .responses = {Reply(200, "DueQuestionnaires")}}));
  return Ok();
}

}  // namespace tessera::http
