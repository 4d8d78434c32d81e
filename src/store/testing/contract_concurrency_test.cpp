// The store contract, part 3: concurrent writers on separate connections never lose an update.

#include <thread>

#include "store/testing/store_fixture.hpp"

namespace tessera::store::testing {
namespace {

PlanVersion Revision(const std::string& reason) {
  return PlanVersion{0, R"({"phases":[]})", reason, {}, {}, {}, {}};
}

TEST_P(StoreContract, TwoEditorsOfTheSameVersionGetOneSuccessAndOneConflict) {
  EpisodeId episode;
  const ClientId client = NewClient("Dana Example", &episode);
  auto plan = store().CreatePlan(ana(), Plan{{}, client, episode, {Revision("initial plan")}});
  ASSERT_TRUE(plan);
  auto other = scratch().Connect(clock());
  ASSERT_TRUE(other);
  const std::int64_t seen_by_first = store().GetPlan(ana(), *plan)->versions.back().version;
  const std::int64_t seen_by_second = other->GetPlan(ana(), *plan)->versions.back().version;
  ASSERT_TRUE(store().RevisePlan(ana(), *plan, seen_by_first, Revision("first editor")));
  auto second = other->RevisePlan(ana(), *plan, seen_by_second, Revision("second editor"));
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code(), ErrorCode::kConflict);
  EXPECT_NE(second.error().message().find("reload and retry"), std::string::npos);
}

TEST_P(StoreContract, ConcurrentPlanEditsNeverLoseAnUpdate) {
  EpisodeId episode;
  const ClientId client = NewClient("Dana Example", &episode);
  auto plan = store().CreatePlan(ana(), Plan{{}, client, episode, {Revision("initial plan")}});
  ASSERT_TRUE(plan);
  constexpr int kEditors = 4;
  constexpr int kEditsEach = 8;
  std::vector<std::unique_ptr<SqlStore>> connections;
  for (int editor = 0; editor < kEditors; ++editor)
    connections.push_back(scratch().Connect(clock()));
  std::vector<int> conflicts(kEditors, 0);
  std::vector<std::string> failures(kEditors);
  std::vector<std::thread> threads;
  for (int editor = 0; editor < kEditors; ++editor) {
    threads.emplace_back([&, editor] {
      SqlStore& connection = *connections[editor];
      for (int edit = 0; edit < kEditsEach;) {
        // Read-modify-write with the version check; on Conflict reload and retry.
        auto current = connection.GetPlan(ana(), *plan);
        if (!current) {
          failures[editor] = current.error().message();
          return;
        }
        auto revised = connection.RevisePlan(ana(), *plan, current->versions.back().version,
                                             Revision("editor " + std::to_string(editor)));
        if (revised) {
          ++edit;
          continue;
        }
        if (revised.error().code() != ErrorCode::kConflict) {
          failures[editor] = revised.error().message();
          return;
        }
        ++conflicts[editor];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const std::string& failure : failures) EXPECT_EQ(failure, "");
  auto final_plan = store().GetPlan(ana(), *plan);
  ASSERT_TRUE(final_plan);
  ASSERT_EQ(final_plan->versions.size(), 1u + kEditors * kEditsEach);
  std::map<std::string, int> per_editor;
  for (std::size_t index = 0; index < final_plan->versions.size(); ++index) {
    EXPECT_EQ(final_plan->versions[index].version, static_cast<std::int64_t>(index + 1));
    ++per_editor[final_plan->versions[index].reason];
  }
  for (int editor = 0; editor < kEditors; ++editor)
    EXPECT_EQ(per_editor["editor " + std::to_string(editor)], kEditsEach);
  EXPECT_TRUE(store().VerifyAudit()->intact());
}

}  // namespace
}  // namespace tessera::store::testing
