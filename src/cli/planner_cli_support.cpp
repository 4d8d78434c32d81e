#include "cli/planner_cli_support.hpp"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "app/plan_inputs.hpp"
#include "json/parse.hpp"
#include "store/exchange/record_json.hpp"

namespace tessera::cli {

Result<std::string> ReadInputFile(const std::string& path, const std::string& what) {
  std::ifstream stream(path);
  if (!stream) return NotFound(what + " file '" + path + "' cannot be read");
  std::ostringstream text;
  text << stream.rdbuf();
  return text.str();
}

Result<catalog::Catalog> LoadCatalog(const CliEnvironment& environment,
                                     const std::vector<std::string>& extra) {
  std::vector<std::filesystem::path> directories{environment.data_dir / "catalog"};
  for (const auto& directory : extra) directories.emplace_back(directory);
  auto loaded = catalog::Catalog::Load(directories);
  if (!loaded) return Propagate(loaded.error().WithContext("catalog"));
  return loaded;
}

namespace {

bool IsPlannerFileFormat(const nlohmann::json& document) {
  if (!document.is_object()) return false;
  if (document.contains("sts") || document.contains("risk") || document.contains("history"))
    return true;
  const auto problems = document.find("problems");
  if (problems == document.end() || !problems->is_array()) return false;
  for (const nlohmann::json& problem : *problems)
    if (problem.is_object() && problem.contains("id")) return true;
  return false;
}

}  // namespace

Result<planner::ClientProfile> ReadProfileFile(const std::string& json_text,
                                               const catalog::Catalog& catalog) {
  TRY_ASSIGN(const nlohmann::json document, ParseJson(json_text, "profile"));
  if (IsPlannerFileFormat(document)) return planner::ParseProfile(json_text, catalog);
  TRY_ASSIGN(ClientProfile stored, store::ProfileFromJson(document, "profile"));
  return app::PlannerProfile(stored, catalog);
}

}  // namespace tessera::cli
