// FHIR Bulk Data Access, system level, for admins (docs/fhir.md, "Bulk export"; decision
// record 0200): GET /$export with `Prefer: respond-async` reads every client's Patient,
// QuestionnaireResponses, Observations and active CarePlan with its Goals through the same
// audited store calls as the JSON API and the other FHIR routes (so every client read leaves
// its audit entry), keeps the NDJSON files in memory (fhir_export_jobs.hpp) and answers 202
// with the status URL in Content-Location; the status URL answers the completion manifest at
// once (the export is made during the kick-off), and each file download is audited as an
// export of every client it holds. Psychotherapy notes are never read.
#include <algorithm>
#include <map>

#include "fhir/bulk_export.hpp"
#include "fhir/bundle.hpp"
#include "fhir/care_plan.hpp"
#include "fhir/fhir_json.hpp"
#include "fhir/observation.hpp"
#include "fhir/people.hpp"
#include "fhir/questionnaire_response.hpp"
#include "http/routes/fhir_export_jobs.hpp"
#include "http/routes/fhir_support.hpp"
#include "http/routes/route_support.hpp"

namespace tessera::http {
namespace {

using nlohmann::json;

// Resources of one type and the clients whose data they are.
struct Collected {
  std::vector<json> resources;
  std::vector<ClientId> clients;
  void Add(json resource, ClientId client) {
    resources.push_back(std::move(resource));
    if (clients.empty() || clients.back() != client) clients.push_back(client);
  }
};

bool Wanted(const std::vector<std::string>& types, const std::string& type) {
  return std::find(types.begin(), types.end(), type) != types.end();
}

// Every wanted resource of every client the caller may see (an admin: every client).
using ByType = std::map<std::string, Collected>;

Result<ByType> Collect(Store& store, const AccessContext& actor,
                       const app::ClinicalLibrary& library, const std::vector<std::string>& types) {
  ByType by_type;
  TRY_ASSIGN(const std::vector<ClientId> clients, store.ListClients(actor));
  for (const ClientId client : clients) {
    if (Wanted(types, "Patient")) {
      TRY_ASSIGN(const Client record, store.GetClient(actor, client));
      by_type["Patient"].Add(fhir::PatientOf(record), client);
    }
    if (Wanted(types, "QuestionnaireResponse") || Wanted(types, "Observation")) {
      TRY_ASSIGN(const auto administrations, AdministrationsOf(store, actor, client));
      for (const MeasureAdministration& administration : administrations) {
        const measures::Instrument* instrument =
            library.instruments.Find(administration.instrument.value());
        if (Wanted(types, "QuestionnaireResponse")) {
          by_type["QuestionnaireResponse"].Add(
              fhir::QuestionnaireResponseOf(administration, instrument), client);
        }
        if (Wanted(types, "Observation")) {
          for (json& observation : fhir::ObservationsOf(administration, instrument)) {
            by_type["Observation"].Add(std::move(observation), client);
          }
        }
      }
    }
    if (Wanted(types, "CarePlan") || Wanted(types, "Goal")) {
      TRY_ASSIGN(const std::vector<Plan> plans, ActivePlansOf(store, actor, client));
      for (const Plan& plan : plans) {
        if (Wanted(types, "CarePlan")) {
          by_type["CarePlan"].Add(fhir::CarePlanOf(plan, library.catalog), client);
        }
        if (Wanted(types, "Goal")) {
          for (json& goal : fhir::GoalsOf(plan)) by_type["Goal"].Add(std::move(goal), client);
        }
      }
    }
  }
  return by_type;
}

// The kick-off URL as asked (the manifest's `request`).
std::string KickOffUrl(const HandlerContext& context) {
  std::string url = FhirBaseUrl(context) + "/$export";
  char separator = '?';
  for (const auto& [name, value] : context.target.query) {
    url += separator + fhir::EncodeQueryComponent(name) + "=" + fhir::EncodeQueryComponent(value);
    separator = '&';
  }
  return url;
}

std::string FileUrl(const HandlerContext& context, const std::string& job,
                    const std::string& type) {
  return FhirBaseUrl(context) + "/$export-files/" + job + "/" + type + ".ndjson";
}

Result<Response> KickOff(Store& store, const AccessContext& actor, const HandlerContext& context,
                         const app::ClinicalLibrary& library, const Clock& clock,
                         ExportJobs& jobs) {
  const auto prefer = context.request.Header("prefer");
  if (!prefer || prefer->find("respond-async") == std::string_view::npos) {
    return InvalidArgument("header 'Prefer' must be 'respond-async' (FHIR Bulk Data kick-off)");
  }
  TRY_ASSIGN(const std::vector<std::string> types, fhir::ExportTypes(context.target.query));
  ExportJob job;
  job.owner = context.principal->user_id;
  job.started = clock.Now();
  job.transaction_time = fhir::Instant(job.started);
  job.request = KickOffUrl(context);
  TRY_ASSIGN(ByType collected, Collect(store, actor, library, types));
  for (const std::string& type : types) {
    Collected& of_type = collected[type];
    if (of_type.resources.empty()) continue;
    job.files.push_back({type, fhir::Ndjson(of_type.resources), of_type.resources.size(),
                         std::move(of_type.clients)});
  }
  const std::string id = jobs.Add(std::move(job));
  const std::string status_url = FhirBaseUrl(context) + "/$export-status/" + id;
  Response response = FhirReply(
      202, fhir::InformationOutcome("export ready: poll " + status_url + " for its files"));
  response.headers.emplace_back("Content-Location", status_url);
  return response;
}

}  // namespace

Status AddFhirExportRoutes(RouteTable& table, const ClinicalRouteDeps& deps) {
  StorePool& pool = deps.stores;
  const app::ClinicalLibrary& library = deps.library;
  const Clock& clock = deps.clock;
  auto jobs = std::make_shared<ExportJobs>(deps.clock);
  const std::vector<Role> admin = {Role::kAdmin};
  TRY(table.Add(
      {.method = Method::kGet,
       .pattern = "/fhir/R4/$export",
       .roles = admin,
       .summary = "FHIR Bulk Data kick-off (Prefer: respond-async): every client's Patient, "
                  "QuestionnaireResponses, Observations, active CarePlan and Goals as NDJSON; "
                  "202 with the status URL in Content-Location",
       .async_handler =
           WithStore(pool,
                     [&library, &clock, jobs](Store& store, const AccessContext& actor,
                                              const HandlerContext& context) -> Result<Response> {
                       return KickOff(store, actor, context, library, clock, *jobs);
                     }),
       .responses = {Reply(202, "OperationOutcome")},
       .response_media_type = "application/fhir+json",
       .query = {{"_type", "comma-separated resource types (default: all exported types)"},
                 {"_outputFormat", "application/fhir+ndjson (the only format offered)"}}}));
  TRY(table.Add(
      {.method = Method::kGet,
       .pattern = "/fhir/R4/$export-status/{job_id}",
       .roles = admin,
       .summary = "FHIR Bulk Data status: the completion manifest of an export the caller "
                  "started (its files' URLs and counts)",
       .handler = [jobs](const HandlerContext& context) -> Result<Response> {
         const std::string& id = context.path_params.at("job_id");
         const auto job = jobs->Find(id, context.principal->user_id);
         if (!job) return NotFound("no export job " + id + " of yours (they are kept an hour)");
         std::vector<fhir::ExportOutput> outputs;
         for (const ExportFile& file : job->files) {
           outputs.push_back({file.type, FileUrl(context, id, file.type), file.count});
         }
         return JsonReply(200, fhir::ExportManifest(job->transaction_time, job->request, outputs));
       },
       .responses = {Reply(200, "FhirBulkExportManifest")}}));
  TRY(table.Add(
      {.method = Method::kDelete,
       .pattern = "/fhir/R4/$export-status/{job_id}",
       .roles = admin,
       .summary = "FHIR Bulk Data: forget an export the caller started (its files go with it)",
       .handler = [jobs](const HandlerContext& context) -> Result<Response> {
         const std::string& id = context.path_params.at("job_id");
         if (!jobs->Remove(id, context.principal->user_id)) {
           return NotFound("no export job " + id + " of yours");
         }
         return FhirReply(202, fhir::InformationOutcome("export " + id + " deleted"));
       },
       .responses = {Reply(202, "OperationOutcome")},
       .response_media_type = "application/fhir+json"}));
  TRY(table.Add(
      {.method = Method::kGet,
       .pattern = "/fhir/R4/$export-files/{job_id}/{file_name}",
       .roles = admin,
       .summary = "FHIR Bulk Data: one NDJSON file of an export the caller started; audited "
                  "as an export of every client it holds",
       .async_handler = WithStore(pool,
                                  [jobs](Store& store, const AccessContext& actor,
                                         const HandlerContext& context) -> Result<Response> {
                                    const std::string& id = context.path_params.at("job_id");
                                    const std::string& name = context.path_params.at("file_name");
                                    const auto job = jobs->Find(id, context.principal->user_id);
                                    if (job) {
                                      for (const ExportFile& file : job->files) {
                                        if (name != file.type + ".ndjson") continue;
                                        for (const ClientId client : file.clients)
                                          TRY(store.AuditExport(actor, client));
                                        Response response;
                                        response.content_type = std::string(fhir::kFhirNdjson);
                                        response.body = file.ndjson;
                                        return response;
                                      }
                                    }
                                    return NotFound("no file " + name + " in an export job " + id +
                                                    " of yours");
                                  }),
       .responses = {Reply(200, R"({"type": "string"})")},
       .response_media_type = "application/fhir+ndjson"}));
  return Ok();
}

}  // namespace tessera::http
