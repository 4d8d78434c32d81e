// Psychotherapy (process) notes: written by clinicians and supervisors on the care team and
// readable only by their author. This is the only route family that returns their text; no
// list, search, export or report elsewhere includes them. Their text is sealed to the author's
// note key in the store and opened with the key this login session holds (decision 0131).

#include "http/dto/record_dto.hpp"
#include "http/json_body.hpp"
#include "http/routes/route_support.hpp"

namespace tessera::http {

Status AddPsychotherapyNoteRoutes(RouteTable& table, const StoreRoutes& routes) {
  StorePool& pool = routes.store;
  const PageLimits& pages = routes.pages;
  SessionManager* sessions = routes.sessions;
  TRY(table.Add({.method = Method::kGet,
                 .pattern = "/api/v1/clients/{client_id}/psychotherapy-notes",
                 .roles = {std::begin(kCliniciansOnly), std::end(kCliniciansOnly)},
                 .summary = "The psychotherapy notes the caller wrote about this client (409 "
                            "while the caller's note key is not unlocked: log in again, or "
                            "recover it after an admin reset)",
                 .async_handler = WithStore(
                     pool,
                     [&pages, sessions](Store& store, const AccessContext& actor,
                                        const HandlerContext& context) -> Result<Response> {
                       TRY_ASSIGN(std::int64_t client, PathId(context.path_params, "client_id"));
                       TRY_ASSIGN(PageRequest page, PageOf(context, pages));
                       // The author's key, held for this login session only (decision 0131).
                       const UnlockedNoteKey key =
                           sessions == nullptr
                               ? nullptr
                               : sessions->note_keys().Find(context.principal->session_token_hash);
                       TRY_ASSIGN(
                           std::vector<PsychotherapyNote> notes,
                           store.ListMyPsychotherapyNotes(actor, ClientId(client), key.get()));
                       return JsonReply(200, PagedJson(notes, page, PsychotherapyNoteJson));
                     }),
                 .responses = {PagedReply("PsychotherapyNote")},
                 .query = PageQuery()}));
  TRY(table.Add({.method = Method::kGet,
                 .pattern = "/api/v1/psychotherapy-notes/unsealed",
                 .roles = {Role::kAdmin},
                 .summary = "How many psychotherapy notes each author still has in clear "
                            "(written before notes were sealed; sealed at the author's next "
                            "login) (admin)",
                 .async_handler = WithStore(
                     pool,
                     [&pages](Store& store, const AccessContext& actor,
                              const HandlerContext& context) -> Result<Response> {
                       TRY_ASSIGN(PageRequest page, PageOf(context, pages));
                       TRY_ASSIGN(auto counts, store.CountUnsealedPsychotherapyNotes(actor));
                       return JsonReply(200, PagedJson(counts, page, [](const auto& count) {
                                          return nlohmann::json{{"author_id", count.first.value()},
                                                                {"unsealed_notes", count.second}};
                                        }));
                     }),
                 .responses = {PagedReply("UnsealedNoteCount")},
                 .query = PageQuery()}));
  TRY(table.Add({.method = Method::kPost,
                 .pattern = "/api/v1/clients/{client_id}/psychotherapy-notes",
                 .roles = {std::begin(kCliniciansOnly), std::end(kCliniciansOnly)},
                 .summary = "Write a psychotherapy note (readable only by its author)",
                 .body = RequestBody::kJson,
                 .async_handler = WithStore(
                     pool,
                     [](Store& store, const AccessContext& actor,
                        const HandlerContext& context) -> Result<Response> {
                       TRY_ASSIGN(std::int64_t client, PathId(context.path_params, "client_id"));
                       const nlohmann::json& body = *context.body;
                       TRY(RequireOnlyFields(body, {"text", "supersedes"}));
                       PsychotherapyNote note;
                       note.client = ClientId(client);
                       note.author = *actor.actor;
                       TRY_ASSIGN(note.text, RequireText(body, "text", kMaxTextBytes));
                       TRY_ASSIGN(auto supersedes,
                                  OptionalInteger(body, "supersedes", 1, INT64_MAX));
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
