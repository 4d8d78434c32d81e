#pragma once
// The append-only, hash-chained audit log (docs/store.md "Audit design").

#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/ids.hpp"

namespace tessera {

enum class Sensitivity { kAdministrative, kIdentifying, kClinical, kPsychotherapyNote };

/// kDeny records a refused attempt (no access to the client, or the role may not do it).
/// kLogin, kLogout and kLoginFailure record the HTTP server's sign-ins and sign-outs
/// (HIPAA 45 CFR 164.312(b) audit controls; record_type "user", record_id the account).
enum class AuditAction {
  kCreate,
  kRead,
  kAmend,
  kExport,
  kImport,
  kSignOff,
  kHandle,
  kVerify,
  kDeny,
  kLogin,
  kLogout,
  kLoginFailure
};

/// One audit entry. `hash` = SHA-256(CanonicalAuditText(entry)), which ends with previous_hash;
/// the first
/// entry's previous_hash is 64 zeros. No record content is ever written here.
struct AuditEntry {
  std::int64_t sequence = 0;  // 1, 2, 3, ... without gaps
  TimePoint at;
  std::optional<UserId> actor;  // absent for the bootstrap of the first account
  std::optional<ClientId> client;
  AuditAction action = AuditAction::kRead;
  std::string record_type;  // e.g. "session", "psychotherapy_note"
  std::string record_id;    // e.g. "42"; empty for a list
  Sensitivity sensitivity = Sensitivity::kClinical;
  std::string previous_hash;  // lowercase hex
  std::string hash;           // lowercase hex
};

/// The text that is hashed: every field but `hash`, in a fixed order, '\n'-separated.
std::string CanonicalAuditText(const AuditEntry& entry);

std::string_view AuditActionName(AuditAction action);
std::string_view SensitivityName(Sensitivity sensitivity);

/// The outcome of walking the whole chain.
struct AuditVerification {
  std::int64_t entries_checked = 0;
  /// Absent when the chain is intact; otherwise the first entry found wrong (or, for a
  /// truncated tail, the first missing sequence number).
  std::optional<std::int64_t> first_bad_sequence;
  std::string problem;    // one sentence naming what is wrong
  std::string head_hash;  // the last entry's hash (empty for an empty log)
  bool intact() const { return !first_bad_sequence.has_value(); }
};

}  // namespace tessera
