// Psychotherapy-note keys (schema version 10; docs/decisions/0131). The store keeps each
// author's public key and the two wraps of their secret key; it never sees a password, a
// recovery code or an unwrapped secret key except the one a read is given to open notes with.

#include "notecrypt/sealed_note.hpp"
#include "store/sql/sql_store.hpp"
#include "store/sql/time_text.hpp"

namespace tessera::store {

Result<std::optional<StoredNoteKey>> SqlStore::FindNoteKey(UserId user) {
  TRY_ASSIGN(SqlRows rows, database_->Query("SELECT public_key, password_wrap, recovery_wrap "
                                            "FROM note_keys WHERE user_id = ?",
                                            {user.value()}));
  if (rows.empty()) return std::optional<StoredNoteKey>();
  return std::optional<StoredNoteKey>(
      StoredNoteKey{user, rows[0].Text(0), rows[0].Text(1), rows[0].Text(2)});
}

Status SqlStore::SealPsychotherapyNoteRow(NoteId note, ClientId client, UserId author,
                                          std::string_view text, const std::string& public_key) {
  TRY_ASSIGN(std::string sealed, SealNoteText(text, public_key, {note, client, author}));
  return database_->Execute(
      "UPDATE psychotherapy_notes SET sealed = ?, body = '' WHERE id = ? AND sealed IS NULL",
      {sealed, note.value()});
}

Result<std::int64_t> SqlStore::CreateNoteKey(const AccessContext& context,
                                             const StoredNoteKey& key) {
  if (key.public_key.empty() || key.password_wrap.empty() || key.recovery_wrap.empty())
    return InvalidArgument("note key: public key and both wraps are required");
  return Transact([&]() -> Result<std::int64_t> {
    TRY(RequireRole(context, {Role::kClinician, Role::kSupervisor}, "hold a note key"));
    if (key.user != *context.actor)
      return InvalidArgument("note key: an account can only create its own");
    TRY_ASSIGN(std::optional<StoredNoteKey> existing, FindNoteKey(key.user));
    if (existing)
      return AlreadyExists("account " + std::to_string(key.user.value()) +
                           " already has a note key");
    TRY(database_->Execute(
        "INSERT INTO note_keys (user_id, public_key, password_wrap, "
        "recovery_wrap, created_at) VALUES (?, ?, ?, ?, ?)",
        {key.user.value(), key.public_key, key.password_wrap, key.recovery_wrap, Now()}));
    TRY(Audit(context, std::nullopt, AuditAction::kCreate, "note_key",
              std::to_string(key.user.value()), Sensitivity::kAdministrative));
    // The author's notes from before version 10, in clear until now.
    TRY_ASSIGN(SqlRows legacy, database_->Query("SELECT id, client_id, body FROM "
                                                "psychotherapy_notes WHERE author = ? AND "
                                                "sealed IS NULL ORDER BY id",
                                                {key.user.value()}));
    for (const SqlRow& row : legacy) {
      const ClientId client(row.Int(1));
      TRY(SealPsychotherapyNoteRow(NoteId(row.Int(0)), client, key.user, row.Text(2),
                                   key.public_key));
      TRY(Audit(context, client, AuditAction::kAmend, "psychotherapy_note",
                std::to_string(row.Int(0)), Sensitivity::kPsychotherapyNote));
    }
    return static_cast<std::int64_t>(legacy.size());
  });
}

Status SqlStore::SetNoteKeyWraps(const AccessContext& context, const std::string& password_wrap,
                                 const std::string& recovery_wrap) {
  if (password_wrap.empty())
    return InvalidArgument("note key: the password wrap must not be empty");
  return Transact([&]() -> Status {
    TRY(ActorRole(context));
    TRY_ASSIGN(std::optional<StoredNoteKey> existing, FindNoteKey(*context.actor));
    if (!existing)
      return NotFound("account " + std::to_string(context.actor->value()) + " has no note key");
    TRY(database_->Execute(
        "UPDATE note_keys SET password_wrap = ?, recovery_wrap = ? "
        "WHERE user_id = ?",
        {password_wrap, recovery_wrap.empty() ? existing->recovery_wrap : recovery_wrap,
         context.actor->value()}));
    return Audit(context, std::nullopt, AuditAction::kAmend, "note_key",
                 std::to_string(context.actor->value()), Sensitivity::kAdministrative);
  });
}

Result<std::vector<std::pair<UserId, std::int64_t>>> SqlStore::CountUnsealedPsychotherapyNotes(
    const AccessContext& context) {
  return Transact([&]() -> Result<std::vector<std::pair<UserId, std::int64_t>>> {
    TRY(RequireRole(context, {Role::kAdmin}, "count unsealed psychotherapy notes"));
    TRY_ASSIGN(SqlRows rows, database_->Query("SELECT author, COUNT(*) FROM psychotherapy_notes "
                                              "WHERE sealed IS NULL GROUP BY author "
                                              "ORDER BY author",
                                              {}));
    std::vector<std::pair<UserId, std::int64_t>> counts;
    for (const SqlRow& row : rows) counts.emplace_back(UserId(row.Int(0)), row.Int(1));
    TRY(Audit(context, std::nullopt, AuditAction::kRead, "psychotherapy_note_sealing", "",
              Sensitivity::kAdministrative));
    return counts;
  });
}

}  // namespace tessera::store
