#pragma once
// The Store on any SQL database: every repository operation written once, over the Database
// seam, so SQLite and PostgreSQL behave identically (one contract suite proves it). The class
// is split across files by operation (users_therapists.cpp, clients.cpp, episodes.cpp,
// measures.cpp, plans.cpp, notes.cpp, audit.cpp).

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/metrics_sink.hpp"
#include "core/store.hpp"
#include "store/sql/client_views.hpp"
#include "store/sql/database.hpp"

namespace tessera::store {

class SqlStore final : public Store {
 public:
  /// Takes a migrated database. `clock` must outlive the store.
  SqlStore(std::unique_ptr<Database> database, const Clock& clock);

  Database& database() { return *database_; }
  /// Where committed alerts are counted (tessera_alerts_raised_total). May be null; must
  /// outlive the store. Counted after the commit, so a rolled-back alert never counts.
  void SetMetrics(MetricsSink* metrics) { metrics_ = metrics; }

  // UserRepository
  Result<UserId> CreateUser(const AccessContext& context, const User& user) override;
  Result<User> FindUser(const AccessContext& context, const std::string& username) override;
  Result<User> GetUser(const AccessContext& context, UserId id) override;
  Result<std::int64_t> CountUsers() override;
  // TherapistRepository
  Status CreateTherapist(const AccessContext& context, const Therapist& therapist) override;
  Result<std::int64_t> UpdateTherapist(const AccessContext& context,
                                       const Therapist& therapist) override;
  Result<Therapist> GetTherapist(const AccessContext& context, const TherapistId& id) override;
  Result<std::vector<Therapist>> ListTherapists(const AccessContext& context) override;
  // ClientRepository
  Result<ClientId> CreateClient(const AccessContext& context, const ClientIdentifiers& identifiers,
                                const ClientProfile& profile) override;
  Result<Client> GetClient(const AccessContext& context, ClientId id) override;
  Result<Client> GetClientProfile(const AccessContext& context, ClientId id) override;
  Result<std::int64_t> AmendProfile(const AccessContext& context, ClientId id,
                                    std::int64_t expected_version,
                                    const ClientProfile& profile) override;
  Result<std::vector<ClientId>> ListClients(const AccessContext& context) override;
  Result<std::int64_t> AmendIdentifiers(const AccessContext& context, ClientId id,
                                        std::int64_t expected_version,
                                        const ClientIdentifiers& identifiers) override;
  Result<std::vector<IdentifiersVersion>> ListIdentifierVersions(const AccessContext& context,
                                                                 ClientId id) override;
  Status AddCareTeamMember(const AccessContext& context, const CareTeamMember& member) override;
  Result<bool> RemoveCareTeamMember(const AccessContext& context, ClientId client,
                                    UserId user) override;
  Result<std::vector<CareTeamMember>> GetCareTeam(const AccessContext& context,
                                                  ClientId client) override;
  // EpisodeRepository
  Result<EpisodeId> OpenEpisode(const AccessContext& context, const Episode& episode) override;
  Status CloseEpisode(const AccessContext& context, EpisodeId id, const std::string& closed_on,
                      const std::string& reason,
                      const std::string& risk_alert_override = "") override;
  Status ReopenEpisode(const AccessContext& context, EpisodeId id,
                       const std::string& reason) override;
  Result<std::vector<Episode>> ListEpisodes(const AccessContext& context, ClientId client) override;
  Result<SessionId> RecordSession(const AccessContext& context, const Session& session) override;
  Result<std::vector<Session>> ListSessions(const AccessContext& context, ClientId client,
                                            Versions versions) override;
  // MeasureRepository
  Result<AdministrationId> RecordAdministration(
      const AccessContext& context, const MeasureAdministration& administration) override;
  Result<std::vector<MeasureAdministration>> ListAdministrations(const AccessContext& context,
                                                                 ClientId client,
                                                                 Versions versions) override;
  Result<AlertId> RaiseAlert(const AccessContext& context, const Alert& alert) override;
  Status HandleAlert(const AccessContext& context, AlertId alert,
                     const AlertHandling& handling) override;
  Result<std::vector<Alert>> ListAlerts(const AccessContext& context, ClientId client) override;
  Status AddAlertTrigger(const AccessContext& context, AlertId alert,
                         const AlertTrigger& trigger) override;
  // NotificationRepository (notifications.cpp)
  Result<std::int64_t> NotifyCareTeamLeads(const AccessContext& context, ClientId client,
                                           const std::string& kind, const std::string& text,
                                           std::optional<AlertId> alert,
                                           const std::string& email_link) override;
  Result<std::vector<Notification>> ListMyNotifications(const AccessContext& context,
                                                        bool unread_only) override;
  Result<Notification> MarkNotificationRead(const AccessContext& context,
                                            NotificationId id) override;
  // ScheduleRepository (schedules.cpp)
  Result<std::optional<StoredSchedule>> GetSchedule(const AccessContext& context, ClientId client,
                                                    EpisodeId episode) override;
  Status SetSchedule(const AccessContext& context, ClientId client, EpisodeId episode,
                     const std::string& document) override;
  Result<LinkId> CreateQuestionnaireLink(const AccessContext& context,
                                         const QuestionnaireLink& link,
                                         const std::string& token_hash) override;
  Result<std::optional<QuestionnaireLink>> FindQuestionnaireLink(
      const std::string& token_hash) override;
  Status RecordQuestionnaireLinkUse(const AccessContext& context,
                                    const QuestionnaireLink& link) override;
  Result<bool> UseQuestionnaireLink(const AccessContext& context, LinkId link,
                                    const std::string& idempotency_key,
                                    const std::string& receipt) override;
  Result<QuestionnaireLink> RevokeQuestionnaireLink(const AccessContext& context, ClientId client,
                                                    LinkId link) override;
  Result<std::vector<QuestionnaireLink>> ListQuestionnaireLinks(const AccessContext& context,
                                                                ClientId client) override;
  Result<ProgressSharing> GetProgressSharing(const AccessContext& context, ClientId client,
                                             EpisodeId episode) override;
  Result<ProgressSharing> SetProgressSharing(const AccessContext& context, ClientId client,
                                             EpisodeId episode, bool shared) override;
  // OutboxRepository (outbox.cpp)
  Result<ReminderContact> GetReminderContact(const AccessContext& context,
                                             ClientId client) override;
  Result<std::int64_t> SetReminderContact(const AccessContext& context,
                                          const ReminderContact& contact,
                                          std::int64_t expected_version) override;
  Result<OutboxMessage> EnqueueOutboxMessage(const AccessContext& context,
                                             const NewOutboxMessage& message) override;
  Result<std::vector<OutboxMessage>> ListOutboxMessages(const AccessContext& context,
                                                        std::optional<ClientId> client) override;
  Result<std::optional<OutboxMessage>> ClaimDueOutboxMessage(
      const std::set<ReminderChannel>& channels, TimePoint lease_until) override;
  Status MarkOutboxSent(OutboxMessageId id, std::int64_t attempt) override;
  Status MarkOutboxFailed(OutboxMessageId id, std::int64_t attempt, const std::string& error,
                          std::optional<TimePoint> retry_at) override;
  // PlanRepository
  Result<PlanId> CreatePlan(const AccessContext& context, const Plan& plan) override;
  Result<std::int64_t> RevisePlan(const AccessContext& context, PlanId plan,
                                  std::int64_t expected_version,
                                  const PlanVersion& revision) override;
  Result<std::int64_t> RecordOwnPlanChoices(const AccessContext& context, PlanId plan,
                                            std::int64_t expected_version,
                                            const PlanVersion& revision) override;
  Status SignOffPlan(const AccessContext& context, PlanId plan, std::int64_t version,
                     SignOffRole role) override;
  Status RecordClientAgreement(const AccessContext& context, PlanId plan, std::int64_t version,
                               AgreementGiven how) override;
  Status DiscardPlan(const AccessContext& context, PlanId plan, const std::string& reason) override;
  Result<Plan> GetPlan(const AccessContext& context, PlanId plan) override;
  Result<std::vector<Plan>> ListPlans(const AccessContext& context, ClientId client) override;
  // NoteRepository
  Result<NoteId> WriteProgressNote(const AccessContext& context, const ProgressNote& note) override;
  Result<std::vector<ProgressNote>> ListProgressNotes(const AccessContext& context, ClientId client,
                                                      Versions versions) override;
  Result<std::vector<ProgressNote>> SearchProgressNotes(const AccessContext& context,
                                                        const std::string& text) override;
  Result<ThreadId> OpenThread(const AccessContext& context, ClientId client,
                              const std::string& topic) override;
  Status PostToThread(const AccessContext& context, ThreadId thread,
                      const std::string& text) override;
  Result<std::vector<ConsultationInboxEntry>> ListConsultationInbox(
      const AccessContext& context) override;
  Result<std::vector<ConsultationThread>> ListThreads(const AccessContext& context,
                                                      ClientId client) override;
  Result<NoteId> WritePsychotherapyNote(const AccessContext& context,
                                        const PsychotherapyNote& note) override;
  Result<std::vector<PsychotherapyNote>> ListMyPsychotherapyNotes(const AccessContext& context,
                                                                  ClientId client,
                                                                  const NoteKey* key) override;
  // Psychotherapy-note keys (note_keys.cpp)
  Result<std::optional<StoredNoteKey>> FindNoteKey(UserId user) override;
  Result<std::int64_t> CreateNoteKey(const AccessContext& context,
                                     const StoredNoteKey& key) override;
  Status SetNoteKeyWraps(const AccessContext& context, const std::string& password_wrap,
                         const std::string& recovery_wrap) override;
  Result<std::vector<std::pair<UserId, std::int64_t>>> CountUnsealedPsychotherapyNotes(
      const AccessContext& context) override;
  // AccountRepository (accounts.cpp)
  Result<std::optional<Account>> FindAccountByName(std::string_view username) override;
  Result<std::optional<Account>> FindAccountById(UserId id) override;
  Result<std::vector<Account>> ListAccounts(const AccessContext& context) override;
  Status SetAccountStatus(const AccessContext& context, UserId user, AccountStatus status) override;
  Status SetAccountEmail(const AccessContext& context, UserId user,
                         const std::string& email) override;
  Status SetTotpSecret(const AccessContext& context, const std::string& secret_base32) override;
  Status LinkClientAccount(const AccessContext& context, UserId user, ClientId client) override;
  Status ChangeOwnPassword(const AccessContext& context, const std::string& password_hash,
                           std::string_view keep_session_hash) override;
  Status ResetPassword(const AccessContext& context, UserId user,
                       const std::string& password_hash) override;
  Status ResetTotp(const AccessContext& context, UserId user) override;
  Status InsertLoginSession(const LoginSession& session) override;
  Result<std::optional<LoginSession>> FindLoginSession(std::string_view token_hash) override;
  Status TouchLoginSession(std::string_view token_hash, TimePoint last_seen_at) override;
  Status RemoveLoginSession(std::string_view token_hash) override;
  Status RemoveLoginSessionsForUser(UserId user) override;
  Result<std::vector<LoginCounter>> FindLoginCounters(
      const std::vector<std::string>& keys) override;
  Status SaveLoginCounters(const std::vector<LoginCounter>& counters,
                           TimePoint forget_before) override;
  Result<bool> IsKnownLoginSource(std::string_view source_key, TimePoint since) override;
  Status RecordLoginEvent(LoginEvent event, std::optional<UserId> account,
                          std::string_view source_key) override;
  Result<BreakGlassGrant> BreakGlass(const AccessContext& context, ClientId client,
                                     const std::string& reason,
                                     std::chrono::seconds duration) override;
  // ClinicalReadRepository (clinical_reads.cpp, client_summary.cpp)
  Result<std::vector<MeasureAdministration>> ListAdministrationsPage(
      const AccessContext& context, ClientId client, const AdministrationQuery& query) override;
  Result<std::vector<Session>> ListSessionsPage(const AccessContext& context, ClientId client,
                                                Versions versions, const PageQuery& page) override;
  Result<std::vector<ProgressNote>> ListProgressNotesPage(const AccessContext& context,
                                                          ClientId client, Versions versions,
                                                          const PageQuery& page) override;
  Result<EpisodeRecords> ReadEpisodeOfSession(const AccessContext& context, ClientId client,
                                              SessionId session) override;
  Result<ClientSummary> GetClientSummary(const AccessContext& context, ClientId client) override;
  // TeamRepository (teams.cpp)
  Result<TeamId> CreateTeam(const AccessContext& context, const std::string& name) override;
  Status RenameTeam(const AccessContext& context, TeamId team, const std::string& name) override;
  Status AddTeamMember(const AccessContext& context, TeamId team, UserId user,
                       TeamRole role) override;
  Result<std::vector<Team>> ListTeams(const AccessContext& context) override;
  // CaseloadRepository (caseload_reads.cpp)
  Result<std::vector<CaseloadRecord>> ReadCaseload(const AccessContext& context,
                                                   CaseloadScope scope) override;
  // Store
  Status Atomically(const std::function<Status()>& work) override;
  std::vector<Status> RunBatch(const std::vector<std::function<Status()>>& units) override;
  Status AuditExport(const AccessContext& context, ClientId client) override;
  Status AuditImport(const AccessContext& context) override;
  Status AuditLogRead(const AccessContext& context, std::string_view what) override;
  Result<std::vector<AuditEntry>> ReadClientAudit(const AccessContext& context, ClientId client,
                                                  std::int64_t offset, std::int64_t limit) override;
  Result<AuditVerification> VerifyAudit() override;
  Result<std::vector<AuditEntry>> ReadAudit(std::int64_t from_sequence,
                                            std::int64_t limit) override;
  std::string Dialect() const override { return database_->Dialect(); }

