// GET /fhir/R4/metadata (the CapabilityStatement, built from this route table's FHIR routes)
// and the Questionnaires generated from the instrument files (fhir/questionnaire.hpp).
#include "fhir/capability.hpp"
#include "fhir/questionnaire.hpp"
#include "http/routes/fhir_support.hpp"

namespace tessera::http {
namespace {

using nlohmann::json;

// What one FHIR route serves, read off its method and pattern.
std::optional<fhir::ServedInteraction> InteractionOf(const Route& route) {
  if (!route.pattern.starts_with(kFhirPrefix)) return std::nullopt;
  const std::vector<std::string_view> segments = SplitPath(route.pattern);
  if (segments.size() < 3) return std::nullopt;
  fhir::ServedInteraction served;
  const std::string_view last = segments.back();
  if (last.starts_with("$")) {
    served.interaction = "operation";
    served.operation = std::string(last.substr(1));
    if (segments.size() == 4) served.resource_type = std::string(segments[2]);
    return served;
  }
  // The Bulk Data status and file URLs ($export-status/..., $export-files/...) belong to the
  // $export operation, not to a resource type.
  if (segments[2].starts_with("$")) return std::nullopt;
  served.resource_type = std::string(segments[2]);
  if (served.resource_type == "metadata") return std::nullopt;
  if (route.method == Method::kPost && segments.size() == 3) {
    served.interaction = "create";
  } else if (route.method == Method::kGet && segments.size() == 4) {
    served.interaction = "read";
  } else if (route.method == Method::kGet && segments.size() == 3) {
    served.interaction = "search-type";
    for (const QueryParameter& parameter : route.query) {
      served.search_parameters.push_back(parameter.name);
    }
  } else {
    return std::nullopt;
  }
  return served;
}

std::string SoftwareVersion() { return "0.1.0"; }

}  // namespace

Status AddFhirConformanceRoutes(RouteTable& table, const ClinicalRouteDeps& deps) {
  const std::vector<Role> everyone(std::begin(kAllRoles), std::end(kAllRoles));
  const app::ClinicalLibrary& library = deps.library;
  const Clock& clock = deps.clock;
  // A licence for an instrument that needs none, or that is not shipped, is a mistake in the
  // settings: refused at start-up, naming it.
  for (const std::string& id : deps.licensed_instruments) {
    const measures::Instrument* instrument = library.instruments.Find(id);
    if (instrument == nullptr || !fhir::NeedsLicence(*instrument)) {
      return InvalidArgument("[fhir] licensed_instruments: '" + id +
                             "' is not an instrument whose text its licence withholds (those "
                             "are the ones a clinic's licence makes offered)");
    }
  }
  const fhir::LicensedInstruments licensed = deps.licensed_instruments;  // copied: deps may be
                                                                         // a temporary
  TRY(table.Add({.method = Method::kGet,
                 .pattern = "/fhir/R4/metadata",
                 .authentication = Authentication::kPublic,
                 .summary = "FHIR CapabilityStatement: every FHIR interaction this server serves",
                 .handler = [&table, &clock](const HandlerContext&) -> Result<Response> {
                   std::vector<fhir::ServedInteraction> served;
                   for (const Route& route : table.routes()) {
                     if (auto interaction = InteractionOf(route))
                       served.push_back(std::move(*interaction));
                   }
                   return FhirReply(
                       200, fhir::CapabilityStatementOf(served, SoftwareVersion(), clock.Now()));
                 },
                 .responses = {Reply(200, "FhirResource")},
                 .response_media_type = "application/fhir+json"}));
  TRY(table.Add(
      {.method = Method::kGet,
       .pattern = "/fhir/R4/Questionnaire/{questionnaire_id}",
       .roles = everyone,
       .summary = "FHIR Questionnaire of an offered instrument, generated from its data file",
       .handler = [&library, licensed](const HandlerContext& context) -> Result<Response> {
         const std::string& id = context.path_params.at("questionnaire_id");
         const measures::Instrument* instrument = library.instruments.Find(id);
         if (instrument == nullptr || !fhir::IsOffered(*instrument, licensed)) {
           return NotFound("Questionnaire/" + id + " not found");
         }
         return FhirReply(200, fhir::QuestionnaireOf(*instrument));
       },
       .responses = {Reply(200, "FhirResource")},
       .response_media_type = "application/fhir+json"}));
  const PageLimits pages = deps.pages;
  TRY(table.Add(
      {.method = Method::kGet,
       .pattern = "/fhir/R4/Questionnaire",
       .roles = everyone,
       .summary = "FHIR search of the offered Questionnaires (searchset Bundle)",
       .handler = [&library, licensed, pages](const HandlerContext& context) -> Result<Response> {
         const auto url = context.target.query.find("url");
         std::vector<json> matches;
         for (const measures::Instrument& instrument : library.instruments.instruments()) {
           if (!fhir::IsOffered(instrument, licensed)) continue;
           if (url != context.target.query.end() &&
               fhir::InstrumentIdOf(url->second) != instrument.id) {
             continue;
           }
           matches.push_back(fhir::QuestionnaireOf(instrument));
         }
         return SearchReply(context, pages, "Questionnaire", matches);
       },
       .responses = {Reply(200, "FhirBundle")},
       .response_media_type = "application/fhir+json",
       .query = FhirSearchQuery({{"url", "the Questionnaire's canonical URL"}})}));
  return Ok();
}

}  // namespace tessera::http
