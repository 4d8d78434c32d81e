#include "store/sql/schema.hpp"

#include <utility>

namespace tessera::store {
namespace {

// Version 1. Times are ISO 8601 UTC text (FormatUtc), dates "YYYY-MM-DD": identical in both
// dialects and readable in a dump. Enumerations are stored by their names (core/records/names).
constexpr std::string_view kVersion1 = R"sql(
CREATE TABLE users (
  id @ID@,
  username TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('admin', 'clinician', 'supervisor', 'client')),
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE therapists (
  id TEXT PRIMARY KEY,
  created_at TEXT NOT NULL
);
CREATE TABLE therapist_versions (
  therapist_id TEXT NOT NULL REFERENCES therapists (id),
  version @INT@ NOT NULL CHECK (version >= 1),
  user_id @INT@ REFERENCES users (id),
  display_name TEXT NOT NULL,
  home_model TEXT NOT NULL,
  style_json TEXT NOT NULL,
  created_by @INT@ REFERENCES users (id),
  created_at TEXT NOT NULL,
  PRIMARY KEY (therapist_id, version)
);
CREATE TABLE therapist_competencies (
  therapist_id TEXT NOT NULL,
  version @INT@ NOT NULL,
  position @INT@ NOT NULL,
  model TEXT NOT NULL,
  technique TEXT,
  level TEXT NOT NULL,
  training TEXT NOT NULL,
  certification TEXT NOT NULL,
  supervised_hours @REAL@ NOT NULL CHECK (supervised_hours >= 0),
  PRIMARY KEY (therapist_id, version, position),
  FOREIGN KEY (therapist_id, version) REFERENCES therapist_versions (therapist_id, version)
);
CREATE TABLE clients (
  id @ID@,
  created_by @INT@ REFERENCES users (id),
  created_at TEXT NOT NULL
);
CREATE TABLE client_identifiers (
  client_id @INT@ PRIMARY KEY REFERENCES clients (id),
  name TEXT NOT NULL,
  date_of_birth TEXT NOT NULL,
  contact TEXT NOT NULL,
  external_reference TEXT NOT NULL
);
CREATE TABLE client_profiles (
  client_id @INT@ NOT NULL REFERENCES clients (id),
  version @INT@ NOT NULL CHECK (version >= 1),
  profile_json TEXT NOT NULL,
  created_by @INT@ REFERENCES users (id),
  created_at TEXT NOT NULL,
  PRIMARY KEY (client_id, version)
);
CREATE TABLE care_team_members (
  client_id @INT@ NOT NULL REFERENCES clients (id),
  user_id @INT@ NOT NULL REFERENCES users (id),
  role TEXT NOT NULL,
  added_by @INT@ REFERENCES users (id),
  added_at TEXT NOT NULL,
  PRIMARY KEY (client_id, user_id)
);
CREATE TABLE episodes (
  id @ID@,
  client_id @INT@ NOT NULL REFERENCES clients (id),
  opened_on TEXT NOT NULL,
  reason TEXT NOT NULL,
  created_by @INT@ REFERENCES users (id),
  created_at TEXT NOT NULL
);
CREATE TABLE episode_closures (
  episode_id @INT@ PRIMARY KEY REFERENCES episodes (id),
  closed_on TEXT NOT NULL,
  reason TEXT NOT NULL,
  closed_by @INT@ REFERENCES users (id),
  closed_at TEXT NOT NULL
);
CREATE TABLE sessions (
  id @ID@,
  episode_id @INT@ NOT NULL REFERENCES episodes (id),
  client_id @INT@ NOT NULL REFERENCES clients (id),
  session_date TEXT NOT NULL,
  attendance TEXT NOT NULL,
  supersedes @INT@ UNIQUE REFERENCES sessions (id),
  created_by @INT@ REFERENCES users (id),
  created_at TEXT NOT NULL
);
CREATE TABLE session_techniques (
  session_id @INT@ NOT NULL REFERENCES sessions (id),
  position @INT@ NOT NULL,
  technique TEXT NOT NULL,
  helpfulness @INT@ CHECK (helpfulness BETWEEN 0 AND 10),
  PRIMARY KEY (session_id, position)
);
CREATE TABLE measure_administrations (
  id @ID@,
  client_id @INT@ NOT NULL REFERENCES clients (id),
  session_id @INT@ REFERENCES sessions (id),
  instrument TEXT NOT NULL,
  administered_at TEXT NOT NULL,
  total @REAL@,
  band TEXT NOT NULL,
  subscales_json TEXT NOT NULL,
  flags_json TEXT NOT NULL,
  supersedes @INT@ UNIQUE REFERENCES measure_administrations (id),
  created_by @INT@ REFERENCES users (id),
  created_at TEXT NOT NULL
);
CREATE TABLE administration_answers (
  administration_id @INT@ NOT NULL REFERENCES measure_administrations (id),
  position @INT@ NOT NULL,
  item TEXT NOT NULL,
  value @REAL@,
  PRIMARY KEY (administration_id, position)
);
CREATE TABLE alerts (
  id @ID@,
  client_id @INT@ NOT NULL REFERENCES clients (id),
  kind TEXT NOT NULL,
  raised_at TEXT NOT NULL,
  detail TEXT NOT NULL,
  administration_id @INT@ REFERENCES measure_administrations (id),
  created_by @INT@ REFERENCES users (id)
);
CREATE TABLE alert_handlings (
  id @ID@,
  alert_id @INT@ NOT NULL REFERENCES alerts (id),
  handled_by @INT@ NOT NULL REFERENCES users (id),
  handled_at TEXT NOT NULL,
  action TEXT NOT NULL,
  note TEXT NOT NULL
);
CREATE TABLE plans (
  id @ID@,
  client_id @INT@ NOT NULL REFERENCES clients (id),
  episode_id @INT@ NOT NULL REFERENCES episodes (id),
  created_by @INT@ REFERENCES users (id),
  created_at TEXT NOT NULL
);
CREATE TABLE plan_versions (
  plan_id @INT@ NOT NULL REFERENCES plans (id),
  version @INT@ NOT NULL CHECK (version >= 1),
  content TEXT NOT NULL,
  reason TEXT NOT NULL,
  prompted_by_alert @INT@ REFERENCES alerts (id),
  prompted_by_administration @INT@ REFERENCES measure_administrations (id),
  client_feedback TEXT NOT NULL,
  created_by @INT@ REFERENCES users (id),
  created_at TEXT NOT NULL,
  PRIMARY KEY (plan_id, version)
);
CREATE TABLE plan_sign_offs (
  plan_id @INT@ NOT NULL,
  version @INT@ NOT NULL,
  user_id @INT@ NOT NULL REFERENCES users (id),
  role TEXT NOT NULL,
  signed_at TEXT NOT NULL,
  PRIMARY KEY (plan_id, version, user_id),
  FOREIGN KEY (plan_id, version) REFERENCES plan_versions (plan_id, version)
);
CREATE TABLE progress_notes (
  id @ID@,
  client_id @INT@ NOT NULL REFERENCES clients (id),
  session_id @INT@ REFERENCES sessions (id),
  author @INT@ NOT NULL REFERENCES users (id),
  written_at TEXT NOT NULL,
  body TEXT NOT NULL,
  supersedes @INT@ UNIQUE REFERENCES progress_notes (id)
);
CREATE TABLE consultation_threads (
  id @ID@,
  client_id @INT@ NOT NULL REFERENCES clients (id),
  topic TEXT NOT NULL,
  opened_by @INT@ NOT NULL REFERENCES users (id),
  opened_at TEXT NOT NULL
);
CREATE TABLE consultation_messages (
  id @ID@,
  thread_id @INT@ NOT NULL REFERENCES consultation_threads (id),
  author @INT@ NOT NULL REFERENCES users (id),
  posted_at TEXT NOT NULL,
  body TEXT NOT NULL
);
-- Psychotherapy (process) notes: their own table, read by one query that filters on author.
CREATE TABLE psychotherapy_notes (
  id @ID@,
  client_id @INT@ NOT NULL REFERENCES clients (id),
  author @INT@ NOT NULL REFERENCES users (id),
  written_at TEXT NOT NULL,
  body TEXT NOT NULL,
  supersedes @INT@ UNIQUE REFERENCES psychotherapy_notes (id)
);
-- The audit log has no foreign keys: it must outlive anything it mentions.
CREATE TABLE audit_log (
  sequence @INT@ PRIMARY KEY,
  at TEXT NOT NULL,
  actor_id @INT@,
  client_id @INT@,
  action TEXT NOT NULL,
  record_type TEXT NOT NULL,
  record_id TEXT NOT NULL,
  sensitivity TEXT NOT NULL,
  previous_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
-- The anchor: how many entries the chain has and the last hash. Updated in the same
-- transaction as every append, so deleting the tail of audit_log is detected.
CREATE TABLE audit_head (
  id @INT@ PRIMARY KEY CHECK (id = 1),
  entry_count @INT@ NOT NULL,
  head_hash TEXT NOT NULL
);
INSERT INTO audit_head (id, entry_count, head_hash) VALUES (1, 0, '');
CREATE INDEX sessions_by_client ON sessions (client_id, session_date);
CREATE INDEX administrations_by_client ON measure_administrations (client_id, administered_at);
CREATE INDEX progress_notes_by_client ON progress_notes (client_id);
CREATE INDEX psychotherapy_notes_by_author ON psychotherapy_notes (client_id, author);
CREATE INDEX care_team_by_user ON care_team_members (user_id);
)sql";

// Version 2 (issue 7, the HTTP server): account state (disabled, TOTP secret, the client record
// a client account belongs to), server-side login sessions (only a hash of each token) and
// break-glass grants (append-only, like the clinical record they open).
constexpr std::string_view kVersion2 = R"sql(
ALTER TABLE users ADD COLUMN status TEXT NOT NULL DEFAULT 'active'
  CHECK (status IN ('active', 'disabled'));
ALTER TABLE users ADD COLUMN totp_secret TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN client_id @INT@ REFERENCES clients (id);
CREATE TABLE login_sessions (
  token_hash TEXT PRIMARY KEY,
  user_id @INT@ NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  csrf_token TEXT NOT NULL
);
CREATE INDEX login_sessions_by_user ON login_sessions (user_id);
CREATE TABLE break_glass_grants (
  id @ID@,
  user_id @INT@ NOT NULL REFERENCES users (id),
  client_id @INT@ NOT NULL REFERENCES clients (id),
  reason TEXT NOT NULL,
  granted_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX break_glass_by_user ON break_glass_grants (user_id, client_id);
)sql";

// Version 3 (issue 7, performance): the indexes behind the paged and episode-scoped reads
// (alerts by client and by administration, handlings by alert, administrations by session,
// plans by client, amended administrations by client). Indexes only: no data changes.
constexpr std::string_view kVersion3 = R"sql(
CREATE INDEX alerts_by_client ON alerts (client_id, raised_at, id);
CREATE INDEX alerts_by_administration ON alerts (administration_id);
CREATE INDEX alert_handlings_by_alert ON alert_handlings (alert_id, id);
CREATE INDEX administrations_by_session ON measure_administrations (session_id, instrument, administered_at, id);
CREATE INDEX administrations_by_client_id ON measure_administrations (client_id, id);
CREATE INDEX plans_by_client ON plans (client_id);
CREATE INDEX episodes_by_client ON episodes (client_id);
CREATE INDEX sessions_by_episode ON sessions (episode_id);
CREATE INDEX amendments_by_client ON measure_administrations (client_id)
  WHERE supersedes IS NOT NULL;
)sql";

// Version 4 (issue 7, amending client identifiers): the registration's identifiers stay in
// client_identifiers as version 1; each amendment is a new, append-only row here, so every
// earlier version is kept.
constexpr std::string_view kVersion4 = R"sql(
CREATE TABLE client_identifier_amendments (
  client_id @INT@ NOT NULL REFERENCES clients (id),
  version @INT@ NOT NULL CHECK (version >= 2),
  name TEXT NOT NULL,
  date_of_birth TEXT NOT NULL,
  contact TEXT NOT NULL,
  external_reference TEXT NOT NULL,
  created_by @INT@ REFERENCES users (id),
  created_at TEXT NOT NULL,
  PRIMARY KEY (client_id, version)
);
)sql";

