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

// A client id as a FHIR id; a malformed one names nothing (404 like a missing one).
Result<ClientId> ClientNamed(const std::string& id, const std::string& type) {
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
  TRY(table.Add({.method = Method::kGet,
                 .pattern = "/fhir/R4/Patient/{patient_id}",
                 .roles = staff_and_client,
                 .summary = "FHIR Patient: a client the caller may see, with minimal identifiers",
                 .async_handler = WithStore(
                     pool,
                     [](Store& store, const AccessContext& actor,
                        const HandlerContext& context) -> Result<Response> {
                       TRY_ASSIGN(const ClientId id,
                                  ClientNamed(context.path_params.at("patient_id"), "Patient"));
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
  return AddFhirClientResourceRoutes(
      table, pool, pages,
      {.type = "CareTeam",
       .id_parameter = "care_team_id",
       .roles = staff,
       .read_summary = "FHIR CareTeam: a client's care team (its id is the client's)",
       .search_summary = "FHIR search of the care teams of the clients the caller may see",
       .patient_filter = "Patient/<id> or <id>: one client's care team",
       .read = [](Store& store, const AccessContext& actor, const std::string& id) -> Result<json> {
         TRY_ASSIGN(const ClientId client, ClientNamed(id, "CareTeam"));
         TRY_ASSIGN(const auto members, store.GetCareTeam(actor, client));
         return fhir::CareTeamOf(client, members);
       },
       .of_client = [](Store& store, const AccessContext& actor, ClientId client,
                       std::vector<json>& matches) -> Status {
         TRY_ASSIGN(const auto members, store.GetCareTeam(actor, client));
         matches.push_back(fhir::CareTeamOf(client, members));
         return Ok();
       }});
}

}  // namespace tessera::http
