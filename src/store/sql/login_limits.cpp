// The HTTP server's login limits (schema version 6): failure counters and known sources under
// keys the server hashes, and the audit entries of logins, logouts and failed logins.

#include "store/sql/sql_store.hpp"
#include "store/sql/time_text.hpp"

namespace tessera::store {

Result<std::vector<LoginCounter>> SqlStore::FindLoginCounters(
    const std::vector<std::string>& keys) {
  std::vector<LoginCounter> counters;
  for (const std::string& key : keys) {
    TRY_ASSIGN(SqlRows rows, database_->Query("SELECT failures, window_start, last_failure FROM "
                                              "login_counters WHERE counter_key = ?",
                                              {key}));
    if (rows.empty()) continue;
    const auto window_start = ParseUtc(rows[0].Text(1));
    const auto last_failure = ParseUtc(rows[0].Text(2));
    if (!window_start || !last_failure) return DataLoss("a login counter has a malformed time");
    counters.push_back(LoginCounter{key, rows[0].Int(0), *window_start, *last_failure});
  }
  return counters;
}

Status SqlStore::SaveLoginCounters(const std::vector<LoginCounter>& counters,
                                   TimePoint forget_before) {
  return Transact([&]() -> Status {
    for (const LoginCounter& counter : counters) {
      if (counter.failures <= 0) {
        TRY(database_->Execute("DELETE FROM login_counters WHERE counter_key = ?", {counter.key}));
        continue;
      }
      // Both dialects support this upsert (SQLite 3.24+, PostgreSQL 9.5+).
      TRY(database_->Execute(
          "INSERT INTO login_counters (counter_key, failures, window_start, last_failure) "
          "VALUES (?, ?, ?, ?) ON CONFLICT (counter_key) DO UPDATE SET failures = "
          "excluded.failures, window_start = excluded.window_start, last_failure = "
          "excluded.last_failure",
          {counter.key, counter.failures, FormatUtc(counter.window_start),
           FormatUtc(counter.last_failure)}));
    }
    return database_->Execute("DELETE FROM login_counters WHERE last_failure < ?",
                              {FormatUtc(forget_before)});
  });
}

Result<bool> SqlStore::IsKnownLoginSource(std::string_view source_key, TimePoint since) {
  TRY_ASSIGN(SqlRows rows, database_->Query("SELECT 1 FROM login_known_sources WHERE "
                                            "source_key = ? AND last_success >= ?",
                                            {std::string(source_key), FormatUtc(since)}));
  return !rows.empty();
}

Status SqlStore::RecordLoginEvent(LoginEvent event, std::optional<UserId> account,
                                  std::string_view source_key) {
  return Transact([&]() -> Status {
    const std::string record_id = account ? std::to_string(account->value()) : std::string();
    switch (event) {
      case LoginEvent::kLogin:
        if (!source_key.empty()) {
          TRY(database_->Execute(
              "INSERT INTO login_known_sources (source_key, last_success) VALUES (?, ?) "
              "ON CONFLICT (source_key) DO UPDATE SET last_success = excluded.last_success",
              {std::string(source_key), FormatUtc(ToStoredPrecision(clock_.Now()))}));
        }
        return Audit(AccessContext{account}, std::nullopt, AuditAction::kLogin, "user", record_id,
                     Sensitivity::kAdministrative);
      case LoginEvent::kLogout:
        return Audit(AccessContext{account}, std::nullopt, AuditAction::kLogout, "user", record_id,
                     Sensitivity::kAdministrative);
      case LoginEvent::kLoginFailure:
        // Nobody is signed in: no actor. The attempted account is the record.
        return Audit(AccessContext::Bootstrap(), std::nullopt, AuditAction::kLoginFailure, "user",
                     record_id, Sensitivity::kAdministrative);
    }
    return Internal("unknown login event");
  });
}

}  // namespace tessera::store