 private:
  /// Runs work in a transaction, or inside the caller's when one is open. Rolls back on error.
  template <class Work>
  auto Transact(Work&& work) -> decltype(work());
  Status BeginTransaction();
  Status FinishTransaction(bool succeeded);
  /// Rolls back the transaction Transact began when its work threw.
  void AbandonTransaction();

  /// Writes the transaction's audit head back to audit_head when entries moved it.
  Status FlushAuditHead();
  /// Appends one audit entry inside the current transaction.
  Status Audit(const AccessContext& context, std::optional<ClientId> client, AuditAction action,
               std::string_view record_type, const std::string& record_id, Sensitivity sensitivity);
  /// Appends one read entry per client (record id: the client's id), as one Audit call each
  /// would, but chained in one pass and written in a few multi-row statements.
  Status AuditClientReads(const AccessContext& context, const std::vector<ClientId>& clients,
                          std::string_view record_type, Sensitivity sensitivity);
  /// ReadCaseload's parts (alerts, episodes, sessions, plan content, profile, administrations
  /// given) of the `stale` clients (id -> record to fill, revision), by one query per part:
  /// over the scope's subquery when every client of the scope is stale, else over their ids.
  Status ReadCaseloadParts(
      const std::map<std::int64_t, std::pair<CaseloadRecord*, std::int64_t>>& stale,
      std::size_t scope_size, const std::string& scope_clients, const SqlParams& scope_params);
  /// The actor's role from the users table; Unauthenticated when the context has no account.
  Result<Role> ActorRole(const AccessContext& context);
  /// NotFound unless the client exists and the actor may act on it (the same message either way).
  /// Else the client's revision (as ClientRevision), read by the same query: a read that keeps
  /// views needs no statement of its own for it, and it is read before any of the rows.
  Result<std::int64_t> RequireClientAccess(const AccessContext& context, ClientId client);
  /// PermissionDenied unless the actor's role is one of `allowed`.
  Status RequireRole(const AccessContext& context, std::initializer_list<Role> allowed,
                     std::string_view doing);
  /// The client a record belongs to, after the access check on that client. NotFound, with the
  /// same message, when the record does not exist or the actor may not see it.
  Result<ClientId> RequireRecordAccess(const AccessContext& context, std::string_view table,
                                       std::int64_t id, std::string_view what);
  /// NotFound unless record `id` of `table` exists and belongs to `client` (a record of another
  /// client looks missing, so references cannot probe other clients' records).
  Status RequireBelongsTo(std::string_view table, std::int64_t id, std::string_view what,
                          ClientId client);
  /// The client a record belongs to (no access check); NotFound when there is none.
  Result<ClientId> OwningClient(std::string_view table, std::int64_t id, std::string_view what);
  /// Admin resets: PermissionDenied for other roles, InvalidArgument on the admin's own
  /// account, NotFound for a missing one.
  Status RequireOtherAccount(const AccessContext& context, UserId user, std::string_view doing);
  /// Conflict naming the rule when the episode is closed (issue 16: nothing is written to a
  /// closed episode until it is reopened); RequireSessionEpisodeOpen for a session's episode.
  Status RequireEpisodeOpen(std::int64_t episode);
  Status RequireSessionEpisodeOpen(std::int64_t session);
  /// The checks on the row a correction or void supersedes (measures.cpp).
  Status RequireSupersedable(const MeasureAdministration& administration);
  /// Inserts and returns the new row's id (statement must end in RETURNING id).
  Result<std::int64_t> InsertReturningId(std::string_view sql, const SqlParams& params);
  /// Seals `text` to `public_key` (base64) for psychotherapy note `note` and stores it, emptying
  /// the row's body (note_keys.cpp).
  Status SealPsychotherapyNoteRow(NoteId note, ClientId client, UserId author,
                                  std::string_view text, const std::string& public_key);
  std::string Now() const;
  /// The client's revision (client_revisions): raised by the database on every insert a cached
  /// view depends on (client_views.hpp). 0 for a client without a row (none exists).
  Result<std::int64_t> ClientRevision(ClientId client);
  /// The revision now when this connection holds a view of `client`, else nullopt (so an
  /// insert costs the revision reads only when there is a view to keep).
  Result<std::optional<std::int64_t>> RevisionIfViewed(ClientId client);