// Version 5 (issue 7, performance): a revision number per client that the database itself
// raises (to at least the current time in microseconds) on every insert into the tables the store's
// cached views are built from (names, profile, episodes, sessions, administrations, alerts and
// their handlings, plans), whichever connection or process inserts. A connection may keep a view of
// a client's records while the revision it was read at is still the current one
// (store/sql/client_views.hpp). Those tables are append-only, so inserts are the only changes.
// Techniques and answers are inserted in the same store call as their session or administration, so
// that row's raise covers them.
constexpr std::string_view kVersion5 = R"sql(
CREATE TABLE client_revisions (
  client_id @INT@ PRIMARY KEY REFERENCES clients (id),
  revision @INT@ NOT NULL
);
INSERT INTO client_revisions (client_id, revision) SELECT id, 0 FROM clients;
)sql";

// Version 7 (issue 14): the plan lifecycle. A plan's status is its latest status change
// (draft while it has none); each change of any plan of an episode takes the episode's next
// sequence number, so two concurrent activations cannot both commit (the primary key), and
// activating one plan and superseding the other share one transaction. A client's agreement
// recorded by staff on the client's behalf says how it was given; the staff member's own
// sign-off stays a separate row.
constexpr std::string_view kVersion7 = R"sql(
CREATE TABLE plan_status_changes (
  episode_id @INT@ NOT NULL REFERENCES episodes (id),
  episode_sequence @INT@ NOT NULL CHECK (episode_sequence >= 1),
  plan_id @INT@ NOT NULL REFERENCES plans (id),
  status TEXT NOT NULL CHECK (status IN ('active', 'superseded', 'discarded')),
  version @INT@ NOT NULL,
  changed_by @INT@ REFERENCES users (id),
  changed_at TEXT NOT NULL,
  reason TEXT NOT NULL,
  PRIMARY KEY (episode_id, episode_sequence)
);
CREATE INDEX plan_status_changes_by_plan ON plan_status_changes (plan_id, episode_sequence);
CREATE TABLE plan_recorded_agreements (
  plan_id @INT@ NOT NULL,
  version @INT@ NOT NULL,
  recorded_by @INT@ NOT NULL REFERENCES users (id),
  agreement TEXT NOT NULL CHECK (agreement IN ('in_session', 'by_phone', 'in_writing')),
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (plan_id, version),
  FOREIGN KEY (plan_id, version) REFERENCES plan_versions (plan_id, version)
);
INSERT INTO plan_status_changes (episode_id, episode_sequence, plan_id, status, version,
                                 changed_by, changed_at, reason)
