// Runs tests/scenarios/measures/*.scenario (format: that folder's README.md) against the real
// tessera binary. Each failed expectation names the file and line.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/run_command.hpp"

namespace tessera::testing {
namespace {

using nlohmann::json;

std::string Trim(const std::string& text) {
  const size_t first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  const size_t last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

std::vector<std::string> Words(const std::string& text) {
  std::istringstream stream(text);
  std::vector<std::string> words;
  for (std::string word; stream >> word;) words.push_back(word);
  return words;
}

// A field of the printed JSON by its path: "total", or "screening.symptoms" for a nested one.
const json* Lookup(const json& document, const std::string& path) {
  const json* current = &document;
  size_t start = 0;
  while (true) {
    const size_t dot = path.find('.', start);
    const std::string key = path.substr(start, dot == std::string::npos ? dot : dot - start);
    if (!current->is_object() || !current->contains(key)) return nullptr;
    current = &current->at(key);
    if (dot == std::string::npos) return current;
    start = dot + 1;
  }
}

std::string Display(const json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

class ScenarioRunner {
 public:
  explicit ScenarioRunner(std::string file) : file_(std::move(file)) {}

  void Line(int line_number, const std::string& raw) {
    const std::string line = Trim(raw);
    if (line.empty() || line[0] == '#') return;
    where_ = file_ + ":" + std::to_string(line_number);
    if (line.rfind("run ", 0) == 0) return Run(Trim(line.substr(0, line.find('#')).substr(4)));
    ASSERT_TRUE(ran_) << where_ << ": an expectation before any `run`";
    if (line.rfind("exit ", 0) == 0) {
      exit_checked_ = true;
      EXPECT_EQ(outcome_.exit_code, std::stoi(line.substr(5))) << where_ << "\n" << outcome_.err;
      return;
    }
    if (line.rfind("error contains ", 0) == 0) {
      const std::string text = line.substr(15);
      EXPECT_NE(outcome_.err.find(text), std::string::npos)
          << where_ << ": stderr was " << outcome_.err;
      EXPECT_TRUE(outcome_.out.empty()) << where_ << ": stdout must be empty on bad input";
      return;
    }
    const size_t equals = line.find(" = ");
    ASSERT_TRUE(parsed_) << where_ << ": stdout is not JSON: " << outcome_.out << outcome_.err;
    for (const std::string keyword : {" contains ", " lacks "}) {
      const size_t at = line.find(keyword);
      if (at == std::string::npos || (equals != std::string::npos && equals < at)) continue;
      const std::string field = line.substr(0, at);
      const std::string id = line.substr(at + keyword.size());
      const json* list = Lookup(output_, field);
      ASSERT_TRUE(list != nullptr && list->is_array())
          << where_ << ": no array '" << field << "' in " << output_.dump();
      bool found = false;
      for (const json& entry : *list)
        found = found || (entry.is_object() && entry.value("id", "") == id);
      EXPECT_EQ(found, keyword == " contains ")
          << where_ << ": " << field << keyword << "'" << id << "': " << output_.dump();
      return;
    }
    ASSERT_NE(equals, std::string::npos) << where_ << ": cannot read '" << line << "'";
    const std::string field = line.substr(0, equals);
    const std::string expected = line.substr(equals + 3);
    const json* value = Lookup(output_, field);
    ASSERT_TRUE(value != nullptr) << where_ << ": no field '" << field << "' in " << output_.dump();
    EXPECT_EQ(Display(*value), expected) << where_;
  }

  int commands() const { return commands_; }

  /// A command without an `exit` line must have succeeded.
  void Finish() {
    if (ran_ && !exit_checked_) {
      EXPECT_EQ(outcome_.exit_code, 0) << command_where_ << ": " << outcome_.err;
    }
  }

 private:
  void Run(const std::string& command) {
    Finish();
    command_where_ = where_;
    exit_checked_ = false;
    outcome_ = RunTessera(Words(command));
    ran_ = true;
    ++commands_;
    parsed_ = false;
    if (outcome_.exit_code == 0) {
      try {
        output_ = json::parse(outcome_.out);
        parsed_ = true;
      } catch (const json::exception&) {
      }
    }
  }

  std::string file_;
  std::string where_;
  CommandOutcome outcome_;
  json output_;
  bool ran_ = false;
  bool parsed_ = false;
  std::string command_where_;
  bool exit_checked_ = false;
  int commands_ = 0;
};

TEST(MeasuresScenarios, EveryScenarioFileHolds) {
  const std::filesystem::path folder =
      std::filesystem::path(TESSERA_SOURCE_DIR) / "tests" / "scenarios" / "measures";
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (entry.path().extension() != ".scenario") continue;
    ++files;
    ScenarioRunner runner(entry.path().filename().string());
    std::ifstream stream(entry.path());
    int line_number = 0;
    for (std::string line; std::getline(stream, line);) runner.Line(++line_number, line);
    runner.Finish();
    EXPECT_GT(runner.commands(), 0) << entry.path();
  }
  EXPECT_GE(files, 3);
}

}  // namespace
}  // namespace tessera::testing
