// FHIR Patient, Practitioner and CareTeam: reads and searches over the same store calls as
// GET /api/v1/clients/{id}, /api/v1/therapists and /api/v1/clients/{id}/care-team, with the
// same roles, so the same object-level checks and audit entries.
#include "fhir/people.hpp"
#include "fhir/resource_ids.hpp"
#include "http/routes/fhir_support.hpp"
#include "http/routes/route_support.hpp"

namespace tessera::http {
namespace {

using nlohmann::json;

// A client id in a FHIR id path segment; a malformed one names nothing (404 like a missing one).
Result<ClientId> ClientInPath(const HandlerContext& context, const std::string& parameter,
                              const std::string& type) {
  const std::string& id = context.path_params.at(parameter);
  const auto parsed = fhir::ParsePositiveId(id);
  if (!parsed) return NotFound(type + "/" + id + " not found");
  return ClientId(*parsed);
}

}  // namespace

Status AddFhirPeopleRoutes(RouteTable& table, const ClinicalRouteDeps& deps) {
  StorePool& pool = deps.stores;
  const PageLimits pages = deps.pages;
  const std::vector<Role> staff_and_client = {Role::kAdmin, Role::kClinician, Role::kSupervisor,
                                              Role::kClient};
  const std::vector<Role> staff(std::begin(kStaffRoles), std::end(kStaffRoles));
  TRY(table.Add(
      {.method = Method::kGet,
       .pattern = "/fhir/R4/Patient/{patient_id}",
       .roles = staff_and_client,
       .summary = "FHIR Patient: a client the caller may see, with minimal identifiers",
       .async_handler = WithStore(pool,
                                  [](Store& store, const AccessContext& actor,
                                     const HandlerContext& context) -> Result<Response> {
                                    TRY_ASSIGN(const ClientId id,
                                               ClientInPath(context, "patient_id", "Patient"));
                                    TRY_ASSIGN(const Client client, store.GetClient(actor, id));
                                    return FhirReply(200, fhir::PatientOf(client));
                                  }),
       .responses = {Reply(200, "FhirResource")},
       .response_media_type = "application/fhir+json"}));
  TRY(table.Add(
      {.method = Method::kGet,
       .pattern = "/fhir/R4/Patient",
       .roles = staff_and_client,
       .summary = "FHIR search of the Patients the caller may see (searchset Bundle)",
       .async_handler = WithStore(pool,
                                  [pages](Store& store, const AccessContext& actor,
                                          const HandlerContext& context) -> Result<Response> {
                                    TRY_ASSIGN(const std::optional<ClientId> only,
                                               fhir::PatientParameter(context.target.query, "_id"));
                                    std::vector<ClientId> clients;
                                    if (only) {
                                      clients.push_back(*only);
                                    } else {
                                      TRY_ASSIGN(clients, store.ListClients(actor));
                                    }
                                    std::vector<json> matches;
                                    for (const ClientId id : clients) {
                                      TRY_ASSIGN(const Client client, store.GetClient(actor, id));
                                      matches.push_back(fhir::PatientOf(client));
                                    }
                                    return SearchReply(context, pages, "Patient", matches);
                                  }),
       .responses = {Reply(200, "FhirBundle")},
       .response_media_type = "application/fhir+json",
       .query = FhirSearchQuery({{"_id", "one client's id"}})}));
  TRY(table.Add({.method = Method::kGet,
                 .pattern = "/fhir/R4/Practitioner/{practitioner_id}",
                 .roles = staff,
                 .summary = "FHIR Practitioner: a therapist profile",
                 .async_handler =
                     WithStore(pool,
                               [](Store& store, const AccessContext& actor,
                                  const HandlerContext& context) -> Result<Response> {
                                 const std::string& id = context.path_params.at("practitioner_id");
                                 if (!fhir::IsFhirId(id)) {
                                   return NotFound("Practitioner/" + id + " not found");
                                 }
                                 TRY_ASSIGN(const Therapist therapist,
                                            store.GetTherapist(actor, TherapistId(id)));
                                 return FhirReply(200, fhir::PractitionerOf(therapist));
                               }),
                 .responses = {Reply(200, "FhirResource")},
                 .response_media_type = "application/fhir+json"}));
  TRY(table.Add(
      {.method = Method::kGet,
       .pattern = "/fhir/R4/Practitioner",
       .roles = staff,
       .summary = "FHIR search of the therapist profiles (searchset Bundle)",
       .async_handler = WithStore(pool,
                                  [pages](Store& store, const AccessContext& actor,
                                          const HandlerContext& context) -> Result<Response> {
                                    TRY_ASSIGN(const std::vector<Therapist> therapists,
                                               store.ListTherapists(actor));
                                    std::vector<json> matches;
                                    for (const Therapist& therapist : therapists) {
                                      // Ids FHIR cannot carry (e.g. with '_') are not served as
                                      // Practitioners.
                                      if (fhir::IsFhirId(therapist.id.value())) {
                                        matches.push_back(fhir::PractitionerOf(therapist));
                                      }
                                    }
                                    return SearchReply(context, pages, "Practitioner", matches);
                                  }),
       .responses = {Reply(200, "FhirBundle")},
       .response_media_type = "application/fhir+json",
       .query = FhirSearchQuery({})}));
  TRY(table.Add({.method = Method::kGet,
                 .pattern = "/fhir/R4/CareTeam/{care_team_id}",
                 .roles = staff,
                 .summary = "FHIR CareTeam: a client's care team (its id is the client's)",
                 .async_handler =
                     WithStore(pool,
                               [](Store& store, const AccessContext& actor,
                                  const HandlerContext& context) -> Result<Response> {
                                 TRY_ASSIGN(const ClientId client,
                                            ClientInPath(context, "care_team_id", "CareTeam"));
                                 TRY_ASSIGN(const auto members, store.GetCareTeam(actor, client));
                                 return FhirReply(200, fhir::CareTeamOf(client, members));
                               }),
                 .responses = {Reply(200, "FhirResource")},
                 .response_media_type = "application/fhir+json"}));
  TRY(table.Add(
      {.method = Method::kGet,
       .pattern = "/fhir/R4/CareTeam",
       .roles = staff,
       .summary = "FHIR search of the care teams of the clients the caller may see",
       .async_handler = WithStore(pool,
                                  [pages](Store& store, const AccessContext& actor,
                                          const HandlerContext& context) -> Result<Response> {
                                    TRY_ASSIGN(const std::vector<ClientId> clients,
                                               ClientsOfSearch(store, actor, context.target.query));
                                    std::vector<json> matches;
                                    for (const ClientId client : clients) {
                                      TRY_ASSIGN(const auto members,
                                                 store.GetCareTeam(actor, client));
                                      matches.push_back(fhir::CareTeamOf(client, members));
                                    }
                                    return SearchReply(context, pages, "CareTeam", matches);
                                  }),
       .responses = {Reply(200, "FhirBundle")},
       .response_media_type = "application/fhir+json",
       .query = FhirSearchQuery({{"patient", "Patient/<id> or <id>: one client's care team"}})}));
  return Ok();
}

}  // namespace tessera::http
