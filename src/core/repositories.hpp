#pragma once
// The clinical store's interfaces (implemented in src/store/sqlite and src/store/postgres on
// one shared SQL core). Rules every implementation keeps, checked by one contract suite:
//  - Every call takes the AccessContext of the person acting. The audit entry for the call is
//    written in the same transaction as the read or write, so either both happen or neither.
//  - Client data are reachable only as DecideClientAccess allows; "not yours" and "does not
//    exist" are the same NotFound, so ids cannot be probed.
//  - Nothing clinical is updated in place: amendments are new rows that name the row they
//    supersede; a second amendment of the same row, or a plan revision based on a stale
//    version, fails with Conflict ("reload and retry").
//  - A Store object is one connection: use it from one thread at a time.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/access.hpp"
#include "core/records/audit.hpp"
#include "core/records/clinical.hpp"
#include "core/records/note_key.hpp"
#include "core/records/people.hpp"
#include "core/records/plans.hpp"
#include "core/result.hpp"

namespace tessera {

/// One version of a client's identifiers: version 1 is the registration, later ones amendments.
struct IdentifiersVersion {
  std::int64_t version = 1;
  ClientIdentifiers identifiers;
  std::optional<UserId> recorded_by;
  TimePoint recorded_at;
};

/// Which rows a list returns: the current version of each record, or every version (amended
/// ones too, each naming the row it supersedes), in the order they were written.
enum class Versions { kCurrentOnly, kWithHistory };

class UserRepository {
 public:
  virtual ~UserRepository() = default;
  /// Creates an account. AlreadyExists when the username is taken; PermissionDenied unless
  /// the actor is an admin (or the bootstrap context on a store with no accounts).
  virtual Result<UserId> CreateUser(const AccessContext& context, const User& user) = 0;
  /// NotFound when no account has that name. Used to establish an AccessContext.
  virtual Result<User> FindUser(const AccessContext& context, const std::string& username) = 0;
  /// NotFound when no account has that id. Any signed-in account may look names up.
  virtual Result<User> GetUser(const AccessContext& context, UserId id) = 0;
  virtual Result<std::int64_t> CountUsers() = 0;
};

class TherapistRepository {
 public:
  virtual ~TherapistRepository() = default;
  /// AlreadyExists when the id is taken. Admin only.
  virtual Status CreateTherapist(const AccessContext& context, const Therapist& therapist) = 0;
  /// Stores therapist as version therapist.version + 1; Conflict unless therapist.version is
  /// the current version. Returns the new version.
  virtual Result<std::int64_t> UpdateTherapist(const AccessContext& context,
                                               const Therapist& therapist) = 0;
  virtual Result<Therapist> GetTherapist(const AccessContext& context, const TherapistId& id) = 0;
  /// Staff only (admin, clinician, supervisor): every therapist's current version with its
  /// competencies, in id order. One audit entry for the list.
  virtual Result<std::vector<Therapist>> ListTherapists(const AccessContext& context) = 0;
};

class ClientRepository {
 public:
  virtual ~ClientRepository() = default;
  /// Admin or clinician; a clinician who creates a client becomes its lead on the care team.
  virtual Result<ClientId> CreateClient(const AccessContext& context,
                                        const ClientIdentifiers& identifiers,
                                        const ClientProfile& profile) = 0;
  virtual Result<Client> GetClient(const AccessContext& context, ClientId id) = 0;
  /// Clinical profile only: the identifiers are not read (and not audited as identifying).
  virtual Result<Client> GetClientProfile(const AccessContext& context, ClientId id) = 0;
  /// Stores a new profile version; Conflict unless expected_version is current.
  virtual Result<std::int64_t> AmendProfile(const AccessContext& context, ClientId id,
                                            std::int64_t expected_version,
                                            const ClientProfile& profile) = 0;
  /// Stores a new version of the client's identifiers; the earlier versions are kept (the
  /// first one is the registration). Staff with access to the client; Conflict unless
  /// expected_version is the current identifiers_version. Audited as an identifying amendment.
  /// Returns the new version.
  virtual Result<std::int64_t> AmendIdentifiers(const AccessContext& context, ClientId id,
                                                std::int64_t expected_version,
                                                const ClientIdentifiers& identifiers) = 0;
  /// Every version of the client's identifiers, oldest first. Staff with access; audited as an
  /// identifying read.
  virtual Result<std::vector<IdentifiersVersion>> ListIdentifierVersions(
      const AccessContext& context, ClientId id) = 0;
  /// The clients the actor may see, in id order.
  virtual Result<std::vector<ClientId>> ListClients(const AccessContext& context) = 0;
  virtual Status AddCareTeamMember(const AccessContext& context, const CareTeamMember& member) = 0;
  /// Takes `user` off the client's care team (admins and clinicians with access). Returns
  /// whether they were on it (a second removal changes nothing). Conflict for the lead
  /// clinician: the caseload and every plan name them, so the lead is never removed.
  virtual Result<bool> RemoveCareTeamMember(const AccessContext& context, ClientId client,
                                            UserId user) = 0;
  virtual Result<std::vector<CareTeamMember>> GetCareTeam(const AccessContext& context,
                                                          ClientId client) = 0;
};

class EpisodeRepository {
 public:
  virtual ~EpisodeRepository() = default;
  virtual Result<EpisodeId> OpenEpisode(const AccessContext& context, const Episode& episode) = 0;
  /// Closes the episode on `closed_on`. Conflict when it is already closed, and when an alert
  /// of a risk kind (IsRiskAlertKind) raised in the episode is still active (open or
  /// acknowledged: not resolved) while `risk_alert_override` is empty: the message names the
  /// alerts. A non-empty override is the clinician's reason for closing anyway; it is stored with
  /// the closure and audited as its own entry (record type "episode_risk_override").
  virtual Status CloseEpisode(const AccessContext& context, EpisodeId id,
                              const std::string& closed_on, const std::string& reason,
                              const std::string& risk_alert_override = "") = 0;
  /// Reopens a closed episode, so that sessions, measures, plan changes and notes can be
  /// recorded in it again (they are refused with Conflict while it is closed). Conflict when it
  /// is open; InvalidArgument without a reason. Audited (record type "episode_reopening").
  virtual Status ReopenEpisode(const AccessContext& context, EpisodeId id,
                               const std::string& reason) = 0;
  virtual Result<std::vector<Episode>> ListEpisodes(const AccessContext& context,
                                                    ClientId client) = 0;
  /// session.supersedes set: an amendment (Conflict if that session was already amended).
  virtual Result<SessionId> RecordSession(const AccessContext& context, const Session& session) = 0;
  /// kCurrentOnly: amended sessions are replaced by their amendment, ordered by date.
  virtual Result<std::vector<Session>> ListSessions(const AccessContext& context, ClientId client,
                                                    Versions versions) = 0;
};

class MeasureRepository {
 public:
  virtual ~MeasureRepository() = default;
  /// Stores an administration. With `supersedes` it corrects that row (entry kMeasure: it
  /// counts instead) or voids it (entry kVoid, `reason` required: nothing counts in its place);
  /// Conflict when that row was already corrected or voided, or is itself a void. Dating
  /// kBySession takes administered_at from the session's date (00:00 UTC). Conflict when the
  /// session's episode is closed. submitted_at is the store's clock.
  virtual Result<AdministrationId> RecordAdministration(
      const AccessContext& context, const MeasureAdministration& administration) = 0;
  /// kCurrentOnly: ordered by administration time; corrected and voided rows, and the voids
  /// themselves, are left out. kWithHistory: every row in the order written.
  virtual Result<std::vector<MeasureAdministration>> ListAdministrations(
      const AccessContext& context, ClientId client, Versions versions) = 0;
  /// Stores the alert with its triggers (alert.triggers; usually the raising one). The
  /// administration, episode and every trigger's administration must be the client's.
  virtual Result<AlertId> RaiseAlert(const AccessContext& context, const Alert& alert) = 0;
  /// Appends a trigger: an administration that met the alert's condition again. NotFound for
  /// an alert (or an administration of another client) the actor cannot see.
  virtual Status AddAlertTrigger(const AccessContext& context, AlertId alert,
                                 const AlertTrigger& trigger) = 0;
  /// Appends a handling; handling.handled_by is taken from the context.
  virtual Status HandleAlert(const AccessContext& context, AlertId alert,
                             const AlertHandling& handling) = 0;
  /// The client's alerts with their handlings and triggers, by raising time then id.
  virtual Result<std::vector<Alert>> ListAlerts(const AccessContext& context, ClientId client) = 0;
};

class PlanRepository {
 public:
  virtual ~PlanRepository() = default;
  /// plan.versions must hold exactly the first version. Returns the new plan's id.
  virtual Result<PlanId> CreatePlan(const AccessContext& context, const Plan& plan) = 0;
  /// Adds version expected_version + 1. Conflict when another revision got there first.
  virtual Result<std::int64_t> RevisePlan(const AccessContext& context, PlanId plan,
                                          std::int64_t expected_version,
                                          const PlanVersion& revision) = 0;
  /// Adds version expected_version + 1 recording a client's own choices: only for the client
  /// account linked to the plan's record (staff use RevisePlan); `revision` has no prompt.
  /// PermissionDenied for other roles; NotFound for another client's plan; Conflict as above.
  virtual Result<std::int64_t> RecordOwnPlanChoices(const AccessContext& context, PlanId plan,
                                                    std::int64_t expected_version,
                                                    const PlanVersion& revision) = 0;
  /// The actor signs `version` in the given role. AlreadyExists when they already signed it;
  /// Conflict when the plan is superseded or discarded. When the plan is a draft and its
  /// current version is now signed by a clinician and agreed by the client (AgreedByBoth), the
  /// plan becomes active and the episode's previously active plan is superseded, in the same
  /// transaction.
  virtual Status SignOffPlan(const AccessContext& context, PlanId plan, std::int64_t version,
                             SignOffRole role) = 0;
  /// Staff record the client's agreement to `version` on the client's behalf, saying how it
  /// was given (not kOwnAccount: a client account signs with SignOffPlan). One recorded
  /// agreement per version (AlreadyExists); activates the plan as SignOffPlan does.
  virtual Status RecordClientAgreement(const AccessContext& context, PlanId plan,
                                       std::int64_t version, AgreementGiven how) = 0;
  /// Staff discard a draft with a reason. Conflict when the plan is not a draft.
  virtual Status DiscardPlan(const AccessContext& context, PlanId plan,
                             const std::string& reason) = 0;
  virtual Result<Plan> GetPlan(const AccessContext& context, PlanId plan) = 0;
  virtual Result<std::vector<Plan>> ListPlans(const AccessContext& context, ClientId client) = 0;
};

class NoteRepository {
 public:
  virtual ~NoteRepository() = default;
  virtual Result<NoteId> WriteProgressNote(const AccessContext& context,
                                           const ProgressNote& note) = 0;
  /// Oldest first.
  virtual Result<std::vector<ProgressNote>> ListProgressNotes(const AccessContext& context,
                                                              ClientId client,
                                                              Versions versions) = 0;
  /// Case-insensitive substring search over the progress notes the actor may see. Never
  /// searches psychotherapy notes.
  virtual Result<std::vector<ProgressNote>> SearchProgressNotes(const AccessContext& context,
                                                                const std::string& text) = 0;
  virtual Result<ThreadId> OpenThread(const AccessContext& context, ClientId client,
                                      const std::string& topic) = 0;
  virtual Status PostToThread(const AccessContext& context, ThreadId thread,
                              const std::string& text) = 0;
  virtual Result<std::vector<ConsultationThread>> ListThreads(const AccessContext& context,
                                                              ClientId client) = 0;
  /// Every consultation thread on the clients the actor may list (ListClients), newest
  /// activity first; one audited read per client with threads.
  virtual Result<std::vector<ConsultationInboxEntry>> ListConsultationInbox(
      const AccessContext& context) = 0;
  /// The author is the actor. Only clinicians and supervisors on the care team may write, and
  /// only once they have a note key (Conflict otherwise; it is made at their first login): the
  /// text is sealed to the author's public key before it reaches the database
  /// (docs/decisions/0131-psychotherapy-note-encryption.md).
  virtual Result<NoteId> WritePsychotherapyNote(const AccessContext& context,
                                                const PsychotherapyNote& note) = 0;
  /// Only the notes the actor wrote; nobody else (not even an admin) can read them. `key` is
  /// the actor's unlocked note key; Conflict when it is null (sealed notes cannot be read
  /// without it). DataLoss when a note does not open with it.
  virtual Result<std::vector<PsychotherapyNote>> ListMyPsychotherapyNotes(
      const AccessContext& context, ClientId client, const NoteKey* key) = 0;