SELECT p.episode_id, 1, p.id, 'active',
       (SELECT MAX(v.version) FROM plan_versions v WHERE v.plan_id = p.id), NULL, p.created_at,
       'signed by a clinician and the client before plans had a status'
FROM plans p
WHERE p.id = (SELECT MAX(q.id) FROM plans q CROSS JOIN plan_sign_offs c
              CROSS JOIN plan_sign_offs k
              WHERE q.episode_id = p.episode_id AND c.plan_id = q.id AND k.plan_id = q.id
                AND c.version = k.version AND c.role = 'clinician' AND k.role = 'client');
)sql";

// (table, the inserted row's client as an SQL expression over NEW) for each revision trigger.
constexpr std::pair<std::string_view, std::string_view> kRevisedTables[] = {
    {"client_identifiers", "NEW.client_id"},
    {"client_identifier_amendments", "NEW.client_id"},
    {"client_profiles", "NEW.client_id"},
    {"episodes", "NEW.client_id"},
    {"episode_closures", "(SELECT e.client_id FROM episodes e WHERE e.id = NEW.episode_id)"},
    {"sessions", "NEW.client_id"},
    {"measure_administrations", "NEW.client_id"},
    {"alerts", "NEW.client_id"},
    {"alert_handlings", "(SELECT a.client_id FROM alerts a WHERE a.id = NEW.alert_id)"},
    {"plans", "NEW.client_id"},
    {"plan_versions", "(SELECT p.client_id FROM plans p WHERE p.id = NEW.plan_id)"},
};

