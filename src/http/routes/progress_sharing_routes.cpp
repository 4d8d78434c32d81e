// The client's own progress chart (app/shared_progress.hpp; decision 0260): staff on the case
// share an episode's progress with the client or stop; the client's progress, as the client
// may see it, for staff and for the client's own account. Every answer a client gets goes
// through the one client-view mapping (client_view.hpp).
#include <nlohmann/json.hpp>

#include "app/shared_progress.hpp"
#include "http/json_body.hpp"
#include "http/routes/client_view.hpp"
#include "http/routes/clinical_routes.hpp"
#include "http/routes/clinical_support.hpp"
#include "http/routes/schedule_json.hpp"

namespace tessera::http {
namespace {

using nlohmann::json;

json SharingJson(ClientId client, const ProgressSharing& sharing) {
  return {
      {"client_id", client.value()},
      {"episode_id", sharing.episode.value()},
      {"shared", sharing.shared},
      {"updated_at", sharing.updated_at ? json(FormatUtc(*sharing.updated_at)) : json(nullptr)}};
}

}  // namespace

json SharedProgressJson(ClientId client, const app::SharedProgress& progress) {
  json instruments = json::array();
  for (const app::InstrumentSeries& series : progress.instruments) {
    json points = json::array();
    for (const app::ProgressPoint& point : series.points)
      points.push_back({{"date", point.date}, {"score", point.score}});
    instruments.push_back({{"instrument", series.instrument},
                           {"name", series.name},
                           {"higher_is_worse", series.higher_is_worse},
                           {"cut_off", series.cut_off ? json(*series.cut_off) : json(nullptr)},
                           {"points", std::move(points)}});
  }
  return ClientView(
      {{"client_id", client.value()},
       {"episode_id", progress.episode ? json(progress.episode->value()) : json(nullptr)},
       {"shared", progress.shared},
       {"instruments", std::move(instruments)}});
}

Status AddProgressSharingRoutes(RouteTable& table, const ClinicalRouteDeps& deps) {
  TRY(table.Add(
      {.method = Method::kPut,
       .pattern = "/api/v1/clients/{client_id}/episodes/{episode_id}/progress-sharing",
       .roles = {std::begin(kStaffRoles), std::end(kStaffRoles)},
       .summary = "Share an episode's progress chart with the client (their own scores, shown "
                  "after they submit and in their own view), or stop; off until set",
       .body = RequestBody::kJson,
       .async_handler = WithStore(
           deps.stores,
           [](Store& store, const AccessContext& actor,
              const HandlerContext& context) -> Result<Response> {
             TRY(RequireOnlyFields(*context.body, {"shared"}));
             const auto shared = context.body->find("shared");
             if (shared == context.body->end() || !shared->is_boolean())
               return InvalidArgument("field 'shared' must be true or false");
             TRY_ASSIGN(const std::int64_t client, PathId(context.path_params, "client_id"));
             TRY_ASSIGN(const std::int64_t episode, PathId(context.path_params, "episode_id"));
             TRY_ASSIGN(ProgressSharing sharing,
                        store.SetProgressSharing(actor, ClientId(client), EpisodeId(episode),
                                                 shared->get<bool>()));
             return JsonOk(SharingJson(ClientId(client), sharing));
           }),
       .request_schema = "ProgressSharingRequest",
       .responses = {Reply(200, "ProgressSharing")}}));
  TRY(table.Add(
      {.method = Method::kGet,
       .pattern = "/api/v1/clients/{client_id}/progress",
       .roles = {Role::kAdmin, Role::kClinician, Role::kSupervisor, Role::kClient},
       .summary = "The client's progress as the client may see it: whether their current "
                  "episode's progress is shared and, when it is, their own scores per "
                  "questionnaire with its clinical cut-off (a client account: its own)",
       .async_handler = WithStore(
           deps.stores,
           [deps](Store& store, const AccessContext& actor,
                  const HandlerContext& context) -> Result<Response> {
             TRY_ASSIGN(const std::int64_t client, PathId(context.path_params, "client_id"));
             TRY_ASSIGN(app::SharedProgress progress,
                        app::ReadSharedProgress(store, actor, deps.library, ClientId(client)));
             return JsonOk(SharedProgressJson(ClientId(client), progress));
           }),
       .responses = {Reply(200, "SharedProgress")}}));
  return Ok();
}

}  // namespace tessera::http
