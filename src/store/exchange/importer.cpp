// Writing a parsed import file: accounts checked first, then everything in one transaction.

#include <map>
#include <set>

#include "core/records/names.hpp"
#include "store/exchange/import_document.hpp"

namespace tessera::store {
namespace {

// Resolves usernames once, before anything is written, and checks who may write what.
class Accounts {
 public:
  Accounts(Store& store, const AccessContext& context) : store_(store), context_(context) {}

  Result<User> Find(const std::string& username, const std::string& path) {
    const auto cached = users_.find(username);
    if (cached != users_.end()) return cached->second;
    auto user = store_.FindUser(context_, username);
    if (!user && user.error().code() == ErrorCode::kNotFound)
      return NotFound(path + ": no account named \"" + username +
                      "\" (create it with `tessera user add`)");
    TRY(user);
    users_.emplace(username, *user);
    return *user;
  }

  // The named author must be on the client's care team in the file.
  template <class Record>
  Status CheckAuthor(const Authored<Record>& authored, const std::set<std::string>& team) {
    TRY(Find(authored.username, authored.path));
    if (!team.contains(authored.username))
      return InvalidArgument(authored.path + ": \"" + authored.username +
                             "\" is not on this client's care_team");
    return Ok();
  }

  AccessContext As(const std::string& username) { return AccessContext::For(users_.at(username)); }

