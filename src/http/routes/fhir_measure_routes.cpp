// FHIR QuestionnaireResponse (create, read, search) and the score Observations derived from
// it (read, search). A QuestionnaireResponse POSTed here is a measure submission like
// POST /api/v1/clients/{client_id}/sessions/{session_id}/measures: read into the same request
// (fhir/response_reader.hpp), then the same app::PrepareSubmission and app::StoreSubmission
// (scored, stored, monitored, alerts raised, one transaction). Reads go through the client's
// administrations, the store read GET /api/v1/clients/{client_id}/measures makes.
#include "app/measure_submission.hpp"
#include "fhir/observation.hpp"
#include "fhir/questionnaire.hpp"
#include "fhir/questionnaire_response.hpp"
#include "fhir/resource_ids.hpp"
#include "fhir/response_reader.hpp"
#include "http/routes/clinical_support.hpp"
#include "http/routes/fhir_support.hpp"
#include "http/routes/route_support.hpp"

namespace tessera::http {
namespace {

using nlohmann::json;

const std::vector<Role> kStaffAndClient = {Role::kAdmin, Role::kClinician, Role::kSupervisor,
                                           Role::kClient};

// The filters of a QuestionnaireResponse search, read before any store work.
struct ResponseFilters {
  std::optional<InstrumentId> instrument;
  std::optional<fhir::DateFilter> authored;
  std::optional<fhir::DateFilter> updated;
};

Result<ResponseFilters> ReadResponseFilters(const fhir::Query& query) {
  ResponseFilters filters;
  if (const auto questionnaire = query.find("questionnaire"); questionnaire != query.end()) {
    const std::string id = fhir::InstrumentIdOf(questionnaire->second);
    if (id.empty()) {
      return InvalidArgument(
          "search parameter 'questionnaire' must be a Questionnaire's "
          "canonical URL or Questionnaire/<id>");
    }
    filters.instrument = InstrumentId(id);
  }
  TRY_ASSIGN(filters.authored, fhir::DateParameter(query, "authored"));
  TRY_ASSIGN(filters.updated, fhir::DateParameter(query, "_lastUpdated"));
  return filters;
}

struct ObservationFilters {
  std::optional<fhir::TokenFilter> code;
  std::optional<fhir::TokenFilter> category;
  std::optional<fhir::DateFilter> date;
  std::optional<fhir::DateFilter> updated;
};

Result<ObservationFilters> ReadObservationFilters(const fhir::Query& query) {
  ObservationFilters filters;
  TRY_ASSIGN(filters.code, fhir::TokenParameter(query, "code"));
  TRY_ASSIGN(filters.category, fhir::TokenParameter(query, "category"));
  TRY_ASSIGN(filters.date, fhir::DateParameter(query, "date"));
  TRY_ASSIGN(filters.updated, fhir::DateParameter(query, "_lastUpdated"));
  return filters;
}

bool Keep(const std::optional<fhir::DateFilter>& filter, TimePoint time) {
  return !filter || fhir::Matches(*filter, time);
}

bool Keep(const ObservationFilters& filters, const json& observation) {
  if (filters.code && !fhir::Matches(*filters.code, observation["code"])) return false;
  if (!filters.category) return true;
  for (const json& category : observation["category"]) {
    if (fhir::Matches(*filters.category, category)) return true;
  }
  return false;
}

void CreateResponse(const ClinicalRouteDeps& deps, const HandlerContext& context,
                    Responder responder) {
  Result<app::AdministrationRequest> request = fhir::ReadQuestionnaireResponse(
      *context.body, deps.library.instruments, deps.licensed_instruments);
  if (!request) return responder.Send(Propagate(std::move(request).error()));
  request->attention_link = app::AttentionLink(deps.public_url);
  Result<app::PreparedSubmission> prepared =
      app::PrepareSubmission(deps.library, deps.clock, *request);
  if (!prepared) return responder.Send(Propagate(std::move(prepared).error()));
  MeasureAdministration stored = prepared->administration;
  const measures::Instrument* instrument = deps.library.instruments.Find(request->instrument);
  RespondAfterCommit<app::SubmissionResult>(
      deps.stores, std::move(responder),
      [actor = ContextOf(context), monitor = deps.monitor,
       prepared = std::move(*prepared)](Store& store) mutable {
        return app::StoreSubmission(store, actor, monitor, std::move(prepared));
      },
      [stored = std::move(stored), instrument,
       base = FhirBaseUrl(context)](app::SubmissionResult& result) mutable -> Result<Response> {
        stored.id = result.administration;
        const json resource = fhir::QuestionnaireResponseOf(stored, instrument);
        Response response = FhirReply(201, resource);
        response.headers.emplace_back(
            "Location", base + "/QuestionnaireResponse/" + resource["id"].get<std::string>());
        return response;
      });
}

}  // namespace

Status AddFhirMeasureRoutes(RouteTable& table, const ClinicalRouteDeps& deps) {
  StorePool& pool = deps.stores;
  const PageLimits pages = deps.pages;
  const measures::InstrumentLibrary& instruments = deps.library.instruments;
  TRY(table.Add({.method = Method::kPost,
                 .pattern = "/fhir/R4/QuestionnaireResponse",
                 .roles = kStaffAndClient,
                 .summary =
                     "FHIR create QuestionnaireResponse: a measure submission (scored, stored, "
                     "monitored, alerts raised, in one transaction), as POST .../measures",
                 .body = RequestBody::kJson,
                 .async_handler =
                     [deps](const HandlerContext& context, Responder responder) {
                       CreateResponse(deps, context, std::move(responder));
                     },
                 .request_schema = "FhirResource",
                 .responses = {Reply(201, "FhirResource")},
                 .response_media_type = "application/fhir+json"}));
  TRY(table.Add(
      {.method = Method::kGet,
       .pattern = "/fhir/R4/QuestionnaireResponse/{response_id}",
       .roles = kStaffAndClient,
       .summary =
           "FHIR QuestionnaireResponse: one measure administration (id <client>-<administration>)",
       .async_handler = WithStore(
           pool,
           [&instruments](Store& store, const AccessContext& actor,
                          const HandlerContext& context) -> Result<Response> {
             TRY_ASSIGN(const fhir::AdministrationRef named,
                        fhir::ParseResponseId(context.path_params.at("response_id")));
             TRY_ASSIGN(const MeasureAdministration administration,
                        AdministrationNamed(store, actor, named.client, named.administration));
             return FhirReply(
                 200, fhir::QuestionnaireResponseOf(
                          administration, instruments.Find(administration.instrument.value())));
           }),
       .responses = {Reply(200, "FhirResource")},
       .response_media_type = "application/fhir+json"}));
  TRY(table.Add(
      {.method = Method::kGet,
       .pattern = "/fhir/R4/QuestionnaireResponse",
       .roles = kStaffAndClient,
       .summary = "FHIR search of QuestionnaireResponses by patient, questionnaire and date",
       .async_handler = WithStore(
           pool,
           [&instruments, pages](Store& store, const AccessContext& actor,
                                 const HandlerContext& context) -> Result<Response> {
             TRY_ASSIGN(const ResponseFilters filters, ReadResponseFilters(context.target.query));
             TRY_ASSIGN(const std::vector<ClientId> clients,
                        ClientsOfSearch(store, actor, context.target.query));
             std::vector<json> matches;
             for (const ClientId client : clients) {
               TRY_ASSIGN(const auto administrations,
                          AdministrationsOf(store, actor, client, filters.instrument));
               for (const MeasureAdministration& administration : administrations) {
                 if (!Keep(filters.authored, administration.administered_at) ||
                     !Keep(filters.updated, administration.administered_at)) {
                   continue;
                 }
                 matches.push_back(fhir::QuestionnaireResponseOf(
                     administration, instruments.Find(administration.instrument.value())));
               }
             }
             return SearchReply(context, pages, "QuestionnaireResponse", matches);
           }),
       .responses = {Reply(200, "FhirBundle")},
       .response_media_type = "application/fhir+json",
       .query = FhirSearchQuery(
           {{"patient", "Patient/<id> or <id>"},
            {"questionnaire", "canonical URL or Questionnaire/<id>"},
            {"authored", "date with prefix eq, ne, lt, le, gt or ge (YYYY[-MM[-DD]])"},
            {"_lastUpdated", "date, as authored (responses are never changed after storing)"}})}));
  TRY(table.Add(
      {.method = Method::kGet,
       .pattern = "/fhir/R4/Observation/{observation_id}",
       .roles = kStaffAndClient,
       .summary = "FHIR Observation: a score (id <client>-<administration>-total, -panel, "
                  "-scale-<subscale> or -item-<item>)",
       .async_handler = WithStore(
           pool,
           [&instruments](Store& store, const AccessContext& actor,
                          const HandlerContext& context) -> Result<Response> {
             const std::string& id = context.path_params.at("observation_id");
             TRY_ASSIGN(const fhir::ObservationRef named, fhir::ParseObservationId(id));
             TRY_ASSIGN(const MeasureAdministration administration,
                        AdministrationNamed(store, actor, named.administration.client,
                                            named.administration.administration));
             for (json& observation : fhir::ObservationsOf(
                      administration, instruments.Find(administration.instrument.value()))) {
               if (observation["id"] == id) return FhirReply(200, observation);
             }
             return NotFound("Observation/" + id + " not found");
           }),
       .responses = {Reply(200, "FhirResource")},
       .response_media_type = "application/fhir+json"}));
  TRY(table.Add(
      {.method = Method::kGet,
       .pattern = "/fhir/R4/Observation",
       .roles = kStaffAndClient,
       .summary = "FHIR search of score Observations by patient, code, date and category",
       .async_handler = WithStore(
           pool,
           [&instruments, pages](Store& store, const AccessContext& actor,
                                 const HandlerContext& context) -> Result<Response> {
             TRY_ASSIGN(const ObservationFilters filters,
                        ReadObservationFilters(context.target.query));
             TRY_ASSIGN(const std::vector<ClientId> clients,
                        ClientsOfSearch(store, actor, context.target.query));
             std::vector<json> matches;
             for (const ClientId client : clients) {
               TRY_ASSIGN(const auto administrations, AdministrationsOf(store, actor, client));
               for (const MeasureAdministration& administration : administrations) {
                 if (!Keep(filters.date, administration.administered_at) ||
                     !Keep(filters.updated, administration.administered_at)) {
                   continue;
                 }
                 for (json& observation : fhir::ObservationsOf(
                          administration, instruments.Find(administration.instrument.value()))) {
                   if (Keep(filters, observation)) matches.push_back(std::move(observation));
                 }
               }
             }
             return SearchReply(context, pages, "Observation", matches);
           }),
       .responses = {Reply(200, "FhirBundle")},
       .response_media_type = "application/fhir+json",
       .query =
           FhirSearchQuery({{"patient", "Patient/<id> or <id>"},
                            {"code", "token: code or system|code (e.g. http://loinc.org|44261-6)"},
                            {"category", "token (survey)"},
                            {"date", "date with prefix eq, ne, lt, le, gt or ge (YYYY[-MM[-DD]])"},
                            {"_lastUpdated", "date, as date"}})}));
  return Ok();
}

}  // namespace tessera::http
