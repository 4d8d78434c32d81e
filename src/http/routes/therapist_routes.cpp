// Therapist profiles: admins create and update them (a new version each time); staff read and
// list them.

#include "http/dto/record_dto.hpp"
#include "http/json_body.hpp"
#include "http/routes/route_support.hpp"

namespace tessera::http {
namespace {

// Therapist ids are short names ("ana-cbt"), not numbers.
Result<TherapistId> PathTherapist(const HandlerContext& context) {
  const std::string& id = context.path_params.at("therapist_id");
  if (id.empty() || id.size() > 64)
    return InvalidArgument("path parameter 'therapist_id' must be 1 to 64 characters");
  return TherapistId(id);
}

}  // namespace

Status AddTherapistRoutes(RouteTable& table, const StoreRoutes& routes) {
  StorePool& pool = routes.store;
  TRY(table.Add({.method = Method::kPost,
                 .pattern = "/api/v1/therapists",
                 .roles = {Role::kAdmin},
                 .summary = "Create a therapist profile (admin)",
                 .body = RequestBody::kJson,
                 .async_handler = WithStore(pool,
                                            [](Store& store, const AccessContext& actor,
                                               const HandlerContext& context) -> Result<Response> {
                                              TRY_ASSIGN(Therapist therapist,
                                                         ParseTherapist(*context.body));
                                              therapist.version = 1;
                                              TRY(store.CreateTherapist(actor, therapist));
                                              return JsonReply(201, TherapistJson(therapist));
                                            }),
                 .request_schema = "TherapistRequest",
                 .responses = {Reply(201, "Therapist")}}));
  const PageLimits& pages = routes.pages;
  TRY(table.Add({.method = Method::kGet,
                 .pattern = "/api/v1/therapists",
                 .roles = {std::begin(kStaffRoles), std::end(kStaffRoles)},
                 .summary = "Therapist profiles, current versions in id order (paged)",
                 .async_handler = WithStore(
                     pool,
                     [&pages](Store& store, const AccessContext& actor,
                              const HandlerContext& context) -> Result<Response> {
                       TRY_ASSIGN(PageRequest page, PageOf(context, pages));
                       TRY_ASSIGN(std::vector<Therapist> therapists, store.ListTherapists(actor));
                       return JsonReply(200, PagedJson(therapists, page, TherapistJson));
                     }),
                 .responses = {PagedReply("Therapist")},
                 .query = PageQuery()}));
  TRY(table.Add({.method = Method::kGet,
                 .pattern = "/api/v1/therapists/{therapist_id}",
                 .roles = {std::begin(kStaffRoles), std::end(kStaffRoles)},
                 .summary = "A therapist profile, current version",
                 .async_handler = WithStore(pool,
                                            [](Store& store, const AccessContext& actor,
                                               const HandlerContext& context) -> Result<Response> {
                                              TRY_ASSIGN(TherapistId id, PathTherapist(context));
                                              TRY_ASSIGN(Therapist therapist,
                                                         store.GetTherapist(actor, id));
                                              return JsonReply(200, TherapistJson(therapist));
                                            }),
                 .responses = {Reply(200, "Therapist")}}));
  TRY(table.Add({.method = Method::kPut,
                 .pattern = "/api/v1/therapists/{therapist_id}",
                 .roles = {Role::kAdmin},
                 .summary = "Update a therapist profile (409 when 'version' is stale)",
                 .body = RequestBody::kJson,
                 .async_handler = WithStore(
                     pool,
                     [](Store& store, const AccessContext& actor,
                        const HandlerContext& context) -> Result<Response> {
                       TRY_ASSIGN(TherapistId id, PathTherapist(context));
                       if (!context.body->contains("version"))
                         return InvalidArgument("field 'version' is required");
                       TRY_ASSIGN(Therapist therapist, ParseTherapist(*context.body));
                       if (therapist.id != id)
                         return InvalidArgument("field 'id' must match the therapist in the path");
                       TRY_ASSIGN(therapist.version, store.UpdateTherapist(actor, therapist));
                       return JsonReply(200, TherapistJson(therapist));
                     }),
                 .request_schema = "TherapistRequest",
                 .responses = {Reply(200, "Therapist")}}));
  return Ok();
}

}  // namespace tessera::http
