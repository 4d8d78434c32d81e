// The hash-chained audit log: append, verify, read. Design: docs/store.md "Audit design".

#include <algorithm>
#include <string>
#include <vector>

#include "store/sql/crypto.hpp"
#include "store/sql/sql_store.hpp"
#include "store/sql/time_text.hpp"

namespace tessera::store {
namespace {

const std::string kGenesisHash(64, '0');

std::optional<AuditAction> ActionFromName(std::string_view name) {
  for (AuditAction action :
       {AuditAction::kCreate, AuditAction::kRead, AuditAction::kAmend, AuditAction::kExport,
        AuditAction::kImport, AuditAction::kSignOff, AuditAction::kHandle, AuditAction::kVerify,
        AuditAction::kDeny, AuditAction::kLogin, AuditAction::kLogout, AuditAction::kLoginFailure})
    if (AuditActionName(action) == name) return action;
  return std::nullopt;
}

std::optional<Sensitivity> SensitivityFromName(std::string_view name) {
  for (Sensitivity sensitivity : {Sensitivity::kAdministrative, Sensitivity::kIdentifying,
                                  Sensitivity::kClinical, Sensitivity::kPsychotherapyNote})
    if (SensitivityName(sensitivity) == name) return sensitivity;
  return std::nullopt;
}

constexpr std::string_view kSelectEntries =
    "SELECT sequence, at, actor_id, client_id, action, record_type, record_id, sensitivity, "
    "previous_hash, hash FROM audit_log WHERE sequence >= ? ORDER BY sequence LIMIT ?";

// A row as stored. Unknown names are kept out of the enum so that verification can report
// them instead of silently mapping them.
struct StoredEntry {
  AuditEntry entry;
  std::string at_text;
  bool names_valid = true;
};

StoredEntry FromRow(const SqlRow& row) {
  StoredEntry stored;
  AuditEntry& entry = stored.entry;
  entry.sequence = row.Int(0);
  stored.at_text = row.Text(1);
  const auto at = ParseUtc(stored.at_text);
  if (at) entry.at = *at;
  if (!row.IsNull(2)) entry.actor = UserId(row.Int(2));
  if (!row.IsNull(3)) entry.client = ClientId(row.Int(3));
  const auto action = ActionFromName(row.Text(4));
  const auto sensitivity = SensitivityFromName(row.Text(7));
  stored.names_valid = at.has_value() && action.has_value() && sensitivity.has_value();
  if (action) entry.action = *action;
  entry.record_type = row.Text(5);
  entry.record_id = row.Text(6);
  if (sensitivity) entry.sensitivity = *sensitivity;
  entry.previous_hash = row.Text(8);
  entry.hash = row.Text(9);
  return stored;
}

}  // namespace

Status SqlStore::Audit(const AccessContext& context, std::optional<ClientId> client,
                       AuditAction action, std::string_view record_type,
                       const std::string& record_id, Sensitivity sensitivity) {
  // Supervision reads and never writes (docs/decisions/0210-supervision-read-access.md): any
  // other action on a client reached only through it fails, and its transaction rolls back.
  if (client && action != AuditAction::kRead && action != AuditAction::kDeny &&
      supervised_clients_.contains(client->value())) {
    NoteDenial(context, client, record_type, record_id, sensitivity);
    return PermissionDenied("a supervisor may read this client's records for supervision, not " +
                            std::string(AuditActionName(action)) +
                            " them: that needs a place "
                            "on the client's care team");
  }
  // Outside a transaction begun here (none of the store's calls) the head is read and written
  // with the entry; inside one it is the transaction's (BeginTransaction), written at its end.
  const bool own_head = !audit_head_.has_value();
  if (own_head) {
    TRY_ASSIGN(SqlRows head,
               database_->Query("SELECT entry_count, head_hash FROM audit_head WHERE id = 1", {}));
    if (head.empty()) return DataLoss("the audit anchor row is missing");
    audit_head_ = AuditHead{head[0].Int(0), head[0].Text(1), false};
  }
  AuditEntry entry;
  entry.sequence = audit_head_->count + 1;
  entry.at = ToStoredPrecision(clock_.Now());
  entry.actor = context.actor;
  entry.client = client;
  entry.action = action;
  entry.record_type = std::string(record_type);
  entry.record_id = record_id;
  entry.sensitivity = sensitivity;
  entry.previous_hash = entry.sequence == 1 ? kGenesisHash : audit_head_->hash;
  entry.hash = Sha256Hex(CanonicalAuditText(entry));
  Status inserted = database_->Execute(
      "INSERT INTO audit_log (sequence, at, actor_id, client_id, action, record_type, record_id, "
      "sensitivity, previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {entry.sequence, FormatUtc(entry.at),
       entry.actor ? SqlValue(entry.actor->value()) : SqlValue(),
       entry.client ? SqlValue(entry.client->value()) : SqlValue(),
       std::string(AuditActionName(action)), entry.record_type, entry.record_id,
       std::string(SensitivityName(sensitivity)), entry.previous_hash, entry.hash});
  if (inserted) audit_head_ = AuditHead{entry.sequence, std::move(entry.hash), true};
  if (!own_head) return inserted;
  Status flushed = inserted ? FlushAuditHead() : inserted;
  audit_head_.reset();
  return flushed;
}