void ReplaceAll(std::string& text, std::string_view from, std::string_view to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

}  // namespace

const std::vector<std::string_view>& AppendOnlyTables() {
  static const std::vector<std::string_view> tables{"therapist_versions",
                                                    "therapist_competencies",
                                                    "client_identifiers",
                                                    "client_profiles",
                                                    "episodes",
                                                    "episode_closures",
                                                    "sessions",
                                                    "session_techniques",
                                                    "measure_administrations",
                                                    "administration_answers",
                                                    "alerts",
                                                    "alert_handlings",
                                                    "plans",
                                                    "plan_versions",
                                                    "plan_sign_offs",
                                                    "progress_notes",
                                                    "consultation_threads",
                                                    "consultation_messages",
                                                    "psychotherapy_notes",
                                                    "audit_log"};
  return tables;
}

// Version 6 (issue 16, login limits): the HTTP server's login-failure counters and the sources
// each account logged in from, so that the limits survive a restart and hold for every server
// on the store. Keys are hashes made by the server (no username or address in clear). Not
// clinical and not append-only: counters change and old ones are deleted.
constexpr std::string_view kVersion6 = R"sql(
CREATE TABLE login_counters (
  counter_key TEXT PRIMARY KEY,
  failures @INT@ NOT NULL CHECK (failures >= 1),
  window_start TEXT NOT NULL,
  last_failure TEXT NOT NULL
);
CREATE INDEX login_counters_by_last_failure ON login_counters (last_failure);
CREATE TABLE login_known_sources (
  source_key TEXT PRIMARY KEY,
  last_success TEXT NOT NULL
);
)sql";

