// Group commit (Store::RunBatch): many independent units of work in one transaction, each in
// its own savepoint, one commit (one fsync) for all of them.

#include "store/sql/sql_store.hpp"

namespace tessera::store {
namespace {

// One name is enough: units run one after another, never nested in each other.
constexpr std::string_view kSavepoint = "SAVEPOINT tessera_unit";
constexpr std::string_view kRelease = "RELEASE SAVEPOINT tessera_unit";
constexpr std::string_view kRollbackTo = "ROLLBACK TO SAVEPOINT tessera_unit";

}  // namespace

Status SqlStore::AuditPendingDenialInBatch() {
  if (!pending_denial_) return Ok();
  const Denial denial = std::move(*pending_denial_);
  pending_denial_.reset();
  return Audit(denial.context, denial.client, AuditAction::kDeny, denial.record_type,
               denial.record_id, denial.sensitivity);
}

Result<Status> SqlStore::RunUnit(const std::function<Status()>& unit) {
  TRY(database_->Execute(kSavepoint));
  const std::uint64_t alerts_before = uncommitted_alerts_;
  // The chain's head as the savepoint has it: undoing the unit's entries undoes its moves.
  const std::optional<AuditHead> head_before = audit_head_;
  Status outcome = unit();
  if (outcome) {
    // A refusal the unit chose to handle itself is still recorded; kept until the release
    // holds, since rolling back below would undo its entry too.
    const std::optional<Denial> handled_denial = pending_denial_;
    TRY(AuditPendingDenialInBatch());
    // Releasing can fail when a statement of the unit failed but the unit carried on
    // (PostgreSQL then refuses everything until the savepoint is rolled back): the unit fails.
    Status released = database_->Execute(kRelease);
    if (released) return outcome;
    outcome = Propagate(released.error());
    pending_denial_ = handled_denial;
  }
  // Like a refused call outside a batch: everything the unit did is undone, then the denial
  // is recorded (here, in the batch's transaction rather than one of its own).
  views_.Clear();  // a view read or advanced by the undone unit must not outlive it
  TRY(database_->Execute(kRollbackTo));
  uncommitted_alerts_ = alerts_before;
  audit_head_ = head_before;
  TRY(AuditPendingDenialInBatch());
  TRY(database_->Execute(kRelease));
  return outcome;
}

std::vector<Status> SqlStore::RunBatch(const std::vector<std::function<Status()>>& units) {
  std::vector<Status> outcomes(units.size(), Ok());
  if (units.empty()) return outcomes;
  const auto fail_all = [&outcomes](const Error& cause) {
    for (Status& outcome : outcomes)
      outcome = Unavailable("the store could not commit this batch: " + cause.message());
  };
  if (transaction_depth_ > 0) {
    fail_all(Error(ErrorCode::kInternal, "a batch cannot run inside a transaction"));
    return outcomes;
  }
  if (Status began = BeginTransaction(); !began) {
    fail_all(began.error());
    return outcomes;
  }
  ++transaction_depth_;
  std::optional<Error> batch_failure;
  for (std::size_t unit_idx = 0; unit_idx < units.size() && !batch_failure; ++unit_idx) {
    Result<Status> ran = RunUnit(units[unit_idx]);
    if (!ran) {
      batch_failure = ran.error();
    } else {
      outcomes[unit_idx] = std::move(*ran);
    }
  }
  --transaction_depth_;
  pending_denial_.reset();
  if (batch_failure) {
    (void)FinishTransaction(false);
    fail_all(*batch_failure);
    return outcomes;
  }
  // Every unit's answer waits for this commit: an acknowledged unit is durable.
  if (Status committed = FinishTransaction(true); !committed) fail_all(committed.error());
  return outcomes;
}

}  // namespace tessera::store
