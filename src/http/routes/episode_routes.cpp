// Episodes of care: open, list, close (once).

#include "http/dto/record_dto.hpp"
#include "http/json_body.hpp"
#include "http/routes/route_support.hpp"

namespace tessera::http {

Status AddEpisodeRoutes(RouteTable& table, const StoreRoutes& routes) {
  StorePool& pool = routes.store;
  const PageLimits& pages = routes.pages;
  TRY(table.Add({.method = Method::kGet,
                 .pattern = "/api/v1/clients/{client_id}/episodes",
                 .roles = {std::begin(kAllRoles), std::end(kAllRoles)},
                 .summary = "The client's episodes of care",
                 .async_handler = ClientRecordsHandler(
                     pool, pages,
                     [](Store& store, const AccessContext& actor, ClientId client) {
                       return store.ListEpisodes(actor, client);
                     },
                     EpisodeJson),
                 .responses = {PagedReply("Episode")},
                 .query = PageQuery()}));
  TRY(table.Add({.method = Method::kPost,
                 .pattern = "/api/v1/clients/{client_id}/episodes",
                 .roles = {std::begin(kStaffRoles), std::end(kStaffRoles)},
                 .summary = "Open an episode of care",
                 .body = RequestBody::kJson,
                 .async_handler = WithStore(
                     pool,
                     [](Store& store, const AccessContext& actor,
                        const HandlerContext& context) -> Result<Response> {
                       TRY_ASSIGN(std::int64_t client, PathId(context.path_params, "client_id"));
                       const nlohmann::json& body = *context.body;
                       TRY(RequireOnlyFields(body, {"opened_on", "reason"}));
                       Episode episode;
                       episode.client = ClientId(client);
                       TRY_ASSIGN(episode.opened_on, RequireDate(body, "opened_on"));
                       TRY_ASSIGN(episode.reason, RequireText(body, "reason", kMaxShortTextBytes));
                       TRY_ASSIGN(episode.id, store.OpenEpisode(actor, episode));
                       return JsonReply(201, EpisodeJson(episode));
                     }),
                 .request_schema = "OpenEpisodeRequest",
                 .responses = {Reply(201, "Episode")}}));
  TRY(table.Add(
      {.method = Method::kPost,
       .pattern = "/api/v1/episodes/{episode_id}/close",
       .roles = {std::begin(kStaffRoles), std::end(kStaffRoles)},
       .summary = "Close an episode (409 when already closed, or when a risk alert "
                  "raised in it is open and no 'risk_alert_override' reason is given)",
       .body = RequestBody::kJson,
       .async_handler = WithStore(
           pool,
           [](Store& store, const AccessContext& actor,
              const HandlerContext& context) -> Result<Response> {
             TRY_ASSIGN(std::int64_t episode, PathId(context.path_params, "episode_id"));
             const nlohmann::json& body = *context.body;
             TRY(RequireOnlyFields(body, {"closed_on", "reason", "risk_alert_override"}));
             TRY_ASSIGN(std::string closed_on, RequireDate(body, "closed_on"));
             TRY_ASSIGN(std::string reason, RequireText(body, "reason", kMaxShortTextBytes));
             std::string override_reason;
             if (body.contains("risk_alert_override")) {
               TRY_ASSIGN(override_reason,
                          RequireText(body, "risk_alert_override", kMaxShortTextBytes));
             }
             TRY(store.CloseEpisode(actor, EpisodeId(episode), closed_on, reason, override_reason));
             return JsonReply(200, {{"id", episode}, {"closed_on", closed_on}});
           }),
       .request_schema = "CloseEpisodeRequest",
       .responses = {Reply(200, "EpisodeClosed")}}));
  TRY(table.Add({.method = Method::kPost,
                 .pattern = "/api/v1/episodes/{episode_id}/reopen",
                 .roles = {std::begin(kStaffRoles), std::end(kStaffRoles)},
                 .summary = "Reopen a closed episode, with a reason, so that sessions, measures, "
                            "plan changes and notes can be recorded in it again (409 when open)",
                 .body = RequestBody::kJson,
                 .async_handler = WithStore(
                     pool,
                     [](Store& store, const AccessContext& actor,
                        const HandlerContext& context) -> Result<Response> {
                       TRY_ASSIGN(std::int64_t episode, PathId(context.path_params, "episode_id"));
                       const nlohmann::json& body = *context.body;
                       TRY(RequireOnlyFields(body, {"reason"}));
                       TRY_ASSIGN(std::string reason,
                                  RequireText(body, "reason", kMaxShortTextBytes));
                       TRY(store.ReopenEpisode(actor, EpisodeId(episode), reason));
                       return JsonReply(200, {{"id", episode}, {"reopened", true}});
                     }),
                 .request_schema = "ReopenEpisodeRequest",
                 .responses = {Reply(200, "EpisodeReopened")}}));
  return Ok();
}

}  // namespace tessera::http
