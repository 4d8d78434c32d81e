// The commit queue over a real SQLite store: concurrent callers each get their own unit's
// status after the batch committed, a failing unit (or one that throws) fails alone, work
// nests, and the metrics are reported.

#include "http/store_backed/commit_queue.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "store/open_store.hpp"

namespace tessera::http {
namespace {

constexpr const char* kHash =
    "$argon2id$v=19$m=65536,t=3,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";

class RecordingSink final : public MetricsSink {
 public:
  void Increment(std::string_view name, std::uint64_t by) override {
    std::lock_guard lock(mutex_);
    counters_[std::string(name)] += by;
  }
  void ObserveSeconds(std::string_view name, double) override {
    std::lock_guard lock(mutex_);
    ++observations_[std::string(name)];
  }
  std::uint64_t Counter(const std::string& name) {
    std::lock_guard lock(mutex_);
    return counters_[name];
  }
  std::uint64_t Observations(const std::string& name) {
    std::lock_guard lock(mutex_);
    return observations_[name];
  }

 private:
  std::mutex mutex_;
  std::map<std::string, std::uint64_t> counters_;
  std::map<std::string, std::uint64_t> observations_;
};

class CommitQueueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "tessera-queue-XXXXXX").string();
    directory_ = mkdtemp(pattern.data());
    auto setup = Open(store::Creation::kCreateIfMissing);
    const UserId admin =
        setup->CreateUser(AccessContext::Bootstrap(), User{{}, "admin", Role::kAdmin, kHash, {}}).value();
    const UserId ana =
        setup->CreateUser(AccessContext::For(admin), User{{}, "ana", Role::kClinician, kHash, {}}).value();
    ana_ = AccessContext::For(ana);
    client_ = setup->CreateClient(ana_, {"Dana Example", "", "", ""}, {}).value();
    queue_ = std::make_unique<CommitQueue>(Open(store::Creation::kMustExist),
                                           CommitQueue::Options{.metrics = &sink_});
    reader_ = Open(store::Creation::kMustExist);
  }
  void TearDown() override {
    queue_.reset();
    reader_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(directory_, ignored);
  }
  std::unique_ptr<store::SqlStore> Open(store::Creation creation) {
    return store::OpenStore(directory_ + "/clinic.db", clock_, {.creation = creation}).value();
  }
  Status WriteNote(Store& store, const std::string& text) {
    TRY(store.WriteProgressNote(ana_, ProgressNote{{}, client_, std::nullopt, {}, {}, text, std::nullopt}));
    return Ok();
  }
  std::int64_t CommittedNotes() {
    return (*reader_->database().Query("SELECT COUNT(*) FROM progress_notes", {}))[0].Int(0);
  }

  SystemClock clock_;
  std::string directory_;
  AccessContext ana_;
  ClientId client_;
  RecordingSink sink_;
  std::unique_ptr<CommitQueue> queue_;
  std::unique_ptr<store::SqlStore> reader_;
};

TEST_F(CommitQueueTest, ConcurrentCallersEachGetTheirOwnUnitsStatusAfterTheCommit) {
  constexpr int kThreads = 16;
  constexpr int kEach = 10;
  std::atomic<int> succeeded{0};
  std::atomic<int> refused{0};
  std::atomic<int> visible_before_answer{0};
  std::mutex reader_mutex;
  std::vector<std::thread> threads;
  for (int thread_idx = 0; thread_idx < kThreads; ++thread_idx) {
    threads.emplace_back([&, thread_idx] {
      for (int call = 0; call < kEach; ++call) {
        // Every fourth caller's unit writes and then fails: rolled back, the others kept.
        const bool fails = (thread_idx * kEach + call) % 4 == 0;
        const std::string text = "note " + std::to_string(thread_idx) + "/" + std::to_string(call);
        Status done = queue_->Run([&](Store& store) -> Status {
          TRY(WriteNote(store, text));
          if (fails) return InvalidArgument("this unit fails after writing");
          return Ok();
        });
        if (fails) {
          if (!done && done.error().code() == ErrorCode::kInvalidArgument) ++refused;
          continue;
        }
        if (!done) continue;
        ++succeeded;
        // Answered means committed: another connection sees the note (one connection serves
        // one thread at a time).
        std::lock_guard lock(reader_mutex);
        auto rows = reader_->database().Query("SELECT COUNT(*) FROM progress_notes WHERE body = ?",
                                              {text});
        if (rows && (*rows)[0].Int(0) == 1) ++visible_before_answer;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(refused.load(), kThreads * kEach / 4);
  EXPECT_EQ(succeeded.load(), kThreads * kEach - kThreads * kEach / 4);
  EXPECT_EQ(visible_before_answer.load(), succeeded.load());
  EXPECT_EQ(CommittedNotes(), succeeded.load());
  EXPECT_TRUE(reader_->VerifyAudit()->intact());
  // Every unit was counted, in at most as many batches as units.
  EXPECT_EQ(sink_.Counter("tessera_store_batch_units_total"),
            static_cast<std::uint64_t>(kThreads * kEach));
  EXPECT_LE(sink_.Counter("tessera_store_batches_total"),
            static_cast<std::uint64_t>(kThreads * kEach));
  EXPECT_EQ(sink_.Observations("tessera_store_batch_seconds"),
            sink_.Counter("tessera_store_batches_total"));
  EXPECT_EQ(sink_.Observations("tessera_store_queue_wait_seconds"),
            static_cast<std::uint64_t>(kThreads * kEach));
}

TEST_F(CommitQueueTest, AnExceptionFailsOnlyItsUnitAndTheWriterCarriesOn) {
  Status thrown = queue_->Run([&](Store& store) -> Status {
    TRY(WriteNote(store, "before the throw"));
    throw std::runtime_error("boom");
  });
  ASSERT_FALSE(thrown);
  EXPECT_EQ(thrown.error().code(), ErrorCode::kInternal);
  EXPECT_TRUE(queue_->Run([&](Store& store) { return WriteNote(store, "after"); }));
  EXPECT_EQ(CommittedNotes(), 1);
}

TEST_F(CommitQueueTest, WorkQueuedFromInsideAUnitRunsInThatUnit) {
  Status outer = queue_->Run([&](Store& store) -> Status {
    TRY(WriteNote(store, "outer"));
    // On the writer thread: runs at once, in the same unit (no deadlock).
    return queue_->Run([&](Store& same) { return WriteNote(same, "inner"); });
  });
  EXPECT_TRUE(outer);
  EXPECT_EQ(CommittedNotes(), 2);
}

}  // namespace
}  // namespace tessera::http