  /// The note key of `user`, nullopt when they have none. Not audited: without the author's
  /// password or recovery code it opens nothing.
  virtual Result<std::optional<StoredNoteKey>> FindNoteKey(UserId user) = 0;
  /// Stores the actor's first note key (clinicians and supervisors; AlreadyExists when they
  /// have one; key.user must be the actor) and, in the same transaction, seals every note they
  /// wrote before notes were sealed. Returns how many it sealed. Audited.
  virtual Result<std::int64_t> CreateNoteKey(const AccessContext& context,
                                             const StoredNoteKey& key) = 0;
  /// Replaces the password wrap of the actor's note key (after a password change or a
  /// recovery) and, unless `recovery_wrap` is empty, its recovery wrap (a recovery issues a new
  /// code). NotFound when they have none. Audited.
  virtual Status SetNoteKeyWraps(const AccessContext& context, const std::string& password_wrap,
                                 const std::string& recovery_wrap) = 0;
  /// Admin only: the psychotherapy notes still in clear (written before notes were sealed, by
  /// authors without a note key yet), counted per author id. Audited.
  virtual Result<std::vector<std::pair<UserId, std::int64_t>>> CountUnsealedPsychotherapyNotes(
      const AccessContext& context) = 0;
};

}  // namespace tessera
