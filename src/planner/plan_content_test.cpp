// The stored plan document's format: written by one writer, read by one reader; content stored
// before the field existed is format 1.

#include "planner/plan_content.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "planner/plan_output.hpp"

namespace tessera::planner {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kOldContent = R"({"strategy": "eclectic", "requested_strategy": "eclectic",
  "phases": [{"name": "Skills", "phase": "skills", "models": ["cbt"], "techniques": [],
              "goals": [], "sessions": 6, "review_at_session": 6, "switch_criteria": [],
              "switch_triggers": []}],
  "common_factors": [], "excluded": [], "offered_options": []})";

TEST(PlanContent, ContentWithoutAFormatIsFormatOne) {
  auto read = ReadPlanContent<Json>(kOldContent);
  ASSERT_TRUE(read) << read.error().message();
  EXPECT_EQ(PlanContentFormat(*read), 1);
  EXPECT_EQ((*read)["phases"][0]["phase"], "skills");
  // Rewritten, it carries the format and keeps everything else.
  const Json rewritten = Json::parse(WritePlanContent(*read));
  EXPECT_EQ(rewritten["format"], kPlanContentFormat);
  Json without = rewritten;
  without.erase("format");
  EXPECT_EQ(without, Json::parse(kOldContent));
}

TEST(PlanContent, OldAndNewContentReadTheSame) {
  Json current = Json::parse(kOldContent);
  current["format"] = 1;
  const auto old_summary = PlanContentSummary(kOldContent);
  const auto new_summary = PlanContentSummary(current.dump());
  ASSERT_TRUE(old_summary && new_summary);
  EXPECT_EQ(*old_summary, *new_summary);
}

TEST(PlanContent, AFormatThisTesseraDoesNotKnowIsRefusedByName) {
  Json newer = Json::parse(kOldContent);
  newer["format"] = kPlanContentFormat + 1;
  auto read = ReadPlanContent<Json>(newer.dump());
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().message(), "plan content: format 2 is not one this tessera reads (1..1)");
  EXPECT_FALSE(ReadPlanContent<Json>(R"({"format": "1"})"));
  EXPECT_FALSE(ReadPlanContent<Json>("[1, 2]"));
  EXPECT_FALSE(ReadPlanContent<Json>("{not json"));
}

}  // namespace
}  // namespace tessera::planner