Status SqlStore::AuditClientReads(const AccessContext& context,
                                  const std::vector<ClientId>& clients,
                                  std::string_view record_type, Sensitivity sensitivity) {
  if (clients.empty()) return Ok();
  // The same entries as one Audit call per client, chained in one pass and written by one
  // multi-row INSERT per kRowsPerStatement clients (a read is allowed on supervised clients,
  // so Audit's supervision check has nothing to refuse here).
  const bool own_head = !audit_head_.has_value();
  if (own_head) {
    TRY_ASSIGN(SqlRows head,
               database_->Query("SELECT entry_count, head_hash FROM audit_head WHERE id = 1", {}));
    if (head.empty()) return DataLoss("the audit anchor row is missing");
    audit_head_ = AuditHead{head[0].Int(0), head[0].Text(1), false};
  }
  constexpr std::size_t kRowsPerStatement = 50;  // 500 parameters: under every driver's limit
  constexpr std::string_view kRow = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  const TimePoint now = ToStoredPrecision(clock_.Now());
  const std::string at = FormatUtc(now);
  AuditHead head = *audit_head_;
  Status written = Ok();
  for (std::size_t start = 0; start < clients.size() && written; start += kRowsPerStatement) {
    const std::size_t end = std::min(clients.size(), start + kRowsPerStatement);
    std::string sql =
        "INSERT INTO audit_log (sequence, at, actor_id, client_id, action, record_type, "
        "record_id, sensitivity, previous_hash, hash) VALUES ";
    SqlParams params;
    params.reserve((end - start) * 10);
    for (std::size_t index = start; index < end; ++index) {
      AuditEntry entry;
      entry.sequence = head.count + 1;
      entry.at = now;
      entry.actor = context.actor;
      entry.client = clients[index];
      entry.action = AuditAction::kRead;
      entry.record_type = std::string(record_type);
      entry.record_id = std::to_string(clients[index].value());
      entry.sensitivity = sensitivity;
      entry.previous_hash = entry.sequence == 1 ? kGenesisHash : head.hash;
      entry.hash = Sha256Hex(CanonicalAuditText(entry));
      if (index > start) sql += ", ";
      sql += kRow;
      params.insert(params.end(),
                    {entry.sequence, at, entry.actor ? SqlValue(entry.actor->value()) : SqlValue(),
                     SqlValue(clients[index].value()), std::string(AuditActionName(entry.action)),
                     entry.record_type, entry.record_id, std::string(SensitivityName(sensitivity)),
                     entry.previous_hash, entry.hash});
      head = AuditHead{entry.sequence, std::move(entry.hash), true};
    }
    written = database_->Execute(sql, params);
  }
  if (written) audit_head_ = std::move(head);
  if (!own_head) return written;
  Status flushed = written ? FlushAuditHead() : written;
  audit_head_.reset();
  return flushed;
}

Status SqlStore::FlushAuditHead() {
  if (!audit_head_ || !audit_head_->dirty) return Ok();
  TRY(database_->Execute("UPDATE audit_head SET entry_count = ?, head_hash = ? WHERE id = 1",
                         {audit_head_->count, audit_head_->hash}));
  audit_head_->dirty = false;
  return Ok();
}

