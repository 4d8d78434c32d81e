// Runs tests/scenarios/measures/*.scenario (format: that folder's README.md) against the real
// tessera binary. Each failed expectation names the file and line.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>

#include "scenario_file/scenario_file.hpp"
#include "support/run_command.hpp"

namespace tessera::testing {
namespace {

using nlohmann::json;

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

  void Line(const scenario::Line& statement) {
    const std::string line = statement.WordsFrom(0);
    where_ = file_ + ":" + std::to_string(statement.number);
    if (statement.words[0] == "run")
      return Run({statement.words.begin() + 1, statement.words.end()});
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
  void Run(const std::vector<std::string>& arguments) {
    Finish();
    command_where_ = where_;
    exit_checked_ = false;
    outcome_ = RunTessera(arguments);
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
  const std::vector<std::string> stems = scenario::Stems(folder);
  for (const std::string& stem : stems) {
    const auto file = scenario::Read(folder / (stem + ".scenario"));
    ASSERT_TRUE(file) << file.error().message();
    ScenarioRunner runner(stem + ".scenario");
    for (const scenario::Line& line : file->lines) runner.Line(line);
    runner.Finish();
    EXPECT_GT(runner.commands(), 0) << stem;
  }
  EXPECT_GE(stems.size(), 3u);
}

}  // namespace
}  // namespace tessera::testing
