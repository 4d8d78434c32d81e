#pragma once
// What the FHIR route families (fhir_*_routes.cpp) share: answers in application/fhir+json,
// the server's FHIR base URL for links, the store reads every FHIR read goes through (the same
// store calls, so the same object-level checks and audit entries, as the JSON API's routes),
// and a searchset answer.

#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/store.hpp"
#include "fhir/search.hpp"
#include "http/router.hpp"
#include "http/routes/clinical_routes.hpp"

namespace tessera::http {

/// The path prefix of every FHIR route.
inline constexpr std::string_view kFhirPrefix = "/fhir/R4";

/// `value` as application/fhir+json with `status`.
Response FhirReply(int status, const nlohmann::json& value);

/// "http(s)://<Host>/fhir/R4" for the request (links and fullUrls).
std::string FhirBaseUrl(const HandlerContext& context);

/// One page of `matches` as a searchset Bundle, paged by `_count`/`_offset` within the
/// server's page limits.
Result<Response> SearchReply(const HandlerContext& context, const PageLimits& pages,
                             const std::string& resource_type,
                             const std::vector<nlohmann::json>& matches);

/// The query parameters every FHIR search route takes besides its own filters.
std::vector<QueryParameter> FhirSearchQuery(std::vector<QueryParameter> filters);

/// The clients a search covers: the one its `patient` parameter names (NotFound, like any
/// read, when the caller may not see it: the store's check), else every client the caller
/// may see (ClientRepository::ListClients).
Result<std::vector<ClientId>> ClientsOfSearch(Store& store, const AccessContext& actor,
                                              const fhir::Query& query);

/// Every current administration of a client, oldest first (one audited store read), optionally
/// of one instrument.
Result<std::vector<MeasureAdministration>> AdministrationsOf(
    Store& store, const AccessContext& actor, ClientId client,
    std::optional<InstrumentId> instrument = std::nullopt);

/// The one administration a QuestionnaireResponse or Observation id names: read through its
/// client's administrations (NotFound when it is not among them).
Result<MeasureAdministration> AdministrationNamed(Store& store, const AccessContext& actor,
                                                  ClientId client, AdministrationId administration);

/// The client's active plans (one per episode at most), oldest first: one audited store read
/// (ListPlans, as GET /api/v1/clients/{id}/plans).
Result<std::vector<Plan>> ActivePlansOf(Store& store, const AccessContext& actor, ClientId client);

/// A resource type read by id and searched per client (CareTeam, CarePlan, Goal): the two
/// routes share their roles, store reads and answers, so they are declared once.
struct FhirClientResourceRoutes {
  std::string type;          // "CarePlan": GET /fhir/R4/CarePlan/{id_parameter} and the search
  std::string id_parameter;  // "care_plan_id"
  std::vector<Role> roles;
  std::string read_summary;
  std::string search_summary;
  std::string patient_filter;  // what the search's `patient` parameter selects
  /// The resource an id names; NotFound ("<type>/<id> not found") when it names nothing the
  /// caller may see.
  std::function<Result<nlohmann::json>(Store&, const AccessContext&, const std::string& id)> read;
  /// Appends a client's resources of this type to `matches` (audited store reads).
  std::function<Status(Store&, const AccessContext&, ClientId, std::vector<nlohmann::json>&)>
      of_client;
};

/// Adds GET /fhir/R4/<type>/{id} and GET /fhir/R4/<type>?patient= (a searchset Bundle over the
/// clients of ClientsOfSearch), both in application/fhir+json.
Status AddFhirClientResourceRoutes(RouteTable& table, StorePool& pool, const PageLimits& pages,
                                   FhirClientResourceRoutes routes);

/// The FHIR route families: conformance (metadata, Questionnaire), people (Patient,
/// Practitioner, CareTeam), measures (QuestionnaireResponse, Observation), plans (CarePlan,
/// Goal), export (Bulk Data $export).
Status AddFhirConformanceRoutes(RouteTable& table, const ClinicalRouteDeps& deps);
Status AddFhirPeopleRoutes(RouteTable& table, const ClinicalRouteDeps& deps);
Status AddFhirMeasureRoutes(RouteTable& table, const ClinicalRouteDeps& deps);
Status AddFhirPlanRoutes(RouteTable& table, const ClinicalRouteDeps& deps);
/// Bulk Data $export for admins (fhir_export_routes.cpp).
Status AddFhirExportRoutes(RouteTable& table, const ClinicalRouteDeps& deps);

}  // namespace tessera::http
