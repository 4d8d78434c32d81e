#include "json/file.hpp"

#include <fstream>
#include <sstream>
#include <string>

namespace tessera {

Result<nlohmann::json> ReadJsonFile(const std::filesystem::path& file, std::string_view document) {
  const std::string name = document.empty() ? file.string() : std::string(document);
  std::ifstream stream(file, std::ios::binary);
  if (!stream) return NotFound(name + ": cannot be opened");
  std::ostringstream text;
  text << stream.rdbuf();
  return ParseJson(text.str(), name);
}

}  // namespace tessera
