// GET /api/v1/instruments and /api/v1/instruments/{instrument_id}: the instrument definitions
// exactly as shipped in data/instruments (the scorer reads the same files).
#include <nlohmann/json.hpp>

#include "http/error_response.hpp"
#include "http/routes/clinical_routes.hpp"
#include "http/routes/clinical_support.hpp"

namespace tessera::http {
namespace {

using nlohmann::json;

json InstrumentSummary(const measures::Instrument& instrument) {
  return {{"id", instrument.id},
          {"name", instrument.name},
          {"short_name", instrument.short_name},
          {"construct", instrument.construct},
          {"licence", instrument.licence},
          {"item_count", instrument.items.size()},
          {"has_total", instrument.total.has_value()}};
}

}  // namespace

Status AddInstrumentRoutes(RouteTable& table, const ClinicalRouteDeps& deps) {
  const app::ClinicalLibrary& library = deps.library;
  const PageLimits pages = deps.pages;
  const std::vector<Role> everyone(std::begin(kAllRoles), std::end(kAllRoles));
  TRY(table.Add({.method = Method::kGet,
                 .pattern = "/api/v1/instruments",
                 .roles = everyone,
                 .summary = "List the measurement instruments (paged)",
                 .handler =
                     [&library, pages](const HandlerContext& context) {
                       json all = json::array();
                       for (const auto& instrument : library.instruments.instruments()) {
                         all.push_back(InstrumentSummary(instrument));
                       }
                       return PagedList(all, context, pages);
                     },
                 .responses = {PagedReply("InstrumentSummary")},
                 .query = PageQuery()}));
  TRY(table.Add(
      {.method = Method::kGet,
       .pattern = "/api/v1/instruments/{instrument_id}",
       .roles = everyone,
       .summary = "One instrument's full definition (items, answers, bands, norms, sources)",
       .handler = [&library](const HandlerContext& context) -> Result<Response> {
         const std::string& id = context.path_params.at("instrument_id");
         const auto found = library.instrument_documents.find(id);
         if (found == library.instrument_documents.end()) {
           return NotFound("instrument '" + id + "' not found");
         }
         return JsonResponse(200, found->second);
       },
       .responses = {Reply(200, "Instrument")}}));
  return Ok();
}

}  // namespace tessera::http
