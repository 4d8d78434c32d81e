// Therapy sessions: attendance, the techniques used and the client's helpfulness ratings.
// An amendment is a new session naming the one it supersedes.

#include "http/dto/record_dto.hpp"
#include "http/json_body.hpp"
#include "http/routes/route_support.hpp"

namespace tessera::http {

Status AddSessionRoutes(RouteTable& table, const StoreRoutes& routes) {
  StorePool& pool = routes.store;
  const PageLimits& pages = routes.pages;
  TRY(table.Add({.method = Method::kGet,
                 .pattern = "/api/v1/clients/{client_id}/sessions",
                 .roles = {std::begin(kAllRoles), std::end(kAllRoles)},
                 .summary = "The client's sessions by date (?history=true: with amended versions)",
                 .async_handler = WithStore(
                     pool,
                     [&pages](Store& store, const AccessContext& actor,
                              const HandlerContext& context) -> Result<Response> {
                       TRY_ASSIGN(std::int64_t client, PathId(context.path_params, "client_id"));
                       TRY_ASSIGN(PageRequest page, PageOf(context, pages));
                       TRY_ASSIGN(Versions versions, VersionsOf(context));
                       // The page (and one more row, to learn whether there is a next one) is
                       // cut in SQL.
                       TRY_ASSIGN(
                           std::vector<Session> sessions,
                           store.ListSessionsPage(actor, ClientId(client), versions,
                                                  {static_cast<std::int64_t>(page.offset),
                                                   static_cast<std::int64_t>(page.limit) + 1}));
                       nlohmann::json items = nlohmann::json::array();
                       for (const Session& session : sessions)
                         items.push_back(SessionJson(session));
                       return JsonReply(200, PageResponse(std::move(items), page));
                     }),
                 .responses = {PagedReply("Session")},
                 .query = PageQuery(
                     {{"history", "true: amended versions too (default false)", "boolean"}})}));
  TRY(table.Add({.method = Method::kPost,
                 .pattern = "/api/v1/clients/{client_id}/sessions",
                 .roles = {std::begin(kStaffRoles), std::end(kStaffRoles)},
                 .summary = "Record a session, or amend one with 'supersedes' and "
                            "'amendment_reason' (its date within "
                            "the server's [records] window; 409 when the episode is closed)",
                 .body = RequestBody::kJson,
                 .async_handler = WithStore(
                     pool,
                     [&clock = routes.clock, window = routes.session_dates](
                         Store& store, const AccessContext& actor,
                         const HandlerContext& context) -> Result<Response> {
                       TRY_ASSIGN(std::int64_t client, PathId(context.path_params, "client_id"));
                       TRY_ASSIGN(Session session, ParseSession(*context.body));
                       // Measures are dated by their session: a date far from today is a typo
                       // that would move every score given in it (issue 16).
                       TRY(CheckSessionDate("date", session.date, window, clock.Now()));
                       session.client = ClientId(client);
                       TRY_ASSIGN(session.id, store.RecordSession(actor, session));
                       return JsonReply(201, SessionJson(session));
                     }),
                 .request_schema = "RecordSessionRequest",
                 .responses = {Reply(201, "Session")}}));
  return Ok();
}

}  // namespace tessera::http