Result<AuditVerification> SqlStore::VerifyAudit() {
  return Transact([&]() -> Result<AuditVerification> {
    TRY(FlushAuditHead());  // entries appended earlier in this transaction are anchored
    AuditVerification verification;
    TRY_ASSIGN(SqlRows head,
               database_->Query("SELECT entry_count, head_hash FROM audit_head WHERE id = 1", {}));
    if (head.empty()) {
      verification.first_bad_sequence = 1;
      verification.problem = "the audit anchor (audit_head) is missing";
      return verification;
    }
    const std::int64_t anchored_count = head[0].Int(0);
    std::string previous_hash = kGenesisHash;
    std::int64_t expected_sequence = 1;
    constexpr std::int64_t kPage = 5000;
    auto fail = [&](std::int64_t sequence, std::string problem) {
      verification.first_bad_sequence = sequence;
      verification.problem = std::move(problem);
      return verification;
    };
    while (true) {
      TRY_ASSIGN(SqlRows rows, database_->Query(kSelectEntries, {expected_sequence, kPage}));
      for (const SqlRow& row : rows) {
        const StoredEntry stored = FromRow(row);
        const AuditEntry& entry = stored.entry;
        const std::string at = std::to_string(expected_sequence);
        if (entry.sequence != expected_sequence)
          return fail(expected_sequence, "entry " + at + " is missing (the next entry is " +
                                             std::to_string(entry.sequence) + ")");
        if (!stored.names_valid || FormatUtc(entry.at) != stored.at_text)
          return fail(expected_sequence, "entry " + at + " has been edited (a field is malformed)");
        if (entry.previous_hash != previous_hash)
          return fail(expected_sequence, "entry " + at +
                                             " does not link to the entry before it (deleted, "
                                             "reordered or edited)");
        if (Sha256Hex(CanonicalAuditText(entry)) != entry.hash)
          return fail(expected_sequence,
                      "entry " + at + " has been edited (its hash does not match)");
        previous_hash = entry.hash;
        ++expected_sequence;
        ++verification.entries_checked;
      }
      if (static_cast<std::int64_t>(rows.size()) < kPage) break;
    }
    if (verification.entries_checked < anchored_count)
      return fail(verification.entries_checked + 1,
                  "the log ends after entry " + std::to_string(verification.entries_checked) +
                      " but the anchor records " + std::to_string(anchored_count) +
                      " entries (truncated)");
    if (verification.entries_checked > anchored_count ||
        (anchored_count > 0 && head[0].Text(1) != previous_hash))
      return fail(anchored_count + 1,
                  "the log does not end where the anchor says (entries "
                  "added or the anchor was edited)");
    verification.head_hash = anchored_count > 0 ? previous_hash : "";
    return verification;
  });
}

Result<std::vector<AuditEntry>> SqlStore::ReadAudit(std::int64_t from_sequence,
                                                    std::int64_t limit) {
  return Transact([&]() -> Result<std::vector<AuditEntry>> {
    TRY_ASSIGN(SqlRows rows, database_->Query(kSelectEntries, {from_sequence, limit}));
    std::vector<AuditEntry> entries;
    for (const SqlRow& row : rows) entries.push_back(FromRow(row).entry);
    return entries;
  });
}

Result<std::vector<AuditEntry>> SqlStore::ReadClientAudit(const AccessContext& context,
                                                          ClientId client, std::int64_t offset,
                                                          std::int64_t limit) {
  if (offset < 0 || limit < 0)
    return InvalidArgument("access history page: offset and limit must not be negative");
  return Transact([&]() -> Result<std::vector<AuditEntry>> {
    TRY(RequireRole(context, {Role::kAdmin}, "read a client's access history"));
    TRY(RequireClientAccess(context, client));
    TRY(Audit(context, client, AuditAction::kRead, "client_access_history",
              std::to_string(client.value()), Sensitivity::kAdministrative));
    TRY_ASSIGN(SqlRows rows,
               database_->Query("SELECT sequence, at, actor_id, client_id, action, record_type, "
                                "record_id, sensitivity, previous_hash, hash FROM audit_log "
                                "WHERE client_id = ? ORDER BY sequence LIMIT ? OFFSET ?",
                                {client.value(), limit, offset}));
    std::vector<AuditEntry> entries;
    for (const SqlRow& row : rows) entries.push_back(FromRow(row).entry);
    return entries;
  });
}

Status SqlStore::AuditLogRead(const AccessContext& context, std::string_view what) {
  if (what != "audit_entries" && what != "audit_verification")
    return InvalidArgument("audit log read: unknown kind '" + std::string(what) + "'");
  return Transact([&]() -> Status {
    TRY(RequireRole(context, {Role::kAdmin}, "read the audit log"));
    // The entry names the reader (the actor) and what was read; never the entries' contents.
    return Audit(context, std::nullopt,
                 what == "audit_verification" ? AuditAction::kVerify : AuditAction::kRead, what, "",
                 Sensitivity::kAdministrative);
  });
}

}  // namespace tessera::store
