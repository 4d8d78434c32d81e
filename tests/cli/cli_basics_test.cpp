// Black-box: the real tessera binary, as a shell user runs it.

#include <gtest/gtest.h>

#include "support/run_command.hpp"

namespace tessera::testing {
namespace {

TEST(CliBasics, HelpExitsZeroAndNamesTheProgram) {
  const CommandOutcome outcome = RunTessera({"--help"});
  EXPECT_EQ(outcome.exit_code, 0);
  EXPECT_NE(outcome.out.find("tessera"), std::string::npos);
}

TEST(CliBasics, NoCommandIsBadInput) {
  const CommandOutcome outcome = RunTessera({});
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_TRUE(outcome.out.empty());
  EXPECT_NE(outcome.err.find("tessera:"), std::string::npos);
}

TEST(CliBasics, UnknownCommandIsBadInputOnOneLine) {
  const CommandOutcome outcome = RunTessera({"frobnicate"});
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_TRUE(outcome.out.empty());
  EXPECT_EQ(outcome.err.find('\n'), outcome.err.size() - 1) << outcome.err;
}

TEST(CliBasics, VersionFlag) {
  const CommandOutcome outcome = RunTessera({"--version"});
  EXPECT_EQ(outcome.exit_code, 0);
  EXPECT_NE(outcome.out.find("tessera 0.1.0"), std::string::npos);
}

}  // namespace
}  // namespace tessera::testing
