// Consultation threads: discussion of a client among the care team.

#include "http/dto/record_dto.hpp"
#include "http/json_body.hpp"
#include "http/routes/route_support.hpp"

namespace tessera::http {

Status AddConsultationRoutes(RouteTable& table, const StoreRoutes& routes) {
  StorePool& pool = routes.store;
  const PageLimits& pages = routes.pages;
  TRY(table.Add({.method = Method::kGet,
                 .pattern = "/api/v1/clients/{client_id}/consultations",
                 .roles = {std::begin(kStaffRoles), std::end(kStaffRoles)},
                 .summary = "The client's consultation threads with their messages",
                 .async_handler = ClientRecordsHandler(
                     pool, pages,
                     [](Store& store, const AccessContext& actor, ClientId client) {
                       return store.ListThreads(actor, client);
                     },
                     ThreadJson),
                 .responses = {PagedReply("ConsultationThread")},
                 .query = PageQuery()}));
  TRY(table.Add(
      {.method = Method::kGet,
       .pattern = "/api/v1/consultations",
       .roles = {std::begin(kStaffRoles), std::end(kStaffRoles)},
       .summary = "The caller's consultation inbox: threads on their clients, newest "
                  "activity first, with message and unread counts and authors by name",
       .async_handler = WithStore(pool,
                                  [&pages](Store& store, const AccessContext& actor,
                                           const HandlerContext& context) -> Result<Response> {
                                    TRY_ASSIGN(PageRequest page, PageOf(context, pages));
                                    TRY_ASSIGN(auto inbox, store.ListConsultationInbox(actor));
                                    return JsonReply(200, PagedJson(inbox, page, InboxEntryJson));
                                  }),
       .responses = {PagedReply("ConsultationInboxEntry")},
       .query = PageQuery()}));
  TRY(table.Add(
      {.method = Method::kPost,
       .pattern = "/api/v1/clients/{client_id}/consultations",
       .roles = {std::begin(kStaffRoles), std::end(kStaffRoles)},
       .summary = "Open a consultation thread",
       .body = RequestBody::kJson,
       .async_handler = WithStore(
           pool,
           [](Store& store, const AccessContext& actor,
              const HandlerContext& context) -> Result<Response> {
             TRY_ASSIGN(std::int64_t client, PathId(context.path_params, "client_id"));
             TRY(RequireOnlyFields(*context.body, {"topic"}));
             TRY_ASSIGN(std::string topic, RequireText(*context.body, "topic", kMaxShortTextBytes));
             TRY_ASSIGN(ThreadId thread, store.OpenThread(actor, ClientId(client), topic));
             return JsonReply(201, {{"id", thread.value()}, {"client_id", client}});
           }),
       .request_schema = "OpenThreadRequest",
       .responses = {Reply(201, "ThreadOpened")}}));
  TRY(table.Add({.method = Method::kPost,
                 .pattern = "/api/v1/consultations/{thread_id}/messages",
                 .roles = {std::begin(kStaffRoles), std::end(kStaffRoles)},
                 .summary = "Post a message to a consultation thread",
                 .body = RequestBody::kJson,
                 .async_handler = WithStore(
                     pool,
                     [](Store& store, const AccessContext& actor,
                        const HandlerContext& context) -> Result<Response> {
                       TRY_ASSIGN(std::int64_t thread, PathId(context.path_params, "thread_id"));
                       TRY(RequireOnlyFields(*context.body, {"text"}));
                       TRY_ASSIGN(std::string text,
                                  RequireText(*context.body, "text", kMaxTextBytes));
                       TRY(store.PostToThread(actor, ThreadId(thread), text));
                       return JsonReply(201, {{"thread_id", thread}, {"posted", true}});
                     }),
                 .request_schema = "PostMessageRequest",
                 .responses = {Reply(201, "MessagePosted")}}));
  return Ok();
}

}  // namespace tessera::http