// Version 8 (issue 15, alert lifecycle): an alert's key (episode, kind, instrument) and the
// severity it was raised with; each administration that meets an open alert's condition again
// is a trigger row (append-only) instead of a new alert; the state (open, acknowledged,
// resolved) is derived from the append-only handlings. In-app notifications (a risk item a
// client endorsed on their own, for the lead clinician): not clinical record rows, so only
// their read time changes.
constexpr std::string_view kVersion8 = R"sql(
ALTER TABLE alerts ADD COLUMN episode_id @INT@ REFERENCES episodes (id);
ALTER TABLE alerts ADD COLUMN instrument TEXT NOT NULL DEFAULT '';
ALTER TABLE alerts ADD COLUMN severity TEXT NOT NULL DEFAULT 'warning';
CREATE INDEX alerts_by_episode ON alerts (episode_id, kind, instrument);
CREATE TABLE alert_triggers (
  id @ID@,
  alert_id @INT@ NOT NULL REFERENCES alerts (id),
  administration_id @INT@ REFERENCES measure_administrations (id),
  triggered_at TEXT NOT NULL,
  severity TEXT NOT NULL,
  level @REAL@,
  detail TEXT NOT NULL
);
CREATE INDEX alert_triggers_by_alert ON alert_triggers (alert_id, id);
CREATE TABLE notifications (
  id @ID@,
  user_id @INT@ NOT NULL REFERENCES users (id),
  client_id @INT@ REFERENCES clients (id),
  kind TEXT NOT NULL,
  text TEXT NOT NULL,
  alert_id @INT@ REFERENCES alerts (id),
  created_at TEXT NOT NULL,
  read_at TEXT
);
CREATE INDEX notifications_by_user ON notifications (user_id, id);
)sql";

// Version 9 (issue 16, the record): corrections and voids of a measure as superseding rows
// with their reason (a void row names the administration it cancels; nothing counts in its
// place), and an episode's closures and reopenings as one append-only list whose latest row
// says whether it is closed (episode_closures allowed one closure ever; its rows are copied
// here and it is no longer written). A closure over open risk alerts records the override's
// reason. An index of the audit log by client, for a client's access history.
constexpr std::string_view kVersion9 = R"sql(
ALTER TABLE measure_administrations ADD COLUMN is_void @INT@ NOT NULL DEFAULT 0
  CHECK (is_void IN (0, 1));
