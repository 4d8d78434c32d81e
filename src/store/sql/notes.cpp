// Progress notes and psychotherapy notes (consultation threads: consultations.cpp).
// Psychotherapy notes have their own table; their text reaches it only sealed to the author's note
// key (note_keys.cpp), and the one select filters on author.

#include "notecrypt/sealed_note.hpp"
#include "store/sql/sql_store.hpp"
#include "store/sql/time_text.hpp"

namespace tessera::store {
namespace {

// Escapes LIKE wildcards so a search for "50%" finds the text "50%".
std::string LikePattern(const std::string& text) {
  std::string pattern = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return pattern + "%";
}

ProgressNote ProgressNoteFromRow(const SqlRow& row) {
  ProgressNote note;
  note.id = NoteId(row.Int(0));
  note.client = ClientId(row.Int(1));
  if (!row.IsNull(2)) note.session = SessionId(row.Int(2));
  note.author = UserId(row.Int(3));
  note.written_at = ParseUtc(row.Text(4)).value_or(TimePoint{});
  note.text = row.Text(5);
  if (!row.IsNull(6)) note.supersedes = NoteId(row.Int(6));
  note.amendment_reason = row.Text(7);
  return note;
}

constexpr std::string_view kAllProgressColumns =
    "SELECT p.id, p.client_id, p.session_id, p.author, p.written_at, p.body, p.supersedes, "
    "p.amendment_reason FROM progress_notes p WHERE 1 = 1 ";
constexpr std::string_view kProgressColumns =
    "SELECT p.id, p.client_id, p.session_id, p.author, p.written_at, p.body, p.supersedes, "
    "p.amendment_reason FROM progress_notes p WHERE NOT EXISTS (SELECT 1 FROM progress_notes n "
    "WHERE "
    "n.supersedes = p.id) ";

}  // namespace

Result<NoteId> SqlStore::WriteProgressNote(const AccessContext& context, const ProgressNote& note) {
  if (note.text.empty()) return InvalidArgument("progress note text: must not be empty");
  return Transact([&]() -> Result<NoteId> {
    TRY(RequireClientAccess(context, note.client));
    TRY(RequireRole(context, {Role::kClinician, Role::kSupervisor, Role::kAdmin},
                    "write progress notes"));
    if (note.session) {
      TRY(RequireBelongsTo("sessions", note.session->value(), "session", note.client));
      TRY(RequireSessionEpisodeOpen(note.session->value()));
    }
    if (note.supersedes) {
      TRY(RequireBelongsTo("progress_notes", note.supersedes->value(), "note", note.client));
    }
    auto inserted = InsertReturningId(
        "INSERT INTO progress_notes (client_id, session_id, author, written_at, body, supersedes, "
        "amendment_reason) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {note.client.value(), note.session ? SqlValue(note.session->value()) : SqlValue(),
         context.actor->value(), Now(), note.text,
         note.supersedes ? SqlValue(note.supersedes->value()) : SqlValue(), note.amendment_reason});
    if (!inserted && inserted.error().code() == ErrorCode::kAlreadyExists)
      return Conflict("progress note " + std::to_string(note.supersedes->value()) +
                      " was already amended by someone else; reload and retry");
    TRY_ASSIGN(std::int64_t id, std::move(inserted));
    TRY(Audit(context, note.client, note.supersedes ? AuditAction::kAmend : AuditAction::kCreate,
              "progress_note", std::to_string(id), Sensitivity::kClinical));
    return NoteId(id);
  });
}

Result<std::vector<ProgressNote>> SqlStore::ListProgressNotes(const AccessContext& context,
                                                              ClientId client, Versions versions) {
  return SelectProgressNotes(context, client, versions, std::nullopt);
}

Result<std::vector<ProgressNote>> SqlStore::ListProgressNotesPage(const AccessContext& context,
                                                                  ClientId client,
                                                                  Versions versions,
                                                                  const PageQuery& page) {
  if (page.offset < 0 || page.limit < 0)
    return InvalidArgument("progress note page: offset and limit must not be negative");
  return SelectProgressNotes(context, client, versions, page);
}

Result<std::vector<ProgressNote>> SqlStore::SelectProgressNotes(const AccessContext& context,
                                                                ClientId client, Versions versions,
                                                                std::optional<PageQuery> page) {
  return Transact([&]() -> Result<std::vector<ProgressNote>> {
    TRY(RequireClientAccess(context, client));
    TRY(Audit(context, client, AuditAction::kRead, "progress_note", "", Sensitivity::kClinical));
    std::string sql =
        std::string(versions == Versions::kWithHistory ? kAllProgressColumns : kProgressColumns) +
        "AND p.client_id = ? ORDER BY p.id";
    SqlParams params{client.value()};
    if (page) {
      sql += " LIMIT ? OFFSET ?";
      params.emplace_back(page->limit);
      params.emplace_back(page->offset);
    }
    TRY_ASSIGN(SqlRows rows, database_->Query(sql, params));
    std::vector<ProgressNote> notes;
    for (const SqlRow& row : rows) notes.push_back(ProgressNoteFromRow(row));
    return notes;
  });
}

