// The one scenario grammar: header, comments, statements, and errors that name the line.

#include "scenario_file/scenario_file.hpp"

#include <gtest/gtest.h>

namespace tessera::scenario {
namespace {

TEST(ScenarioFile, ReadsHeaderCommentsAndStatements) {
  const auto file = Parse(
      "# name: risk\n# description: Item 9 endorsed\n\n# a comment\n  session 1 phq9 15\n"
      "goal feel  less alone\n",
      "risk");
  ASSERT_TRUE(file.has_value()) << file.error().message();
  EXPECT_EQ(file->name, "risk");
  EXPECT_EQ(file->description, "Item 9 endorsed");
  ASSERT_EQ(file->lines.size(), 2u);
  EXPECT_EQ(file->lines[0].number, 5);
  EXPECT_EQ(file->lines[0].words, (std::vector<std::string>{"session", "1", "phq9", "15"}));
  EXPECT_EQ(file->lines[0].WordsFrom(2), "phq9 15");
  EXPECT_EQ(file->lines[1].rest, "feel  less alone");
}

TEST(ScenarioFile, RefusesBadHeadersNamingTheLineAndTheRule) {
  const struct {
    const char* text;
    const char* message;
  } cases[] = {
      {"title: old style\nexpect x\n", "line 1: a scenario opens with '# name: <file name>'"},
      {"# name: other\n# description: d\nexpect x\n",
       "line 1: the name 'other' must equal the file name 'risk'"},
      {"# name: risk\nexpect x\n", "line 2: a scenario opens with"},
      {"# name: risk\n# description:\nexpect x\n", "line 2: '# description:' needs a value"},
      {"# name: risk\n# description: d\n# only comments\n", "line 3: a scenario needs at least"},
  };
  for (const auto& test_case : cases) {
    const auto file = Parse(test_case.text, "risk");
    ASSERT_FALSE(file.has_value()) << test_case.text;
    EXPECT_NE(file.error().message().find(test_case.message), std::string::npos)
        << file.error().message();
  }
}

TEST(ScenarioFile, EveryShippedScenarioFollowsTheGrammar) {
  const auto root = std::filesystem::path(TESSERA_SOURCE_DIR) / "tests" / "scenarios";
  int files = 0;
  for (const auto& folder : std::filesystem::directory_iterator(root)) {
    if (!folder.is_directory()) continue;
    for (const auto& stem : Stems(folder.path())) {
      const auto file = Read(folder.path() / (stem + ".scenario"));
      EXPECT_TRUE(file.has_value()) << file.error().message();
      ++files;
    }
  }
  EXPECT_GE(files, 80);
}

TEST(ScenarioFile, TestNamesAreIdentifiers) {
  EXPECT_EQ(TestName("phq9-gad7"), "phq9_gad7");
  EXPECT_EQ(TestName("01_depression"), "01_depression");
}

}  // namespace
}  // namespace tessera::scenario