  /// Inserts an administration's item answers in their order (measures.cpp).
  Status InsertAnswers(std::int64_t administration, const std::vector<ItemAnswer>& answers);
  /// Moves this connection's views of the client past its own insert of `administration` as
  /// row `id` (measures.cpp); `before` is the revision read before the insert.
  Status KeepViewsAfterInsert(const MeasureAdministration& administration, std::int64_t id,
                              std::int64_t before);
  /// The client's current reminder contact and whether an account is linked (outbox.cpp); the
  /// caller checked access.
  Result<ReminderContact> ReadReminderContact(ClientId client);
  /// The summary from SQL (client_summary.cpp); the caller checked access and audited.
  Result<ClientSummary> ReadClientSummary(ClientId client);
  /// The monitor's view of an episode from SQL (clinical_reads.cpp); the caller checked access.
  Result<EpisodeView> ReadEpisodeView(ClientId client, EpisodeId episode);
  /// Alerts (alias `a`) matching `where`, with handlings and triggers, by raising time then
  /// id (alerts.cpp); the caller checked access and audited.
  Result<std::vector<Alert>> AlertsWhere(std::string_view where, const SqlParams& params);
  /// Administrations from rows of kAdministrationColumns, with their answers loaded by one
  /// query (per 256 rows) by id (clinical_reads.cpp).
  Result<std::vector<MeasureAdministration>> AdministrationsWithAnswers(ClientId client,
                                                                        const SqlRows& rows);
  /// ListProgressNotes, whole (no page) or one page in SQL (notes.cpp).
  Result<std::vector<ProgressNote>> SelectProgressNotes(const AccessContext& context,
                                                        ClientId client, Versions versions,
                                                        std::optional<PageQuery> page);
  /// ListSessions, whole (no page) or one page in SQL (episodes.cpp).
  Result<std::vector<Session>> SelectSessions(const AccessContext& context, ClientId client,
                                              Versions versions, std::optional<PageQuery> page);
  /// Sessions from rows of (id, episode_id, session_date, attendance, supersedes), with
  /// their techniques loaded by one query (per 256 rows) by id.
  Result<std::vector<Session>> SessionsWithTechniques(ClientId client, const SqlRows& rows);
  Result<Plan> LoadPlan(PlanId id);
  /// Appends version expected_version + 1 of `plan` (Conflict when the plan has moved on) and
  /// audits it as an amendment; the caller has checked access and role.
  Result<std::int64_t> AppendPlanVersion(const AccessContext& context, ClientId client, PlanId plan,
                                         std::int64_t expected_version,
                                         const PlanVersion& revision);
  /// The plan's status from its latest status change (draft when it has none) and its
  /// episode (plan_lifecycle.cpp).
  Result<std::pair<PlanStatus, EpisodeId>> PlanStatusOf(PlanId plan);
  /// Conflict unless the plan is a draft or active (a superseded or discarded plan is closed).
  Status RequireOpenPlan(PlanId plan);
  /// After a sign-off or recorded agreement on `version`: when the plan is a draft, `version`
  /// is current and AgreedByBoth, the plan becomes active and the episode's active plan is
  /// superseded (plan_lifecycle.cpp).
  Status ActivateIfAgreed(const AccessContext& context, ClientId client, PlanId plan,
                          std::int64_t version);
  /// Appends a status change at the episode's next sequence number; Conflict when another
  /// change of the episode's plans got there first.
  Status AppendPlanStatus(const AccessContext& context, PlanId plan, EpisodeId episode,
                          PlanStatus status, std::int64_t version, const std::string& reason);

