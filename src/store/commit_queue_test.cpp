// The commit queue over a real SQLite store: concurrent callers each get their own unit's
// status after the batch committed, a failing unit (or one that throws) fails alone, work
// nests, and the metrics are reported. Submitted units (no waiting caller) are told only after
// their batch committed, all of them when it fails, and when the queue stops. No timing: the
// writer is held inside a unit until the test lets it go.

#include "store/commit_queue.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <latch>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "store/open_store.hpp"
#include "store/sql/sql_store.hpp"
#include "store/testing/writer_hold.hpp"

namespace tessera::store {
namespace {

constexpr const char* kHash =
    "$argon2id$v=19$m=65536,t=3,p=1$c2FsdHNhbHRzYWx0c2FsdA$"
    "aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";

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

using testing::WriterHold;

// What submitted units were told, in the order told.
class Outcomes {
 public:
  explicit Outcomes(std::ptrdiff_t expected) : all_told_(expected) {}
  CommitQueue::Completion Record(std::function<void()> also = {}) {
    return [this, also = std::move(also)](Status outcome) {
      if (also) also();
      {
        std::lock_guard lock(mutex_);
        told_.push_back(std::move(outcome));
      }
      all_told_.count_down();
    };
  }
  std::vector<Status> Wait() {
    all_told_.wait();
    std::lock_guard lock(mutex_);
    return told_;
  }
  std::size_t CountSoFar() {
    std::lock_guard lock(mutex_);
    return told_.size();
  }