ALTER TABLE measure_administrations ADD COLUMN change_reason TEXT NOT NULL DEFAULT '';
CREATE TABLE episode_status_changes (
  id @ID@,
  episode_id @INT@ NOT NULL REFERENCES episodes (id),
  status TEXT NOT NULL CHECK (status IN ('closed', 'reopened')),
  on_date TEXT NOT NULL,
  reason TEXT NOT NULL,
  risk_alert_override TEXT NOT NULL,
  changed_by @INT@ REFERENCES users (id),
  changed_at TEXT NOT NULL
);
CREATE INDEX episode_status_changes_by_episode ON episode_status_changes (episode_id, id);
CREATE INDEX audit_log_by_client ON audit_log (client_id, sequence);
INSERT INTO episode_status_changes (episode_id, status, on_date, reason, risk_alert_override,
  changed_by, changed_at)
  SELECT episode_id, 'closed', closed_on, reason, '', closed_by, closed_at
  FROM episode_closures ORDER BY episode_id;
)sql";

// Version 10 (issue 16, psychotherapy notes unreadable at rest; docs/decisions/0131): each
// author's note key pair (public half in clear, secret half wrapped under their password and
// under their recovery code), and the sealed text of each note. Notes written before this
// version keep their text in `body` with `sealed` NULL until their author's key exists; then
// they are sealed and `body` emptied, the one change the dialect's trigger allows on this
// otherwise append-only table (sqlite_migrations.cpp, pg_migrations.cpp).
constexpr std::string_view kVersion10 = R"sql(
CREATE TABLE note_keys (
  user_id @INT@ PRIMARY KEY REFERENCES users (id),
  public_key TEXT NOT NULL,
  password_wrap TEXT NOT NULL,
  recovery_wrap TEXT NOT NULL,
  created_at TEXT NOT NULL
);
ALTER TABLE psychotherapy_notes ADD COLUMN sealed TEXT;
CREATE INDEX psychotherapy_notes_unsealed ON psychotherapy_notes (author) WHERE sealed IS NULL;
)sql";

// Version 11 (issue 18): an episode's measurement schedule (the app's JSON document; one row
// per episode, replaced when the clinician changes it) and questionnaire links, stored by the
// SHA-256 of their token only. A link is used once: used_at, the submission's idempotency key
// and its receipt are set together in the submission's transaction.
constexpr std::string_view kVersion11 = R"sql(
CREATE TABLE measurement_schedules (
  episode_id @INT@ PRIMARY KEY REFERENCES episodes (id),
  document TEXT NOT NULL,
  updated_by @INT@ REFERENCES users (id),
  updated_at TEXT NOT NULL
);
CREATE TABLE questionnaire_links (
  id @ID@,
  token_hash TEXT NOT NULL UNIQUE,
  client_id @INT@ NOT NULL REFERENCES clients (id),
  session_id @INT@ NOT NULL REFERENCES sessions (id),
  instruments TEXT NOT NULL,
  created_by @INT@ NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  revoked_at TEXT,
  idempotency_key TEXT NOT NULL DEFAULT '',
  receipt TEXT NOT NULL DEFAULT ''
);
CREATE INDEX questionnaire_links_by_client ON questionnaire_links (client_id, id);
)sql";

// Version 12 (issue 18, reminders; docs/reminders.md): how a client may be reminded, with their
// consent per channel (versioned and append-only, like identifiers), and the outbox. An outbox
// row changes state as it is delivered (queued, sending, sent, failed_retrying,
// failed_permanently), so it is not append-only; its link is emptied once sent. The key is
// UNIQUE: the same reminder cannot be queued twice, and it is the email's Message-ID.
constexpr std::string_view kVersion12 = R"sql(
CREATE TABLE client_reminder_contacts (
  client_id @INT@ NOT NULL REFERENCES clients (id),
  version @INT@ NOT NULL CHECK (version >= 1),
  email TEXT NOT NULL,
  mobile TEXT NOT NULL,
  email_consent @INT@ NOT NULL CHECK (email_consent IN (0, 1)),
  sms_consent @INT@ NOT NULL CHECK (sms_consent IN (0, 1)),
  recorded_by @INT@ REFERENCES users (id),
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (client_id, version)
);
CREATE TABLE outbox_messages (
  id @ID@,
  idempotency_key TEXT NOT NULL UNIQUE,
  client_id @INT@ NOT NULL REFERENCES clients (id),
  channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
  recipient TEXT NOT NULL,
  template TEXT NOT NULL,
  link TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed_retrying',
                                       'failed_permanently')),
  attempts @INT@ NOT NULL CHECK (attempts >= 0),
  next_attempt_at TEXT NOT NULL,
  claimed_until TEXT,
  last_error TEXT NOT NULL,
  created_by @INT@ REFERENCES users (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  sent_at TEXT
);
CREATE INDEX outbox_messages_due ON outbox_messages (state, next_attempt_at);
CREATE INDEX outbox_messages_by_client ON outbox_messages (client_id, id);
)sql";

