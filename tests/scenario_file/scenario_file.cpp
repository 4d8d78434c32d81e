#include "scenario_file/scenario_file.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

namespace tessera::scenario {
namespace {

constexpr std::string_view kBlanks = " \t\r";

std::string_view Trim(std::string_view text) {
  const auto start = text.find_first_not_of(kBlanks);
  if (start == std::string_view::npos) return {};
  return text.substr(start, text.find_last_not_of(kBlanks) - start + 1);
}

Unexpected<Error> LineError(int number, const std::string& message) {
  return InvalidArgument("line " + std::to_string(number) + ": " + message);
}

// A header line is "# key: value"; returns the value, or an error naming the expected key.
Result<std::string> HeaderValue(std::string_view raw, int number, std::string_view key) {
  const std::string prefix = "# " + std::string(key) + ":";
  const std::string_view line = Trim(raw);
  if (!line.starts_with(prefix))
    return LineError(number,
                     "a scenario opens with '# name: <file name>' then '# description: "
                     "<what it shows>'; expected '" +
                         prefix + "'");
  const std::string_view value = Trim(line.substr(prefix.size()));
  if (value.empty()) return LineError(number, "'" + prefix + "' needs a value");
  return std::string(value);
}

Line Statement(std::string_view text, int number) {
  Line line;
  line.number = number;
  std::istringstream words{std::string(text)};
  for (std::string word; words >> word;) line.words.push_back(word);
  const auto space = text.find_first_of(kBlanks);
  if (space != std::string_view::npos) line.rest = std::string(Trim(text.substr(space)));
  return line;
}

}  // namespace

std::string JoinWords(const std::vector<std::string>& words, std::size_t from) {
  std::string out;
  for (std::size_t index = from; index < words.size(); ++index)
    out += (out.empty() ? "" : " ") + words[index];
  return out;
}

std::string Line::WordsFrom(std::size_t from) const { return JoinWords(words, from); }

Result<File> Parse(std::string_view text, std::string_view stem) {
  std::vector<std::string_view> raw_lines;
  for (std::size_t start = 0; start <= text.size();) {
    const auto end = std::min(text.find('\n', start), text.size());
    raw_lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  File file;
  if (raw_lines.size() < 2)
    return LineError(1, "a scenario opens with '# name:' and '# description:' lines");
  TRY_ASSIGN(file.name, HeaderValue(raw_lines[0], 1, "name"));
  if (file.name != stem)
    return LineError(
        1, "the name '" + file.name + "' must equal the file name '" + std::string(stem) + "'");
  TRY_ASSIGN(file.description, HeaderValue(raw_lines[1], 2, "description"));
  for (std::size_t index = 2; index < raw_lines.size(); ++index) {
    const std::string_view line = Trim(raw_lines[index]);
    if (line.empty() || line.front() == '#') continue;
    file.lines.push_back(Statement(line, static_cast<int>(index) + 1));
  }
  if (file.lines.empty()) return LineError(3, "a scenario needs at least one statement");
  return file;
}

Result<File> Read(const std::filesystem::path& path) {
  std::ifstream stream(path);
  if (!stream) return NotFound(path.string() + ": cannot be read");
  std::ostringstream text;
  text << stream.rdbuf();
  auto file = Parse(text.str(), path.stem().string());
  if (!file) return Unexpected(file.error().WithContext(path.string()));
  return file;
}

std::vector<std::string> Stems(const std::filesystem::path& directory) {
  std::vector<std::string> stems;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    if (entry.path().extension() == ".scenario") stems.push_back(entry.path().stem().string());
  }
  std::sort(stems.begin(), stems.end());
  return stems;
}

std::string TestName(std::string stem) {
  std::replace_if(
      stem.begin(), stem.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); },
      '_');
  return stem;
}

}  // namespace tessera::scenario