 private:
  Store& store_;
  const AccessContext& context_;
  std::map<std::string, User> users_;
};

Status CheckClientAccounts(Accounts& accounts, const ImportedClient& client) {
  std::set<std::string> team;
  for (const auto& member : client.care_team) {
    TRY_ASSIGN(User user, accounts.Find(member.username, member.path));
    if (user.role != Role::kClinician && user.role != Role::kSupervisor)
      return InvalidArgument(member.path + ": \"" + member.username + "\" is a " +
                             std::string(Name(user.role)) +
                             " account, not a clinician or supervisor");
    if (!team.insert(member.username).second)
      return InvalidArgument(member.path + ": \"" + member.username + "\" is listed twice");
  }
  for (const auto& alert : client.alerts)
    for (const auto& handling : alert.handlings) TRY(accounts.CheckAuthor(handling, team));
  for (const auto& plan : client.plans)
    for (const auto& version : plan.versions)
      for (const auto& sign_off : version.sign_offs) TRY(accounts.CheckAuthor(sign_off, team));
  for (const auto& note : client.progress_notes) TRY(accounts.CheckAuthor(note.note, team));
  for (const auto& thread : client.threads) {
    TRY(accounts.CheckAuthor(thread.opening, team));
    for (const auto& message : thread.messages) TRY(accounts.CheckAuthor(message, team));
  }
  for (const auto& note : client.psychotherapy_notes) TRY(accounts.CheckAuthor(note, team));
  return Ok();
}

// Writes one client; ids of created records are kept by position for references.
Status WriteClient(Store& store, const AccessContext& context, Accounts& accounts,
                   const ImportedClient& imported, ImportSummary& summary) {
  TRY_ASSIGN(ClientId client, store.CreateClient(context, imported.identifiers, imported.profile));
  summary.client_ids.push_back(client);
  for (const auto& member : imported.care_team)
    TRY(store.AddCareTeamMember(context,
                                {client, *accounts.As(member.username).actor, member.record}));
  std::vector<EpisodeId> episodes;
  for (std::size_t episode_idx = 0; episode_idx < imported.episodes.size(); ++episode_idx) {
    Episode episode = imported.episodes[episode_idx];
    episode.client = client;
    TRY_ASSIGN(EpisodeId id, store.OpenEpisode(context, episode));
    episodes.push_back(id);
    const ImportedEpisodeSettings& settings = imported.episode_settings.at(episode_idx);
    if (settings.schedule) TRY(store.SetSchedule(context, client, id, *settings.schedule));
    if (settings.progress_shared) TRY(store.SetProgressSharing(context, client, id, true));
  }
  std::vector<SessionId> sessions;
  for (const ImportedSession& imported_session : imported.sessions) {
    Session session = imported_session.session;
    session.client = client;
    session.episode = episodes.at(imported_session.episode_index);
    if (imported_session.supersedes_index)
      session.supersedes = sessions.at(*imported_session.supersedes_index);
    TRY_ASSIGN(SessionId id, store.RecordSession(context, session));
    sessions.push_back(id);
  }
  std::vector<AdministrationId> administrations;
  for (const ImportedAdministration& given : imported.administrations) {
    MeasureAdministration administration = given.administration;
    administration.client = client;
    if (given.session_index) administration.session = sessions.at(*given.session_index);
    if (given.supersedes_index)
      administration.supersedes = administrations.at(*given.supersedes_index);
    TRY_ASSIGN(AdministrationId id, store.RecordAdministration(context, administration));
    administrations.push_back(id);
  }
  std::vector<AlertId> alerts;
  for (const ImportedAlert& given : imported.alerts) {
    Alert alert = given.alert;
    alert.client = client;
    if (given.administration_index)
      alert.administration = administrations.at(*given.administration_index);
    TRY_ASSIGN(AlertId id, store.RaiseAlert(context, alert));
    for (const auto& handling : given.handlings)
      TRY(store.HandleAlert(accounts.As(handling.username), id, handling.record));
    alerts.push_back(id);
  }
  for (const ImportedPlan& given : imported.plans) {
    std::optional<PlanId> plan;
    for (std::size_t version_index = 0; version_index < given.versions.size(); ++version_index) {
      const ImportedPlanVersion& version = given.versions[version_index];
      PlanVersion content = version.version;
      if (version.alert_index) content.prompted_by.alert = alerts.at(*version.alert_index);
      if (version.administration_index)
        content.prompted_by.administration = administrations.at(*version.administration_index);
      std::int64_t number = 1;  // version_index versions exist before this one
      if (!plan) {
        TRY_ASSIGN(plan,
                   store.CreatePlan(context,
                                    Plan{{}, client, episodes.at(given.episode_index), {content}}));
      } else {
        TRY_ASSIGN(number, store.RevisePlan(context, *plan,
                                            static_cast<std::int64_t>(version_index), content));
      }
      for (const auto& sign_off : version.sign_offs) {
        if (sign_off.record.agreement != AgreementGiven::kOwnAccount) {
          TRY(store.RecordClientAgreement(accounts.As(sign_off.username), *plan, number,
                                          sign_off.record.agreement));
        } else {
          TRY(store.SignOffPlan(accounts.As(sign_off.username), *plan, number,
                                sign_off.record.role));
        }
      }
      ++summary.records;
    }
  }
  std::vector<NoteId> notes;
  for (const ImportedProgressNote& given : imported.progress_notes) {
    ProgressNote note{{}, client, std::nullopt, {}, {}, given.note.record, std::nullopt};
    if (given.session_index) note.session = sessions.at(*given.session_index);
    if (given.supersedes_index) note.supersedes = notes.at(*given.supersedes_index);
    TRY_ASSIGN(NoteId id, store.WriteProgressNote(accounts.As(given.note.username), note));
    notes.push_back(id);
  }
  for (const ImportedThread& given : imported.threads) {
    TRY_ASSIGN(ThreadId thread,
               store.OpenThread(accounts.As(given.opening.username), client, given.opening.record));
    for (const auto& message : given.messages)
      TRY(store.PostToThread(accounts.As(message.username), thread, message.record));
  }
  for (const auto& given : imported.psychotherapy_notes)
    TRY(store.WritePsychotherapyNote(
        accounts.As(given.username),
        PsychotherapyNote{{}, client, {}, {}, given.record, std::nullopt}));
  // Closed last: nothing is written to a closed episode. The source system closed these, so
  // open risk alerts among the imported ones do not hold the closure up; the override says so.
  for (std::size_t episode_idx = 0; episode_idx < episodes.size(); ++episode_idx) {
    const Episode& episode = imported.episodes[episode_idx];
    if (!episode.closed_on) continue;
    TRY(store.CloseEpisode(context, episodes[episode_idx], *episode.closed_on,
                           episode.closing_reason,
                           "imported: the episode was closed in the source record"));
  }
  summary.records += episodes.size() + sessions.size() + administrations.size() + alerts.size() +
                     imported.progress_notes.size() + imported.threads.size() +
                     imported.psychotherapy_notes.size();
  return Ok();
}

}  // namespace

Result<ImportSummary> ImportRecords(Store& store, const AccessContext& context,
                                    const ImportDocument& document) {
  Accounts accounts(store, context);
  for (const ImportedTherapist& therapist : document.therapists)
    if (therapist.username) TRY(accounts.Find(*therapist.username, therapist.path + ".user"));
  for (const ImportedClient& client : document.clients) TRY(CheckClientAccounts(accounts, client));

  ImportSummary summary;
  const Status written = store.Atomically([&]() -> Status {
    TRY(store.AuditImport(context));
    for (const ImportedTherapist& imported : document.therapists) {
      Therapist therapist = imported.therapist;
      if (imported.username) therapist.user = accounts.As(*imported.username).actor;
      Status created = store.CreateTherapist(context, therapist);
      if (!created) return Propagate(created.error().WithContext(imported.path));
      ++summary.therapists;
    }
    for (const ImportedClient& client : document.clients) {
      Status created = WriteClient(store, context, accounts, client, summary);
      if (!created) return Propagate(created.error().WithContext(client.path));
      ++summary.clients;
    }
    return Ok();
  });
  if (!written) return Propagate(written.error());
  return summary;
}

}  // namespace tessera::store