 private:
  std::mutex mutex_;
  std::vector<Status> told_;
  std::latch all_told_;
};

class CommitQueueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "tessera-queue-XXXXXX").string();
    directory_ = mkdtemp(pattern.data());
    auto setup = Open(store::Creation::kCreateIfMissing);
    const UserId admin =
        setup->CreateUser(AccessContext::Bootstrap(), User{{}, "admin", Role::kAdmin, kHash, {}})
            .value();
    const UserId ana =
        setup->CreateUser(AccessContext::For(admin), User{{}, "ana", Role::kClinician, kHash, {}})
            .value();
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
    TRY(store.WriteProgressNote(
        ana_, ProgressNote{{}, client_, std::nullopt, {}, {}, text, std::nullopt}));
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
        auto rows =
            reader_->database().Query("SELECT COUNT(*) FROM progress_notes WHERE body = ?", {text});
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

TEST_F(CommitQueueTest, SubmittedUnitsAreToldOnlyAfterTheirBatchCommitted) {
  constexpr int kUnits = 12;
  Outcomes outcomes(kUnits);
  std::atomic<int> visible_when_told{0};
  {
    WriterHold hold(*queue_);
    for (int unit_idx = 0; unit_idx < kUnits; ++unit_idx) {
      const std::string text = "note " + std::to_string(unit_idx);
      queue_->Submit([this, text](Store& store) { return WriteNote(store, text); },
                     outcomes.Record([this, text, &visible_when_told] {
                       // Told means committed: another connection sees the note already.
                       auto rows = reader_->database().Query(
                           "SELECT COUNT(*) FROM progress_notes WHERE body = ?", {text});
                       if (rows && (*rows)[0].Int(0) == 1) ++visible_when_told;
                     }));
    }
    // Submit returned twelve times while the writer was busy: nobody waited, nobody was told.
    EXPECT_EQ(outcomes.CountSoFar(), 0u);
    EXPECT_EQ(CommittedNotes(), 0);
  }
  for (const Status& outcome : outcomes.Wait()) EXPECT_TRUE(outcome);
  EXPECT_EQ(visible_when_told.load(), kUnits);
  EXPECT_EQ(CommittedNotes(), kUnits);
  // They queued up while the writer was busy, so one batch (after the holding one) took all.
  EXPECT_EQ(sink_.Counter("tessera_store_batches_total"), 2u);
  EXPECT_EQ(sink_.Counter("tessera_store_batch_units_total"), kUnits + 1u);
}

TEST_F(CommitQueueTest, AFailedCommitTellsEveryUnitOfTheBatchAndStoresNothing) {
  constexpr int kWriters = 4;
  Outcomes outcomes(kWriters + 1);
  {
    WriterHold hold(*queue_);
    for (int unit_idx = 0; unit_idx < kWriters; ++unit_idx) {
      queue_->Submit(
          [this, unit_idx](Store& store) {
            return WriteNote(store, "lost " + std::to_string(unit_idx));
          },
          outcomes.Record());
    }
    // The batch's transaction is lost under the units (as when a PostgreSQL connection is
    // cut): what was written is gone and the batch cannot commit.
    queue_->Submit(
        [](Store& store) -> Status {
          return dynamic_cast<store::SqlStore&>(store).database().Execute("ROLLBACK");
        },
        outcomes.Record());
  }
  const std::vector<Status> told = outcomes.Wait();
  ASSERT_EQ(told.size(), kWriters + 1u);
  for (const Status& outcome : told) {
    ASSERT_FALSE(outcome);
    EXPECT_EQ(outcome.error().code(), ErrorCode::kUnavailable) << outcome.error().message();
  }
  EXPECT_EQ(CommittedNotes(), 0);
  // The writer carries on with the next batch.
  EXPECT_TRUE(queue_->Run([&](Store& store) { return WriteNote(store, "after"); }));
  EXPECT_EQ(CommittedNotes(), 1);
  EXPECT_TRUE(reader_->VerifyAudit()->intact());
}

TEST_F(CommitQueueTest, StoppingFinishesTheQueuedUnitsAndTellsThem) {
  constexpr int kUnits = 5;
  Outcomes outcomes(kUnits);
  auto hold = std::make_unique<WriterHold>(*queue_);
  for (int unit_idx = 0; unit_idx < kUnits; ++unit_idx) {
    queue_->Submit(
        [this, unit_idx](Store& store) {
          return WriteNote(store, "queued " + std::to_string(unit_idx));
        },
        outcomes.Record());
  }
  // The destructor waits for the writer, which is still held with five units queued.
  std::thread stopper([this] { queue_.reset(); });
  hold->Release();
  stopper.join();
  for (const Status& outcome : outcomes.Wait()) EXPECT_TRUE(outcome);
  EXPECT_EQ(CommittedNotes(), kUnits);
}

TEST_F(CommitQueueTest, ASubmittedUnitThatThrowsFailsAloneAndItsCompletionIsTold) {
  Outcomes outcomes(3);
  {
    WriterHold hold(*queue_);
    queue_->Submit([this](Store& store) { return WriteNote(store, "first"); }, outcomes.Record());
    queue_->Submit(
        [this](Store& store) -> Status {
          TRY(WriteNote(store, "thrown away"));
          throw std::runtime_error("boom");
        },
        outcomes.Record());
    queue_->Submit([this](Store& store) { return WriteNote(store, "third"); }, outcomes.Record());
  }
  const std::vector<Status> told = outcomes.Wait();
  ASSERT_EQ(told.size(), 3u);
  EXPECT_TRUE(told[0]);
  ASSERT_FALSE(told[1]);
  EXPECT_EQ(told[1].error().code(), ErrorCode::kInternal);
  EXPECT_TRUE(told[2]);
  EXPECT_EQ(CommittedNotes(), 2);
}

TEST_F(CommitQueueTest, ACompletionThatThrowsDoesNotStopTheWriter) {
  Outcomes outcomes(1);
  queue_->Submit([this](Store& store) { return WriteNote(store, "one"); },
                 [](Status) { throw std::runtime_error("completion failed"); });
  queue_->Submit([this](Store& store) { return WriteNote(store, "two"); }, outcomes.Record());
  EXPECT_TRUE(outcomes.Wait().at(0));
  EXPECT_EQ(CommittedNotes(), 2);
}

TEST_F(CommitQueueTest, WorkSubmittedFromInsideAUnitIsToldAfterTheEnclosingCommit) {
  std::optional<Status> inner;
  bool told_inside_the_unit = false;
  std::int64_t notes_when_told = -1;
  Status outer = queue_->Run([&](Store& store) -> Status {
    TRY(WriteNote(store, "outer"));
    queue_->Submit([&](Store& same) { return WriteNote(same, "inner"); },
                   [&](Status outcome) {
                     inner = std::move(outcome);
                     notes_when_told = CommittedNotes();
                   });
    told_inside_the_unit = inner.has_value();
    return Ok();
  });
  EXPECT_TRUE(outer);
  EXPECT_FALSE(told_inside_the_unit);
  ASSERT_TRUE(inner.has_value());
  EXPECT_TRUE(*inner);
  EXPECT_EQ(notes_when_told, 2);  // both committed, in the one unit, before it was told

  // When the enclosing unit fails, the nested work (rolled back with it) is told its error.
  inner.reset();
  Status failed = queue_->Run([&](Store& store) -> Status {
    queue_->Submit([&](Store& same) { return WriteNote(same, "rolled back"); },
                   [&](Status outcome) { inner = std::move(outcome); });
    TRY(WriteNote(store, "also rolled back"));
    return Conflict("the enclosing unit fails");
  });
  ASSERT_FALSE(failed);
  ASSERT_TRUE(inner.has_value());
  ASSERT_FALSE(*inner);
  EXPECT_EQ(inner->error().code(), ErrorCode::kConflict);
  EXPECT_EQ(CommittedNotes(), 2);
}

}  // namespace
}  // namespace tessera::store
