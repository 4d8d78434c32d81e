// Progress notes: the shared clinical record. Search reads progress notes only, never
// psychotherapy notes.

#include "http/dto/record_dto.hpp"
#include "http/json_body.hpp"
#include "http/routes/route_support.hpp"

namespace tessera::http {

Status AddProgressNoteRoutes(RouteTable& table, const StoreRoutes& routes) {
  StorePool& pool = routes.store;
  const PageLimits& pages = routes.pages;
  TRY(table.Add(
      {.method = Method::kGet,
       .pattern = "/api/v1/clients/{client_id}/progress-notes",
       .roles = {std::begin(kStaffRoles), std::end(kStaffRoles)},
       .summary = "The client's progress notes, oldest first (?history=true: with "
                  "amended versions)",
       .async_handler = WithStore(
           pool,
           [&pages](Store& store, const AccessContext& actor,
                    const HandlerContext& context) -> Result<Response> {
             TRY_ASSIGN(std::int64_t client, PathId(context.path_params, "client_id"));
             TRY_ASSIGN(PageRequest page, PageOf(context, pages));
             TRY_ASSIGN(const Versions versions, VersionsOf(context));
             // The page (and one more row, to learn whether there is a next one) is
             // cut in SQL.
             TRY_ASSIGN(std::vector<ProgressNote> notes,
                        store.ListProgressNotesPage(actor, ClientId(client), versions,
                                                    {static_cast<std::int64_t>(page.offset),
                                                     static_cast<std::int64_t>(page.limit) + 1}));
             nlohmann::json items = nlohmann::json::array();
             for (const ProgressNote& note : notes) items.push_back(ProgressNoteJson(note));
             return JsonReply(200, PageResponse(std::move(items), page));
           }),
       .responses = {PagedReply("ProgressNote")},
       .query =
           PageQuery({{"history", "true: amended versions too (default false)", "boolean"}})}));
  TRY(table.Add(
      {.method = Method::kPost,
       .pattern = "/api/v1/clients/{client_id}/progress-notes",
       .roles = {std::begin(kStaffRoles), std::end(kStaffRoles)},
       .summary = "Write a progress note (or amend one with 'supersedes' and "
                  "'amendment_reason')",
       .body = RequestBody::kJson,
       .async_handler = WithStore(
           pool,
           [](Store& store, const AccessContext& actor,
              const HandlerContext& context) -> Result<Response> {
             TRY_ASSIGN(std::int64_t client, PathId(context.path_params, "client_id"));
             const nlohmann::json& body = *context.body;
             TRY(RequireOnlyFields(body, {"text", "session_id", "supersedes", "amendment_reason"}));
             ProgressNote note;
             note.client = ClientId(client);
             note.author = *actor.actor;
             TRY_ASSIGN(note.text, RequireText(body, "text", kMaxTextBytes));
             TRY_ASSIGN(auto session, OptionalInteger(body, "session_id", 1, INT64_MAX));
             if (session) note.session = SessionId(*session);
             TRY_ASSIGN(auto supersedes, OptionalInteger(body, "supersedes", 1, INT64_MAX));
             if (supersedes) note.supersedes = NoteId(*supersedes);
             TRY_ASSIGN(note.amendment_reason, ParseAmendmentReason(body, supersedes.has_value()));
             TRY_ASSIGN(note.id, store.WriteProgressNote(actor, note));
             return JsonReply(201, {{"id", note.id.value()}, {"client_id", client}});
           }),
       .request_schema = "WriteProgressNoteRequest",
       .responses = {Reply(201, "NoteCreated")}}));
  TRY(table.Add({.method = Method::kGet,
                 .pattern = "/api/v1/progress-notes/search",
                 .roles = {std::begin(kStaffRoles), std::end(kStaffRoles)},
                 .summary = "Search the progress notes the caller may see (?q=text)",
                 .async_handler = WithStore(
                     pool,
                     [&pages](Store& store, const AccessContext& actor,
                              const HandlerContext& context) -> Result<Response> {
                       const auto query = context.target.query.find("q");
                       if (query == context.target.query.end() || query->second.size() < 3 ||
                           query->second.size() > kMaxShortTextBytes)
                         return InvalidArgument("query parameter 'q' must be 3 to 500 characters");
                       TRY_ASSIGN(PageRequest page, PageOf(context, pages));
                       TRY_ASSIGN(std::vector<ProgressNote> notes,
                                  store.SearchProgressNotes(actor, query->second));
                       return JsonReply(200, PagedJson(notes, page, ProgressNoteJson));
                     }),
                 .responses = {PagedReply("ProgressNote")},
                 .query = PageQuery({{.name = "q",
                                      .description = "the text to find (3 to 500 characters)",
                                      .required = true}})}));
  return Ok();
}

}  // namespace tessera::http
