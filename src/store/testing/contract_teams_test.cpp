// The store contract: teams and supervision (core/teams.hpp) and the caseload in one read
// (core/caseload_reads.hpp), on SQLite and PostgreSQL alike.

#include <algorithm>
#include <sstream>

#include "core/records/names.hpp"
#include "store/testing/store_fixture.hpp"

namespace tessera::store::testing {
namespace {

class TeamsContract : public StoreContract {
 protected:
  // Everything ReadCaseload returns for one client, as text; and the same from the separate,
  // per-client reads it replaces.
  static std::string Describe(const CaseloadRecord& record) {
    std::ostringstream out;
    const ClientSummary& summary = record.summary;
    out << summary.client.value() << " " << summary.name << " episode "
        << (summary.episode ? summary.episode->id.value() : -1) << " open alerts "
        << summary.open_alerts << " plan " << (summary.plan ? summary.plan->value() : -1) << "v"
        << summary.plan_version << "\n";
    for (const InstrumentSummary& instrument : summary.instruments)
      out << instrument.instrument.value() << " x" << instrument.count << " "
          << instrument.first.administration.value() << ".."
          << instrument.latest.administration.value() << "\n";
    out << "alerts:";
    for (const Alert& alert : record.alerts)
      out << " " << alert.id.value() << alert.kind << "/" << alert.severity << "/"
          << alert.triggers.size() << "/" << alert.handlings.size();
    out << "\nepisodes:";
    for (const Episode& episode : record.episodes)
      out << " " << episode.id.value() << "@" << episode.opened_on << "-"
          << episode.closed_on.value_or("open");
    out << "\nsessions:";
    for (const Session& session : record.sessions)
      out << " " << session.id.value() << "/" << session.episode.value() << "/" << session.date
          << "/" << Name(session.attendance);
    out << "\nplan: " << record.plan_content << "\nproblems:";
    for (const ProblemSeverity& problem : record.profile.problems)
      out << " " << problem.problem.value();
    out << "\nschedules:";
    for (const auto& [episode, document] : record.schedules) out << " " << episode << document;
    out << "\ngiven:";
    for (const auto& [session, instruments] : record.given_by_session) {
      out << " " << session << "=";
      for (const std::string& instrument : instruments) out << instrument << ",";
    }
    return out.str();
  }

  CaseloadRecord SeparateReads(const AccessContext& who, ClientId client) {
    CaseloadRecord record;
    record.summary = store().GetClientSummary(who, client).value();
    record.alerts = store().ListAlerts(who, client).value();
    record.episodes = store().ListEpisodes(who, client).value();
    const std::vector<Session> sessions =
        store().ListSessions(who, client, Versions::kCurrentOnly).value();
    for (Session session : sessions) {
      session.techniques.clear();
      session.supersedes.reset();
      record.sessions.push_back(std::move(session));
    }
    if (record.summary.plan)
      record.plan_content = store().GetPlan(who, *record.summary.plan)->versions.back().content;
    record.profile = store().GetClientProfile(who, client)->profile;
    for (const Episode& episode : record.episodes) {
      auto schedule = store().GetSchedule(who, client, episode.id).value();
      if (schedule) record.schedules[episode.id.value()] = schedule->document;
    }
    const std::vector<MeasureAdministration> administrations =
        store().ListAdministrations(who, client, Versions::kCurrentOnly).value();
    for (const MeasureAdministration& given : administrations) {
      if (given.session)
        record.given_by_session[given.session->value()].push_back(given.instrument.value());
    }
    return record;
  }

  AdministrationId Give(ClientId client, SessionId session, const std::string& instrument,
                        double total, int minutes,
                        std::optional<AdministrationId> supersedes = std::nullopt,
                        AdministrationEntry entry = AdministrationEntry::kMeasure) {
    MeasureAdministration administration;
    administration.client = client;
    administration.session = session;
    administration.instrument = InstrumentId(instrument);
    administration.administered_at = clock().Now() + std::chrono::minutes(minutes);
    administration.total = total;
    administration.band = "mild";
    administration.supersedes = supersedes;
    administration.entry = entry;
    if (entry == AdministrationEntry::kVoid) administration.reason = "entered twice";
    return store().RecordAdministration(ana(), administration).value();
  }

