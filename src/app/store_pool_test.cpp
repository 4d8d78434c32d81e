#include "app/store_pool.hpp"

#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "app/app_test_fixture.hpp"
#include "store/open_store.hpp"
#include "store/sql/sql_store.hpp"

namespace tessera::app {
namespace {

TEST(StorePool, RefusesAnEmptyPoolAndReportsTheFirstOpenFailure) {
  auto empty = StorePool::Create([]() -> Result<std::unique_ptr<Store>> { return nullptr; }, 0);
  ASSERT_FALSE(empty);
  auto failing = StorePool::Create(
      []() -> Result<std::unique_ptr<Store>> { return Unavailable("no database"); }, 2);
  ASSERT_FALSE(failing);
  EXPECT_EQ(failing.error().message(), "no database");
}

TEST(StorePool, HandsEachConnectionToOneHolderAtATime) {
  FakeClock clock(TimePoint{});
  auto scratch = store::testing::ScratchStore::Create(store::StoreKind::kSqlite, clock);
  ASSERT_TRUE(scratch);
  auto pool = StorePool::Create(
      [&]() -> Result<std::unique_ptr<Store>> { return std::unique_ptr<Store>(scratch->Connect(clock)); },
      2);
  ASSERT_TRUE(pool) << pool.error().message();
  std::set<Store*> distinct;
  {
    auto first = (*pool)->Acquire();
    auto second = (*pool)->Acquire();
    distinct = {&first.store(), &second.store()};
  }
  EXPECT_EQ(distinct.size(), 2u);
  // Four threads share two connections; each counts users through its lease.
  std::atomic<int> successes{0};
  std::vector<std::thread> threads;
  for (int thread_idx = 0; thread_idx < 4; ++thread_idx) {
    threads.emplace_back([&] {
      for (int call_idx = 0; call_idx < 20; ++call_idx) {
        auto lease = (*pool)->Acquire();
        if (lease.store().CountUsers()) ++successes;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(successes.load(), 80);
}

}  // namespace
}  // namespace tessera::app
