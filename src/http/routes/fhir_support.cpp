#include "http/routes/fhir_support.hpp"

#include <limits>
#include <memory>

#include "fhir/bundle.hpp"
#include "fhir/fhir_json.hpp"
#include "http/json_body.hpp"
#include "http/routes/route_support.hpp"

namespace tessera::http {

using nlohmann::json;

Response FhirReply(int status, const json& value) {
  Response response;
  response.status = status;
  response.content_type = std::string(fhir::kFhirJson);
  response.body = DumpJson(value);
  return response;
}

std::string FhirBaseUrl(const HandlerContext& context) {
  const auto host = context.request.Header("host");
  const std::string scheme = context.request.transport == Transport::kTls ? "https://" : "http://";
  return scheme + std::string(host ? *host : "localhost") + std::string(kFhirPrefix);
}

Result<Response> SearchReply(const HandlerContext& context, const PageLimits& pages,
                             const std::string& resource_type, const std::vector<json>& matches) {
  TRY_ASSIGN(
      const fhir::Paging paging,
      fhir::PagingParameters(context.target.query, pages.default_page_size, pages.max_page_size));
  const fhir::SearchContext search{FhirBaseUrl(context), resource_type, context.target.query,
                                   paging};
  return FhirReply(200, fhir::SearchSet(matches, search));
}

std::vector<QueryParameter> FhirSearchQuery(std::vector<QueryParameter> filters) {
  filters.push_back(
      {"_count", "page size (default and maximum: the server's page limits)", "integer"});
  filters.push_back(
      {"_offset", "position of the page's first match (the Bundle's links set it)", "integer"});
  return filters;
}

Result<std::vector<ClientId>> ClientsOfSearch(Store& store, const AccessContext& actor,
                                              const fhir::Query& query) {
  TRY_ASSIGN(const std::optional<ClientId> patient, fhir::PatientParameter(query, "patient"));
  if (patient) return std::vector<ClientId>{*patient};
  return store.ListClients(actor);
}

Result<std::vector<MeasureAdministration>> AdministrationsOf(
    Store& store, const AccessContext& actor, ClientId client,
    std::optional<InstrumentId> instrument) {
  AdministrationQuery query;
  query.instrument = std::move(instrument);
  query.offset = 0;
  query.limit = std::numeric_limits<std::int32_t>::max();
  return store.ListAdministrationsPage(actor, client, query);
}

Result<MeasureAdministration> AdministrationNamed(Store& store, const AccessContext& actor,
                                                  ClientId client,
                                                  AdministrationId administration) {
  TRY_ASSIGN(std::vector<MeasureAdministration> all, AdministrationsOf(store, actor, client));
  for (MeasureAdministration& candidate : all) {
    if (candidate.id == administration) return std::move(candidate);
  }
  return NotFound("no such resource");
}

Result<std::vector<Plan>> ActivePlansOf(Store& store, const AccessContext& actor, ClientId client) {
  TRY_ASSIGN(std::vector<Plan> plans, store.ListPlans(actor, client));
  std::vector<Plan> active;
  for (Plan& plan : plans) {
    if (plan.status == PlanStatus::kActive && !plan.versions.empty()) {
      active.push_back(std::move(plan));
    }
  }
  return active;
}

Status AddFhirRoutes(RouteTable& table, const ClinicalRouteDeps& deps) {
  TRY(AddFhirConformanceRoutes(table, deps));
  TRY(AddFhirPeopleRoutes(table, deps));
  TRY(AddFhirMeasureRoutes(table, deps));
  TRY(AddFhirPlanRoutes(table, deps));
  TRY(AddFhirExportRoutes(table, deps));
  return Ok();
}

Status AddFhirClientResourceRoutes(RouteTable& table, StorePool& pool, const PageLimits& pages,
                                   FhirClientResourceRoutes routes) {
  const auto shared = std::make_shared<const FhirClientResourceRoutes>(std::move(routes));
  TRY(table.Add(
      {.method = Method::kGet,
       .pattern = std::string(kFhirPrefix) + "/" + shared->type + "/{" + shared->id_parameter + "}",
       .roles = shared->roles,
       .summary = shared->read_summary,
       .async_handler = WithStore(
           pool,
           [shared](Store& store, const AccessContext& actor,
                    const HandlerContext& context) -> Result<Response> {
             TRY_ASSIGN(const nlohmann::json resource,
                        shared->read(store, actor, context.path_params.at(shared->id_parameter)));
             return FhirReply(200, resource);
           }),
       .responses = {Reply(200, "FhirResource")},
       .response_media_type = "application/fhir+json"}));
  return table.Add({.method = Method::kGet,
                    .pattern = std::string(kFhirPrefix) + "/" + shared->type,
                    .roles = shared->roles,
                    .summary = shared->search_summary,
                    .async_handler = WithStore(
                        pool,
                        [shared, pages](Store& store, const AccessContext& actor,
                                        const HandlerContext& context) -> Result<Response> {
                          TRY_ASSIGN(const std::vector<ClientId> clients,
                                     ClientsOfSearch(store, actor, context.target.query));
                          std::vector<nlohmann::json> matches;
                          for (const ClientId client : clients)
                            TRY(shared->of_client(store, actor, client, matches));
                          return SearchReply(context, pages, shared->type, matches);
                        }),
                    .responses = {Reply(200, "FhirBundle")},
                    .response_media_type = "application/fhir+json",
                    .query = FhirSearchQuery({{"patient", shared->patient_filter}})});
}

}  // namespace tessera::http