  std::int64_t AuditCount() { return store().VerifyAudit()->entries_checked; }
};

INSTANTIATE_TEST_SUITE_P(Both, TeamsContract,
                         ::testing::Values(StoreKind::kSqlite, StoreKind::kPostgres),
                         [](const auto& info) { return KindName(info.param); });

TEST_P(TeamsContract, AnAdminMakesTeamsAndNamesTheirMembers) {
  const AccessContext sue = AddUser("sue", Role::kSupervisor);
  EXPECT_EQ(store().CreateTeam(ana(), "north").error().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(store().CreateTeam(admin(), "").error().code(), ErrorCode::kInvalidArgument);
  const auto north = store().CreateTeam(admin(), "north");
  ASSERT_TRUE(north) << north.error().message();
  EXPECT_EQ(LastAuditEntry().record_type, "team");
  EXPECT_EQ(store().CreateTeam(admin(), "north").error().code(), ErrorCode::kAlreadyExists);
  const TeamId south = store().CreateTeam(admin(), "south").value();

  ASSERT_TRUE(store().AddTeamMember(admin(), *north, *ana().actor, TeamRole::kClinician));
  ASSERT_TRUE(store().AddTeamMember(admin(), *north, *sue.actor, TeamRole::kSupervisor));
  ASSERT_TRUE(store().AddTeamMember(admin(), south, *ben().actor, TeamRole::kClinician));
  EXPECT_EQ(LastAuditEntry().record_type, "team_member");
  // The account's role must match: a clinician is no team's supervisor, and the reverse.
  EXPECT_EQ(
      store().AddTeamMember(admin(), south, *ben().actor, TeamRole::kSupervisor).error().code(),
      ErrorCode::kInvalidArgument);
  EXPECT_EQ(store().AddTeamMember(admin(), south, *sue.actor, TeamRole::kClinician).error().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(
      store().AddTeamMember(admin(), *north, *ana().actor, TeamRole::kClinician).error().code(),
      ErrorCode::kAlreadyExists);
  EXPECT_EQ(store()
                .AddTeamMember(admin(), TeamId(999), *ana().actor, TeamRole::kClinician)
                .error()
                .code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(
      store().AddTeamMember(admin(), *north, UserId(999), TeamRole::kClinician).error().code(),
      ErrorCode::kNotFound);
  EXPECT_EQ(store().AddTeamMember(ana(), south, *ana().actor, TeamRole::kClinician).error().code(),
            ErrorCode::kPermissionDenied);

  const auto all = store().ListTeams(admin());
  ASSERT_TRUE(all) << all.error().message();
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ(all->at(0).name, "north");
  ASSERT_EQ(all->at(0).members.size(), 2u);
  EXPECT_EQ(all->at(0).members[0].username, "sue");  // supervisors first
  EXPECT_EQ(all->at(0).members[0].role, TeamRole::kSupervisor);
  EXPECT_EQ(all->at(0).members[1].username, "ana");
  const auto sues = store().ListTeams(sue);
  ASSERT_TRUE(sues);
  ASSERT_EQ(sues->size(), 1u);
  EXPECT_EQ(sues->at(0).id, *north);
  EXPECT_EQ(store().ListTeams(ben())->size(), 1u);
  EXPECT_EQ(store().ListTeams(ben())->at(0).name, "south");
}

TEST_P(TeamsContract, TheCaseloadReadEqualsTheSeparateReadsWithOneAuditEntryPerClient) {
  EpisodeId episode;
  const ClientId dana = NewClient("Dana Example", &episode);
  const SessionId first =
      store()
          .RecordSession(ana(), {{}, episode, dana, "2026-01-05", Attendance::kAttended, {}, {}})
          .value();
  const SessionId second =
      store()
          .RecordSession(ana(), {{}, episode, dana, "2026-01-12", Attendance::kAttended, {}, {}})
          .value();
  // An amended session (the amendment counts), a corrected and a voided administration.
  ASSERT_TRUE(store().RecordSession(
      ana(), {{}, episode, dana, "2026-01-13", Attendance::kAttended, {}, second}));
  const AdministrationId intake = Give(dana, first, "phq9", 18, 1);
  const AdministrationId later = Give(dana, second, "phq9", 12, 2);
  Give(dana, second, "phq9", 11, 3, later);
  const AdministrationId twice = Give(dana, second, "gad7", 9, 4);
  Give(dana, second, "gad7", 0, 5, twice, AdministrationEntry::kVoid);
  Alert alert;
  alert.client = dana;
  alert.kind = "risk_item";
  alert.raised_at = clock().Now();
  alert.administration = intake;
  const AlertId risk = store().RaiseAlert(ana(), alert).value();
  ASSERT_TRUE(
      store().HandleAlert(ana(), risk, AlertHandling{{}, clock().Now(), "acknowledged", ""}));
  const PlanId plan =
      store()
          .CreatePlan(ana(), Plan{{},
                                  dana,
                                  episode,
                                  {PlanVersion{0, R"({"phases":[]})", "initial", {}, {}, {}, {}}}})
          .value();
  ASSERT_TRUE(store().SignOffPlan(ana(), plan, 1, SignOffRole::kClinician));
  ASSERT_TRUE(store().RecordClientAgreement(ana(), plan, 1, AgreementGiven::kInSession));
  ASSERT_TRUE(store().SetSchedule(ana(), dana, episode, R"({"instruments":[]})"));
  const ClientId eli = NewClient("Eli Example");
  const ClientId bens = store().CreateClient(ben(), {"Ben's client", "", "", ""}, {}).value();

  for (int pass = 0; pass < 2; ++pass) {  // the second pass reads through this connection's views
    const std::int64_t before = AuditCount();
    const auto caseload = store().ReadCaseload(ana(), CaseloadScope::kOwn);
    ASSERT_TRUE(caseload) << caseload.error().message();
    EXPECT_EQ(AuditCount() - before, 2);
    EXPECT_EQ(LastAuditEntry().record_type, "caseload");
    EXPECT_EQ(LastAuditEntry().client, eli);
    ASSERT_EQ(caseload->size(), 2u);  // ana's clients; not ben's
    EXPECT_EQ(caseload->at(0).summary.client, dana);
    EXPECT_EQ(caseload->at(1).summary.client, eli);
    EXPECT_EQ(caseload->at(0).lead, ana().actor);
    EXPECT_EQ(caseload->at(0).lead_name, "ana");
    EXPECT_EQ(caseload->at(0).sessions.size(), 2u);
    EXPECT_EQ(caseload->at(0).plan_content, R"({"phases":[]})");
    for (const CaseloadRecord& record : *caseload)
      EXPECT_EQ(Describe(record), Describe(SeparateReads(ana(), record.summary.client)));
  }
  // A change to one client moves its revision: its views are read again, the other's are not,
  // and the read still equals the separate reads.
  const SessionId third =
      store()
          .RecordSession(ana(), {{}, episode, dana, "2026-01-19", Attendance::kAttended, {}, {}})
          .value();
  Give(dana, third, "phq9", 7, 6);
  ASSERT_TRUE(store().HandleAlert(ana(), risk, AlertHandling{{}, clock().Now(), "resolved", "ok"}));
  const auto changed = store().ReadCaseload(ana(), CaseloadScope::kOwn);
  ASSERT_TRUE(changed) << changed.error().message();
  EXPECT_EQ(changed->at(0).sessions.size(), 3u);
  for (const CaseloadRecord& record : *changed)
    EXPECT_EQ(Describe(record), Describe(SeparateReads(ana(), record.summary.client)));
  // The entries written in one pass chain like any others, and each client's access history
  // shows the caseload reads.
  const auto verification = store().VerifyAudit();
  ASSERT_TRUE(verification);
  EXPECT_EQ(verification->problem, "");
  const auto history = store().ReadClientAudit(admin(), eli, 0, 1000);
  ASSERT_TRUE(history);
  EXPECT_EQ(std::count_if(history->begin(), history->end(),
                          [](const AuditEntry& entry) { return entry.record_type == "caseload"; }),
            3);

  const auto everyone = store().ReadCaseload(admin(), CaseloadScope::kOwn);
  ASSERT_TRUE(everyone);
  ASSERT_EQ(everyone->size(), 3u);
  EXPECT_EQ(everyone->at(2).summary.client, bens);
  EXPECT_EQ(everyone->at(2).lead_name, "ben");
}

TEST_P(TeamsContract, ASupervisorSeesTheTeamsCaseloadAndNoOtherTeams) {
  const AccessContext sue = AddUser("sue", Role::kSupervisor);
  const AccessContext tom = AddUser("tom", Role::kSupervisor);
  const ClientId danas = NewClient("Dana Example");
  const ClientId bens = store().CreateClient(ben(), {"Ben's client", "", "", ""}, {}).value();
  const TeamId north = store().CreateTeam(admin(), "north").value();
  const TeamId south = store().CreateTeam(admin(), "south").value();
  ASSERT_TRUE(store().AddTeamMember(admin(), north, *ana().actor, TeamRole::kClinician));
  ASSERT_TRUE(store().AddTeamMember(admin(), north, *sue.actor, TeamRole::kSupervisor));
  ASSERT_TRUE(store().AddTeamMember(admin(), south, *ben().actor, TeamRole::kClinician));
  ASSERT_TRUE(store().AddTeamMember(admin(), south, *tom.actor, TeamRole::kSupervisor));

  const auto team = store().ReadCaseload(sue, CaseloadScope::kTeam);
  ASSERT_TRUE(team) << team.error().message();
  ASSERT_EQ(team->size(), 1u);
  EXPECT_EQ(team->at(0).summary.client, danas);
  EXPECT_EQ(team->at(0).lead, ana().actor);
  EXPECT_EQ(LastAuditEntry().record_type, "supervision_caseload");
  EXPECT_EQ(LastAuditEntry().client, danas);
  EXPECT_TRUE(store().ReadCaseload(sue, CaseloadScope::kOwn)->empty());  // no care team of hers
  ASSERT_EQ(store().ReadCaseload(tom, CaseloadScope::kTeam)->size(), 1u);
  EXPECT_EQ(store().ReadCaseload(tom, CaseloadScope::kTeam)->at(0).summary.client, bens);
  // Only supervisors have a team view; a client account has no caseload at all.
  for (const AccessContext& who : {ana(), admin()})
    EXPECT_EQ(store().ReadCaseload(who, CaseloadScope::kTeam).error().code(),
              ErrorCode::kPermissionDenied);
  const AccessContext account = AddUser("dana-account", Role::kClient);
  ASSERT_TRUE(store().LinkClientAccount(admin(), *account.actor, danas));
  EXPECT_EQ(store().ReadCaseload(account, CaseloadScope::kOwn).error().code(),
            ErrorCode::kPermissionDenied);
  // A clinician's team membership gives no reach into a colleague's clients.
  ASSERT_TRUE(store().AddTeamMember(admin(), north, *ben().actor, TeamRole::kClinician));
  EXPECT_EQ(store().GetClientSummary(ana(), bens).error().code(), ErrorCode::kNotFound);
}

TEST_P(TeamsContract, SupervisionReadsButNeverWrites) {
  const AccessContext sue = AddUser("sue", Role::kSupervisor);
  EpisodeId episode;
  const ClientId danas = NewClient("Dana Example", &episode);
  const ClientId bens = store().CreateClient(ben(), {"Ben's client", "", "", ""}, {}).value();
  // Not yet in a team: nothing.
  EXPECT_EQ(store().GetClientSummary(sue, danas).error().code(), ErrorCode::kNotFound);
  const TeamId north = store().CreateTeam(admin(), "north").value();
  ASSERT_TRUE(store().AddTeamMember(admin(), north, *ana().actor, TeamRole::kClinician));
  ASSERT_TRUE(store().AddTeamMember(admin(), north, *sue.actor, TeamRole::kSupervisor));

  const UnlockedNoteKey ana_key = GiveNoteKey(ana());
  const UnlockedNoteKey sue_key = GiveNoteKey(sue);
  ASSERT_TRUE(store().WritePsychotherapyNote(
      ana(), PsychotherapyNote{{}, danas, {}, {}, "process: sealed to ana", {}}));

  const auto summary = store().GetClientSummary(sue, danas);
  ASSERT_TRUE(summary) << summary.error().message();
  EXPECT_EQ(summary->name, "Dana Example");
  // The reason is audited with the read: a "supervision" entry, then the read itself.
  const auto history = store().ReadClientAudit(admin(), danas, 0, 1000).value();
  ASSERT_GE(history.size(), 3u);
  const AuditEntry& reason = history[history.size() - 3];
  EXPECT_EQ(reason.record_type, "supervision");
  EXPECT_EQ(reason.actor, sue.actor);
  EXPECT_EQ(history[history.size() - 2].record_type, "client_summary");
  EXPECT_EQ(history[history.size() - 2].actor, sue.actor);

  // Psychotherapy notes stay sealed to their author.
  const auto notes = store().ListMyPsychotherapyNotes(sue, danas, sue_key.get());
  ASSERT_TRUE(notes) << notes.error().message();
  EXPECT_TRUE(notes->empty());

  // Nothing is written through supervision, and the refusal is audited.
  const std::string records = RecordsFingerprint();
  const auto progress =
      store().WriteProgressNote(sue, ProgressNote{{}, danas, {}, {}, {}, "supervision", {}});
  ASSERT_FALSE(progress);
  EXPECT_EQ(progress.error().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(LastAuditEntry().action, AuditAction::kDeny);
  EXPECT_EQ(store()
                .WritePsychotherapyNote(sue, PsychotherapyNote{{}, danas, {}, {}, "mine", {}})
                .error()
                .code(),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(
      store()
          .RecordSession(sue, {{}, episode, danas, "2026-01-12", Attendance::kAttended, {}, {}})
          .error()
          .code(),
      ErrorCode::kPermissionDenied);
  EXPECT_EQ(store().AuditExport(sue, danas).error().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(RecordsFingerprint(), records);
  // Another team's client stays missing.
  EXPECT_EQ(store().GetClientSummary(sue, bens).error().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace tessera::store::testing
