#include "cli/planner_cli_support.hpp"

#include <fstream>
#include <sstream>

namespace tessera::cli {

Result<std::string> ReadInputFile(const std::string& path, const std::string& what) {
  std::ifstream stream(path);
  if (!stream) return NotFound(what + " file '" + path + "' cannot be read");
  std::ostringstream text;
  text << stream.rdbuf();
  return text.str();
}

Result<catalog::Catalog> LoadCatalog(const CliEnvironment& environment, const std::vector<std::string>& extra) {
  std::vector<std::filesystem::path> directories{environment.data_dir / "catalog"};
  for (const auto& directory : extra) directories.emplace_back(directory);
  auto loaded = catalog::Catalog::Load(directories);
  if (!loaded) return Propagate(loaded.error().WithContext("catalog"));
  return loaded;
}

}  // namespace tessera::cli
