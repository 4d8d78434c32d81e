// Transactions, access checks and helpers shared by every SqlStore operation.

#include "store/sql/sql_store.hpp"

#include <utility>

#include "core/records/names.hpp"

namespace tessera::store {

SqlStore::SqlStore(std::unique_ptr<Database> database, const Clock& clock)
    : database_(std::move(database)), clock_(clock) {}

Status SqlStore::BeginTransaction() {
  TRY(database_->Begin());
  // Every transaction appends to the one audit chain, so writers are serialised on the chain's
  // head row from the start (PostgreSQL: row lock; SQLite: BEGIN IMMEDIATE already did it).
  // Taking it first means no transaction can read state another one is about to change.
  Result<SqlRows> head =
      database_->Query("SELECT entry_count, head_hash FROM audit_head WHERE id = 1" +
                           std::string(database_->RowLockSuffix()),
                       {});
  if (!head || head->empty()) {
    views_.Clear();
    (void)database_->Rollback();
    if (!head) return Propagate(head.error());
    return DataLoss("the audit anchor row is missing");
  }
  // The chain's head is kept here for the transaction and written back once, before the commit.
  audit_head_ = AuditHead{(*head)[0].Int(0), (*head)[0].Text(1), false};
  return Ok();
}

Status SqlStore::FinishTransaction(bool succeeded) {
  const std::uint64_t alerts = std::exchange(uncommitted_alerts_, 0);
  supervised_clients_.clear();
  // A view read or advanced inside undone work must not outlive it (client_views.hpp).
  if (succeeded) {
    if (Status flushed = FlushAuditHead(); !flushed) {
      views_.Clear();
      audit_head_.reset();
      (void)database_->Rollback();
      return flushed;
    }
  }
  audit_head_.reset();
  if (!succeeded) {
    views_.Clear();
    (void)database_->Rollback();
    return Ok();
  }
  Status committed = database_->Commit();
  if (!committed) {
    views_.Clear();
    (void)database_->Rollback();
    return committed;
  }
  if (metrics_ != nullptr && alerts > 0) metrics_->Increment("tessera_alerts_raised_total", alerts);
  return committed;
}

void SqlStore::AbandonTransaction() {
  --transaction_depth_;
  pending_denial_.reset();  // the refusal, if any, is not what failed
  (void)FinishTransaction(false);
}

void SqlStore::NoteDenial(const AccessContext& context, std::optional<ClientId> client,
                          std::string_view record_type, std::string record_id,
                          Sensitivity sensitivity) {
  // The first refusal is what the caller sees; later ones in the same transaction follow from it.
  if (!pending_denial_)
    pending_denial_ =
        Denial{context, client, std::string(record_type), std::move(record_id), sensitivity};
}

void SqlStore::RecordPendingDenial() {
  if (!pending_denial_) return;
  // A refused attempt is itself worth auditing, but its own transaction has been rolled back
  // (with everything it did); so the denial gets a transaction of its own. If even that fails,
  // the caller still gets the refusal: failing to record it must not turn into access.
  const Denial denial = std::move(*pending_denial_);
  pending_denial_.reset();
  if (!BeginTransaction()) return;
  const Status recorded = Audit(denial.context, denial.client, AuditAction::kDeny,
                                denial.record_type, denial.record_id, denial.sensitivity);
  (void)FinishTransaction(recorded.has_value());
}

Status SqlStore::Atomically(const std::function<Status()>& work) {
  return Transact([&]() -> Status { return work(); });
}

std::string SqlStore::Now() const { return FormatUtc(clock_.Now()); }

Result<std::int64_t> SqlStore::ClientRevision(ClientId client) {
  TRY_ASSIGN(SqlRows rows, database_->Query("SELECT revision FROM client_revisions WHERE "
                                            "client_id = ?",
                                            {client.value()}));
  return rows.empty() ? 0 : rows[0].Int(0);
}

Result<std::optional<std::int64_t>> SqlStore::RevisionIfViewed(ClientId client) {
  if (!views_.Holds(client)) return std::optional<std::int64_t>();
  TRY_ASSIGN(std::int64_t revision, ClientRevision(client));
  return std::optional<std::int64_t>(revision);
}

Result<std::int64_t> SqlStore::InsertReturningId(std::string_view sql, const SqlParams& params) {
  TRY_ASSIGN(SqlRows rows, database_->Query(sql, params));
  if (rows.size() != 1) return Internal("insert returned no id");
  return rows[0].Int(0);
}

Result<Role> SqlStore::ActorRole(const AccessContext& context) {
  if (!context.actor) return Unauthenticated("this needs a signed-in account");
  TRY_ASSIGN(SqlRows rows,
             database_->Query("SELECT role FROM users WHERE id = ? AND status = 'active'",
                              {context.actor->value()}));
  if (rows.empty()) return Unauthenticated("the acting account does not exist or is disabled");
  auto role = ParseRole(rows[0].Text(0));
  if (!role) return DataLoss("the acting account has a corrupt role");
  return *role;
}

Status SqlStore::RequireRole(const AccessContext& context, std::initializer_list<Role> allowed,
                             std::string_view doing) {
  TRY_ASSIGN(Role role, ActorRole(context));
  for (Role candidate : allowed)
    if (candidate == role) return Ok();
  NoteDenial(context, std::nullopt, "permission", std::string(doing), Sensitivity::kAdministrative);
  return PermissionDenied("a " + std::string(Name(role)) + " account may not " +
                          std::string(doing));
}

Result<std::int64_t> SqlStore::RequireClientAccess(const AccessContext& context, ClientId client) {
  if (!context.actor) return Unauthenticated("this needs a signed-in account");
  // The actor's role and every source of access in one query (this runs in every client call).
  // Access comes from the care team, from an unexpired break-glass grant (clinicians and
  // supervisors), or, for a client account, from being linked to this very record.
  const std::int64_t actor = context.actor->value();
  TRY_ASSIGN(
      SqlRows rows,
      database_->Query("SELECT u.role, CASE WHEN c.id IS NULL THEN 0 ELSE 1 END, "
                       "(SELECT COUNT(*) FROM care_team_members m "
                       "WHERE m.client_id = c.id AND m.user_id = u.id), "
                       "(SELECT COUNT(*) FROM break_glass_grants g "
                       "WHERE g.client_id = c.id AND g.user_id = u.id AND g.expires_at > ?), "
                       "CASE WHEN u.client_id = c.id THEN 1 ELSE 0 END, "
                       "(SELECT r.revision FROM client_revisions r WHERE r.client_id = c.id), "
                       "(SELECT COUNT(*) FROM care_team_members ctl CROSS JOIN team_members "
                       "tcl CROSS JOIN team_members tsu WHERE ctl.client_id = c.id AND "
                       "ctl.role = 'lead' AND tcl.user_id = ctl.user_id AND tcl.role = "
                       "'clinician' AND tsu.team_id = tcl.team_id AND tsu.role = 'supervisor' "
                       "AND tsu.user_id = u.id) "
                       "FROM users u LEFT JOIN clients c ON c.id = ? "
                       "WHERE u.id = ? AND u.status = 'active'",
                       {Now(), client.value(), actor}));
  if (rows.empty()) return Unauthenticated("the acting account does not exist or is disabled");
  const SqlRow& row = rows[0];
  auto role = ParseRole(row.Text(0));
  if (!role) return DataLoss("the acting account has a corrupt role");
  const auto decide = [&]() {
    if (row.Int(1) == 0) return ClientAccess::kDenied;  // no such client
    if (*role == Role::kClient)
      return row.Int(4) > 0 ? ClientAccess::kAllowed : ClientAccess::kDenied;
    const bool break_glass = row.Int(3) > 0 && *role != Role::kAdmin;
    return DecideClientAccess(*role, row.Int(2) > 0 || break_glass);
  };
  // One message for "does not exist" and "not yours", so ids cannot be probed.
  if (decide() == ClientAccess::kDenied) {
    // Supervision (docs/decisions/0210-supervision-read-access.md): a supervisor of the team of
    // the client's lead clinician may read, never write; the reason is audited once per client
    // and transaction, and Audit refuses anything but a read of this client from here on.
    if (*role != Role::kSupervisor || row.Int(1) == 0 || row.Int(6) == 0) {
      NoteDenial(context, client, "client", std::to_string(client.value()), Sensitivity::kClinical);
      return NotFound("client " + std::to_string(client.value()) + " not found");
    }
    if (supervised_clients_.insert(client.value()).second) {
      TRY(Audit(context, client, AuditAction::kRead, "supervision", std::to_string(client.value()),
                Sensitivity::kClinical));
    }
  }
  return row.IsNull(5) ? 0 : row.Int(5);
}

Result<ClientId> SqlStore::OwningClient(std::string_view table, std::int64_t id,
                                        std::string_view what) {
  // `table` is always a literal from this module, never input.
  TRY_ASSIGN(
      SqlRows rows,
      database_->Query("SELECT client_id FROM " + std::string(table) + " WHERE id = ?", {id}));
  if (rows.empty()) return NotFound(std::string(what) + " " + std::to_string(id) + " not found");
  return ClientId(rows[0].Int(0));
}

Result<ClientId> SqlStore::RequireRecordAccess(const AccessContext& context, std::string_view table,
                                               std::int64_t id, std::string_view what) {
  TRY_ASSIGN(ClientId client, OwningClient(table, id, what));
  const Result<std::int64_t> allowed = RequireClientAccess(context, client);
  if (!allowed && allowed.error().code() == ErrorCode::kNotFound)
    return NotFound(std::string(what) + " " + std::to_string(id) + " not found");
  TRY(allowed);
  return client;
}

Status SqlStore::RequireBelongsTo(std::string_view table, std::int64_t id, std::string_view what,
                                  ClientId client) {
  auto owner = OwningClient(table, id, what);
  if (!owner && owner.error().code() != ErrorCode::kNotFound) return Propagate(owner.error());
  if (!owner || *owner != client)
    return NotFound(std::string(what) + " " + std::to_string(id) + " not found for client " +
                    std::to_string(client.value()));
  return Ok();
}

Status SqlStore::AuditExport(const AccessContext& context, ClientId client) {
  return Transact([&]() -> Status {
    TRY(RequireClientAccess(context, client));
    return Audit(context, client, AuditAction::kExport, "client_record_set",
                 std::to_string(client.value()), Sensitivity::kClinical);
  });
}

Status SqlStore::AuditImport(const AccessContext& context) {
  return Transact([&]() -> Status {
    TRY(RequireRole(context, {Role::kAdmin}, "import records"));
    return Audit(context, std::nullopt, AuditAction::kImport, "import", "", Sensitivity::kClinical);
  });
}

}  // namespace tessera::store