// Version 13 (issue 13, decision 0220): one competence scale. Competence levels stored on the
// former five-level scale become the catalogue's and planner's none < basic < competent <
// expert, mapped as the planner always read them (aware -> basic, trained and proficient ->
// competent, supervisor -> expert). therapist_competencies is append-only: the dialect's
// competence_rewrite_prelude drops its refusal triggers before this script, which restores them.
constexpr std::string_view kVersion13 = R"sql(
UPDATE therapist_competencies SET level = CASE level
    WHEN 'aware' THEN 'basic'
    WHEN 'trained' THEN 'competent'
    WHEN 'proficient' THEN 'competent'
    WHEN 'supervisor' THEN 'expert'
    ELSE level END
  WHERE level IN ('aware', 'trained', 'proficient', 'supervisor');
)sql";

// Version 14 (issue 15, supervision; docs/decisions/0210-supervision-read-access.md): teams of
// clinicians with their supervisors. A supervisor reads, for supervision, the clients whose
// lead clinician is a clinician of a team they supervise. Members are added, never changed.
constexpr std::string_view kVersion14 = R"sql(
CREATE TABLE teams (
  id @ID@,
  name TEXT NOT NULL UNIQUE,
  created_by @INT@ REFERENCES users (id),
  created_at TEXT NOT NULL
);
CREATE TABLE team_members (
  team_id @INT@ NOT NULL REFERENCES teams (id),
  user_id @INT@ NOT NULL REFERENCES users (id),
  role TEXT NOT NULL CHECK (role IN ('clinician', 'supervisor')),
  added_by @INT@ REFERENCES users (id),
  added_at TEXT NOT NULL,
  PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_by_user ON team_members (user_id, role, team_id);
CREATE INDEX care_team_by_role ON care_team_members (user_id, role, client_id);
)sql";

// Version 15 (issue 18; decisions 0251 and 0260): how a questionnaire link reaches the client
// (sent to their phone, or opened on the clinic's tablet in kiosk mode), and whether the client
// sees their own progress chart, set by the clinician per episode (off unless a row says on).
constexpr std::string_view kVersion15 = R"sql(
ALTER TABLE questionnaire_links ADD COLUMN delivery TEXT NOT NULL DEFAULT 'remote'
  CHECK (delivery IN ('remote', 'kiosk'));
CREATE TABLE progress_sharing (
  episode_id @INT@ PRIMARY KEY REFERENCES episodes (id),
  shared @INT@ NOT NULL CHECK (shared IN (0, 1)),
  updated_by @INT@ REFERENCES users (id),
  updated_at TEXT NOT NULL
);
)sql";

// Version 16 (issue 17): an amendment says why. Rows written before keep an empty reason.
constexpr std::string_view kVersion16 = R"sql(
ALTER TABLE sessions ADD COLUMN amendment_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE progress_notes ADD COLUMN amendment_reason TEXT NOT NULL DEFAULT '';
)sql";

// Version 17 (issue 15): a staff
// account's email address, for the lead clinician's notifications (docs/reminders.md). Empty:
// none. Client accounts have none (a client's address is its reminder contact, with consent).
constexpr std::string_view kVersion17 = R"sql(
ALTER TABLE users ADD COLUMN email TEXT NOT NULL DEFAULT '';
)sql";

