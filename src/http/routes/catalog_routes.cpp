// GET /api/v1/catalog/{models,techniques,integrative-models,problems} and one entry of each:
// the knowledge base as `tessera catalog show` describes it (sources expanded to citations).
#include <nlohmann/json.hpp>

#include "catalog/catalog_describe.hpp"
#include "http/routes/clinical_routes.hpp"
#include "http/routes/clinical_support.hpp"

namespace tessera::http {
namespace {

using nlohmann::json;

struct CatalogKind {
  const char* path;            // "integrative-models"
  const char* parameter;       // "integrative_model_id"
  const char* noun;            // "integrative model"
  const char* described_kind;  // DescribeEntry's "kind"
  const char* schema;          // the entry's schema component (src/http/schemas/)
  std::vector<std::string> (*ids)(const catalog::Catalog&);
};

template <typename Map>
std::vector<std::string> Keys(const Map& entries) {
  std::vector<std::string> keys;
  for (const auto& [id, entry] : entries) keys.push_back(id);
  return keys;
}

const CatalogKind kKinds[] = {
    {"models", "model_id", "model", "model", "CatalogModel",
     [](const catalog::Catalog& c) { return Keys(c.models()); }},
    {"techniques", "technique_id", "technique", "technique", "CatalogTechnique",
     [](const catalog::Catalog& c) { return Keys(c.techniques()); }},
    {"integrative-models", "integrative_model_id", "integrative model", "integrative_model",
     "CatalogIntegrativeModel",
     [](const catalog::Catalog& c) { return Keys(c.integrative_models()); }},
    {"problems", "problem_id", "problem area", "problem_area", "CatalogProblemArea",
     [](const catalog::Catalog& c) { return Keys(c.problems()); }},
};

// The entry as JSON, or nullopt when no entry of this kind has the id (ids are unique across
// kinds, so a technique id asked for as a model is simply not found).
std::optional<json> Describe(const catalog::Catalog& catalog, const CatalogKind& kind,
                             const std::string& id) {
  const auto text = catalog::DescribeEntry(catalog, id);
  if (!text) return std::nullopt;
  json entry = json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (entry.is_discarded() || entry.value("kind", "") != kind.described_kind) return std::nullopt;
  return entry;
}

}  // namespace

Status AddCatalogRoutes(RouteTable& table, const ClinicalRouteDeps& deps) {
  const catalog::Catalog& catalog = deps.library.catalog;
  const PageLimits pages = deps.pages;
  const std::vector<Role> staff = {Role::kAdmin, Role::kClinician, Role::kSupervisor};
  for (const CatalogKind& kind : kKinds) {
    const std::string base = std::string("/api/v1/catalog/") + kind.path;
    TRY(table.Add({.method = Method::kGet,
                   .pattern = base,
                   .roles = staff,
                   .summary = std::string("List the catalogue's ") + kind.path + " (paged)",
                   .handler =
                       [&catalog, &kind, pages](const HandlerContext& context) {
                         json all = json::array();
                         for (const std::string& id : kind.ids(catalog)) {
                           if (auto entry = Describe(catalog, kind, id)) all.push_back(*entry);
                         }
                         return PagedList(all, context, pages);
                       },
                   .responses = {PagedReply(kind.schema)},
                   .query = PageQuery()}));
    TRY(table.Add({.method = Method::kGet,
                   .pattern = base + "/{" + kind.parameter + "}",
                   .roles = staff,
                   .summary = std::string("One catalogue ") + kind.noun + " with its sources",
                   .handler = [&catalog, &kind](const HandlerContext& context) -> Result<Response> {
                     const std::string& id = context.path_params.at(kind.parameter);
                     auto entry = Describe(catalog, kind, id);
                     if (!entry) {
                       return NotFound(std::string(kind.noun) + " '" + id + "' not found");
                     }
                     return JsonOk(*entry);
                   },
                   .responses = {Reply(200, kind.schema)}}));
  }
  return Ok();
}

}  // namespace tessera::http