  /// Remembers a refused attempt; Transact records it after rolling back (see sql_store.cpp).
  void NoteDenial(const AccessContext& context, std::optional<ClientId> client,
                  std::string_view record_type, std::string record_id, Sensitivity sensitivity);
  /// Writes the remembered denial, if any, in a transaction of its own.
  void RecordPendingDenial();
  /// Inside a batch: writes the remembered denial, if any, in the batch's transaction.
  Status AuditPendingDenialInBatch();
  /// Runs one batch unit in its own savepoint (batch.cpp). The outer Status is the batch's
  /// (a failed savepoint statement ends the whole batch); the inner is the unit's.
  Result<Status> RunUnit(const std::function<Status()>& unit);

  struct Denial {
    AccessContext context;
    std::optional<ClientId> client;
    std::string record_type;
    std::string record_id;
    Sensitivity sensitivity;
  };

  std::unique_ptr<Database> database_;
  const Clock& clock_;
  int transaction_depth_ = 0;
  std::optional<Denial> pending_denial_;
  MetricsSink* metrics_ = nullptr;
  /// Alerts inserted by the open transaction; reported to metrics_ when it commits.
  std::uint64_t uncommitted_alerts_ = 0;
  /// The audit chain's head during a transaction (read by BeginTransaction under the row lock,
  /// moved by each entry, written back by FinishTransaction before the commit: one UPDATE per
  /// transaction, not per entry). Absent outside a transaction.
  struct AuditHead {
    std::int64_t count = 0;
    std::string hash;
    bool dirty = false;
  };
  std::optional<AuditHead> audit_head_;
  /// Clients the open transaction reaches only through supervision (RequireClientAccess): read
  /// only, so Audit refuses any other action on them. Emptied when the transaction ends.
  std::set<std::int64_t> supervised_clients_;
  /// Views of clients' records read by this connection; emptied on every rollback.
  ClientViews views_;
};

template <class Work>
auto SqlStore::Transact(Work&& work) -> decltype(work()) {
  if (transaction_depth_ > 0) return work();
  TRY(BeginTransaction());
  ++transaction_depth_;
  // An exception from the work must not leave this connection inside the transaction (every
  // later call would join it and never commit): roll back, then let it go on.
  std::optional<decltype(work())> outcome;
  try {
    outcome.emplace(work());
  } catch (...) {
    AbandonTransaction();
    throw;
  }
  auto result = std::move(*outcome);
  --transaction_depth_;
  const bool succeeded = result.has_value();
  Status finished = FinishTransaction(succeeded);
  RecordPendingDenial();
  if (!finished) return Propagate(finished.error());
  return result;
}

}  // namespace tessera::store