std::vector<RenderedMigration> RenderMigrations(const SchemaDialect& dialect) {
  const auto render = [&dialect](std::string_view text) {
    std::string script(text);
    ReplaceAll(script, "@ID@", dialect.id_column);
    ReplaceAll(script, "@INT@", dialect.integer_type);
    ReplaceAll(script, "@REAL@", dialect.real_type);
    return script;
  };
  const auto raise_revision = [&dialect](std::string_view table, const std::string& client) {
    return dialect.after_insert(
        table, std::string(table) + "_raise_revision",
        "UPDATE client_revisions SET revision = " + std::string(dialect.next_revision) +
            " WHERE client_id = " + client);
  };
  std::string version1 = render(kVersion1);
  version1 += dialect.prelude;
  for (std::string_view table : AppendOnlyTables()) version1 += dialect.refuse_changes(table);
  std::string version2 = render(kVersion2);
  version2 += dialect.refuse_changes("break_glass_grants");
  std::string version4 = render(kVersion4);
  version4 += dialect.refuse_changes("client_identifier_amendments");
  std::string version5 = render(kVersion5);
  version5 += dialect.after_insert("clients", "client_revision_starts",
                                   "INSERT INTO client_revisions (client_id, revision) "
                                   "VALUES (NEW.id, 0)");
  for (const auto& [table, client] : kRevisedTables)
    version5 += raise_revision(table, std::string(client));
  std::string version7 = render(kVersion7);
  for (std::string_view table : {"plan_status_changes", "plan_recorded_agreements"}) {
    version7 += dialect.refuse_changes(table);
    version7 += raise_revision(table, "(SELECT p.client_id FROM plans p WHERE p.id = NEW.plan_id)");
  }
  std::string version8 = render(kVersion8);
  version8 += dialect.refuse_changes("alert_triggers");
  version8 += raise_revision("alert_triggers",
                             "(SELECT a.client_id FROM alerts a WHERE a.id = NEW.alert_id)");
  std::string version9 = render(kVersion9);
  version9 += dialect.refuse_changes("episode_status_changes");
  version9 += raise_revision("episode_status_changes",
                             "(SELECT e.client_id FROM episodes e WHERE e.id = NEW.episode_id)");
  std::string version10 = render(kVersion10);
  version10 += dialect.sealing_only_triggers;
  std::string version12 = render(kVersion12);
  version12 += dialect.refuse_changes("client_reminder_contacts");
  std::string version13(dialect.competence_rewrite_prelude);
  version13 += render(kVersion13);
  version13 += dialect.refuse_changes("therapist_competencies");
  std::string version14 = render(kVersion14);
  version14 += dialect.refuse_changes("team_members");
  std::vector<RenderedMigration> migrations;
  const auto add = [&migrations](std::string_view description, std::string script) {
    migrations.push_back({static_cast<int>(migrations.size()) + 1, description, std::move(script)});
  };
  add("clinical record store: people, records, plans, notes, audit log", std::move(version1));
  add("server: account state, login sessions, break-glass grants", std::move(version2));
  add("performance: indexes for paged and episode-scoped reads", render(kVersion3));
  add("amended client identifiers, every version kept", std::move(version4));
  add("performance: a revision per client, raised by the database on every insert",
      std::move(version5));
  add("login limits: failure counters and known sources that survive a restart", render(kVersion6));
  add("plan lifecycle: draft, active, superseded, discarded; client agreement recorded on the "
      "client's behalf",
      std::move(version7));
  add("alert lifecycle: alert key and severity, triggering administrations, notifications",
      std::move(version8));
  add("the record: measure corrections and voids, episode closures and reopenings",
      std::move(version9));
  add("psychotherapy notes sealed to their author's key", std::move(version10));
  add("measurement schedules per episode and questionnaire links (token hashes only)",
      render(kVersion11));
  add("reminders: client contact and consent per channel, the outbox", std::move(version12));
  add("one competence scale: none, basic, competent, expert", std::move(version13));
  add("teams of clinicians and their supervisors (supervision read access)", std::move(version14));
  add("questionnaire links opened on a kiosk tablet; the client's progress shared per episode",
      render(kVersion15));
  add("the reason of a session's or progress note's amendment", render(kVersion16));
  add("staff email addresses for the lead clinician's notifications", render(kVersion17));
  return migrations;
}

std::vector<Migration> ListMigrations(const std::vector<RenderedMigration>& rendered) {
  std::vector<Migration> migrations;
  for (const RenderedMigration& migration : rendered)
    migrations.push_back({migration.version, migration.description, migration.script});
  return migrations;
}

}  // namespace tessera::store