Result<std::vector<ProgressNote>> SqlStore::SearchProgressNotes(const AccessContext& context,
                                                                const std::string& text) {
  if (text.empty()) return InvalidArgument("search text: must not be empty");
  return Transact([&]() -> Result<std::vector<ProgressNote>> {
    TRY_ASSIGN(std::vector<ClientId> visible, ListClients(context));
    std::vector<ProgressNote> found;
    for (ClientId client : visible) {
      TRY_ASSIGN(SqlRows rows, database_->Query(std::string(kProgressColumns) +
                                                    "AND p.client_id = ? AND LOWER(p.body) "
                                                    "LIKE ? ESCAPE '\\' ORDER BY p.id",
                                                {client.value(), LikePattern(text)}));
      if (rows.empty()) continue;
      TRY(Audit(context, client, AuditAction::kRead, "progress_note_search", "",
                Sensitivity::kClinical));
      for (const SqlRow& row : rows) found.push_back(ProgressNoteFromRow(row));
    }
    return found;
  });
}

Result<NoteId> SqlStore::WritePsychotherapyNote(const AccessContext& context,
                                                const PsychotherapyNote& note) {
  if (note.text.empty()) return InvalidArgument("psychotherapy note text: must not be empty");
  return Transact([&]() -> Result<NoteId> {
    TRY(RequireClientAccess(context, note.client));
    TRY(RequireRole(context, {Role::kClinician, Role::kSupervisor}, "write psychotherapy notes"));
    TRY_ASSIGN(std::optional<StoredNoteKey> key, FindNoteKey(*context.actor));
    if (!key)
      return Conflict("psychotherapy notes: account " + std::to_string(context.actor->value()) +
                      " has no note key yet; it is made when its owner logs in");
    if (note.supersedes) {
      // Only the author's own notes can be amended; anything else looks like a missing note.
      TRY_ASSIGN(SqlRows rows,
                 database_->Query("SELECT client_id FROM psychotherapy_notes "
                                  "WHERE id = ? AND author = ?",
                                  {note.supersedes->value(), context.actor->value()}));
      if (rows.empty() || rows[0].Int(0) != note.client.value()) {
        NoteDenial(context, note.client, "psychotherapy_note",
                   std::to_string(note.supersedes->value()), Sensitivity::kPsychotherapyNote);
        return NotFound("psychotherapy note " + std::to_string(note.supersedes->value()) +
                        " not found");
      }
    }
    // The row is inserted without text and sealed once its id is known: the id is part of what
    // the sealed text is bound to. Both happen in this transaction.
    auto inserted = InsertReturningId(
        "INSERT INTO psychotherapy_notes (client_id, author, written_at, body, supersedes) "
        "VALUES (?, ?, ?, '', ?) RETURNING id",
        {note.client.value(), context.actor->value(), Now(),
         note.supersedes ? SqlValue(note.supersedes->value()) : SqlValue()});
    if (!inserted && inserted.error().code() == ErrorCode::kAlreadyExists)
      return Conflict("psychotherapy note " + std::to_string(note.supersedes->value()) +
                      " was already amended; reload and retry");
    TRY_ASSIGN(std::int64_t id, std::move(inserted));
    TRY(SealPsychotherapyNoteRow(NoteId(id), note.client, *context.actor, note.text,
                                 key->public_key));
    TRY(Audit(context, note.client, note.supersedes ? AuditAction::kAmend : AuditAction::kCreate,
              "psychotherapy_note", std::to_string(id), Sensitivity::kPsychotherapyNote));
    return NoteId(id);
  });
}

Result<std::vector<PsychotherapyNote>> SqlStore::ListMyPsychotherapyNotes(
    const AccessContext& context, ClientId client, const NoteKey* key) {
  return Transact([&]() -> Result<std::vector<PsychotherapyNote>> {
    TRY(RequireClientAccess(context, client));
    if (key == nullptr)
      return Conflict(
          "psychotherapy notes: your note key is locked; log in again with your "
          "password (or, after an admin reset it, use your recovery code at "
          "POST /api/v1/me/note-key/recovery)");
    TRY(Audit(context, client, AuditAction::kRead, "psychotherapy_note", "",
              Sensitivity::kPsychotherapyNote));
    TRY_ASSIGN(SqlRows rows,
               database_->Query("SELECT p.id, p.written_at, p.body, p.supersedes, p.sealed FROM "
                                "psychotherapy_notes p WHERE p.client_id = ? AND p.author = ? "
                                "AND NOT EXISTS (SELECT 1 FROM psychotherapy_notes n WHERE "
                                "n.supersedes = p.id) ORDER BY p.id",
                                {client.value(), context.actor->value()}));
    std::vector<PsychotherapyNote> notes;
    for (const SqlRow& row : rows) {
      PsychotherapyNote note{NoteId(row.Int(0)), client,
                             *context.actor,     ParseUtc(row.Text(1)).value_or(TimePoint{}),
                             row.Text(2),        std::nullopt};
      if (!row.IsNull(3)) note.supersedes = NoteId(row.Int(3));
      // A note written before notes were sealed, whose author had no key yet, is still in
      // clear in `body` (its author's key is made, and it sealed, at their next login).
      if (auto sealed = row.OptionalText(4)) {
        TRY_ASSIGN(note.text, OpenNoteText(*sealed, *key, {note.id, client, *context.actor}));
      }
      notes.push_back(std::move(note));
    }
    return notes;
  });
}

}  // namespace tessera::store
