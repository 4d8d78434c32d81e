// Psychotherapy (process) notes: written by clinicians and supervisors on the care team and
// readable only by their author. This is the only route family that returns their text; no
// list, search, export or report elsewhere includes them.

#include "http/dto/record_dto.hpp"
#include "http/json_body.hpp"
#include "http/routes/route_support.hpp"

namespace tessera::http {

Status AddPsychotherapyNoteRoutes(RouteTable& table, const StoreRoutes& routes) {
  StorePool& pool = routes.store;
  const PageLimits& pages = routes.pages;
  TRY(table.Add({.method = Method::kGet,
                 .pattern = "/api/v1/clients/{client_id}/psychotherapy-notes",
                 .roles = {std::begin(kCliniciansOnly), std::end(kCliniciansOnly)},
                 .summary = "The psychotherapy notes the caller wrote about this client",
                 .async_handler = ClientRecordsHandler(
                     pool, pages,
                     [](Store& store, const AccessContext& actor, ClientId client) {
                       return store.ListMyPsychotherapyNotes(actor, client);
                     },
                     PsychotherapyNoteJson),
                 .responses = {PagedReply("PsychotherapyNote")},
                 .query = PageQuery()}));
  TRY(table.Add({.method = Method::kPost,
                 .pattern = "/api/v1/clients/{client_id}/psychotherapy-notes",
                 .roles = {std::begin(kCliniciansOnly), std::end(kCliniciansOnly)},
                 .summary = "Write a psychotherapy note (readable only by its author)",
                 .body = RequestBody::kJson,
                 .async_handler = WithStore(pool, [](Store& store, const AccessContext& actor,
                                               const HandlerContext& context)
                                                -> Result<Response> {
                   TRY_ASSIGN(std::int64_t client, PathId(context.path_params, "client_id"));
                   const nlohmann::json& body = *context.body;
                   TRY(RequireOnlyFields(body, {"text", "supersedes"}));
                   PsychotherapyNote note;
                   note.client = ClientId(client);
                   note.author = *actor.actor;
                   TRY_ASSIGN(note.text, RequireText(body, "text", kMaxTextBytes));
                   TRY_ASSIGN(auto supersedes, OptionalInteger(body, "supersedes", 1, INT64_MAX));
                   if (supersedes) note.supersedes = NoteId(*supersedes);
                   TRY_ASSIGN(note.id, store.WritePsychotherapyNote(actor, note));
                   // The text is not echoed: the response holds only the new note's id.
                   return JsonReply(201, {{"id", note.id.value()}, {"client_id", client}});
                 }),
                 .request_schema = "WritePsychotherapyNoteRequest",
                 .responses = {Reply(201, "NoteCreated")}}));
  return Ok();
}

}  // namespace tessera::http
