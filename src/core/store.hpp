#pragma once
// The whole clinical store as one object: every repository, transactions and the audit log.
// Implemented by store::SqlStore (src/store/sql) on SQLite and PostgreSQL.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/accounts.hpp"
#include "core/caseload_reads.hpp"
#include "core/clinical_reads.hpp"
#include "core/notifications.hpp"
#include "core/outbox.hpp"
#include "core/repositories.hpp"
#include "core/schedules.hpp"
#include "core/teams.hpp"

namespace tessera {

/// Everything above, plus transactions and the audit log.
class Store : public UserRepository,
              public TherapistRepository,
              public ClientRepository,
              public EpisodeRepository,
              public MeasureRepository,
              public PlanRepository,
              public NoteRepository,
              public AccountRepository,
              public ClinicalReadRepository,
              public NotificationRepository,
              public ScheduleRepository,
              public OutboxRepository,
              public TeamRepository,
              public CaseloadRepository {
 public:
  /// Runs work in one transaction: all its calls (and their audit entries) commit together,
  /// or, when work returns an error, none does.
  virtual Status Atomically(const std::function<Status()>& work) = 0;
  /// Group commit: runs every unit in ONE transaction, each inside its own savepoint, then
  /// commits once. A unit that returns an error is rolled back alone (a refused access in it is
  /// still audited, as a `deny` entry in the batch's transaction); the other units are kept.
  /// Returns one status per unit, in order, known only after the commit: when the commit (or
  /// the transaction itself) fails, every unit's status is Unavailable and nothing of the
  /// batch is stored. Nothing a unit writes is visible to other connections before the commit.
  /// REQUIRES: no transaction is open on this store (not called from inside a unit).
  virtual std::vector<Status> RunBatch(const std::vector<std::function<Status()>>& units) = 0;
  /// Records that the actor exported the client's record set (NotFound like any read).
  virtual Status AuditExport(const AccessContext& context, ClientId client) = 0;
  /// Records a bulk import by the actor (admin only).
  virtual Status AuditImport(const AccessContext& context) = 0;
  /// Records that an admin read the audit log (`what`: "audit_entries" or
  /// "audit_verification"). PermissionDenied, also recorded, for anyone else.
  virtual Status AuditLogRead(const AccessContext& context, std::string_view what) = 0;
  /// One client's entries of the audit chain — who read or changed the record, and when, the
  /// accounting of disclosures (HIPAA §164.528, GDPR art. 15) — in sequence order, skipping
  /// `offset` of them, at most `limit`. Admin only (PermissionDenied, recorded, otherwise);
  /// NotFound for a missing client. The read is audited first (`read client_access_history`,
  /// naming the client), in the same transaction, so the last page shows it.
  virtual Result<std::vector<AuditEntry>> ReadClientAudit(const AccessContext& context,
                                                          ClientId client, std::int64_t offset,
                                                          std::int64_t limit) = 0;
  /// Walks the whole audit chain and checks it against the stored head (count and hash).
  virtual Result<AuditVerification> VerifyAudit() = 0;
  /// The audit entries in sequence order (for review tools and tests).
  virtual Result<std::vector<AuditEntry>> ReadAudit(std::int64_t from_sequence,
                                                    std::int64_t limit) = 0;
  /// "sqlite" or "postgresql".
  virtual std::string Dialect() const = 0;
};

}  // namespace tessera
