// The store contract, part 1: records round-trip, access rules, versions and conflicts.

#include "store/testing/store_fixture.hpp"

namespace tessera::store::testing {
namespace {

INSTANTIATE_TEST_SUITE_P(Both, StoreContract,
                         ::testing::Values(StoreKind::kSqlite, StoreKind::kPostgres),
                         [](const auto& info) { return KindName(info.param); });

TEST_P(StoreContract, BootstrapCreatesOnlyTheFirstAdmin) {
  auto second = store().CreateUser(AccessContext::Bootstrap(),
                                   User{{}, "eve", Role::kAdmin, TestPasswordHash(), {}});
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code(), ErrorCode::kPermissionDenied);
}

TEST_P(StoreContract, UsernamesAreUniqueAndOnlyAdminsCreateAccounts) {
  auto duplicate =
      store().CreateUser(admin(), User{{}, "ana", Role::kClinician, TestPasswordHash(), {}});
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code(), ErrorCode::kAlreadyExists);
  EXPECT_NE(duplicate.error().message().find("\"ana\" is taken"), std::string::npos);
  auto by_clinician =
      store().CreateUser(ana(), User{{}, "cat", Role::kClinician, TestPasswordHash(), {}});
  ASSERT_FALSE(by_clinician);
  EXPECT_EQ(by_clinician.error().code(), ErrorCode::kPermissionDenied);
}

TEST_P(StoreContract, RefusesAnythingButAnArgon2idHash) {
  auto plain = store().CreateUser(admin(), User{{}, "cat", Role::kClinician, "hunter2hunter2", {}});
  ASSERT_FALSE(plain);
  EXPECT_EQ(plain.error().code(), ErrorCode::kInvalidArgument);
  auto found = store().FindUser(admin(), "ana");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->role, Role::kClinician);
  EXPECT_EQ(found->password_hash, TestPasswordHash());
}

TEST_P(StoreContract, TherapistProfilesAreVersionedWithCompetenceEvidence) {
  Therapist therapist{TherapistId("t-ana"),
                      ana().actor,
                      "Ana",
                      ModelId("cbt"),
                      {{"directiveness", 0.7}, {"warmth", 0.8}},
                      {{ModelId("cbt"),
                        std::nullopt,
                        Competence::kExpert,
                        {"Beck Institute", "BABCP accredited", 250}},
                       {ModelId("act"),
                        TechniqueId("defusion"),
                        Competence::kCompetent,
                        {"ACT workshop", "", 12.5}}},
                      1};
  ASSERT_TRUE(store().CreateTherapist(admin(), therapist));
  auto read = store().GetTherapist(ana(), TherapistId("t-ana"));
  ASSERT_TRUE(read) << read.error().message();
  EXPECT_EQ(read->style.at("warmth"), 0.8);
  ASSERT_EQ(read->competencies.size(), 2u);
  EXPECT_EQ(read->competencies[1].technique, TechniqueId("defusion"));
  EXPECT_EQ(read->competencies[1].evidence.supervised_hours, 12.5);
  EXPECT_EQ(read->competencies[0].evidence.certification, "BABCP accredited");

  therapist.display_name = "Ana M.";
  auto version = store().UpdateTherapist(admin(), therapist);
  ASSERT_TRUE(version);
  EXPECT_EQ(*version, 2);
  auto stale = store().UpdateTherapist(admin(), therapist);  // still says version 1
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code(), ErrorCode::kConflict);
  EXPECT_NE(stale.error().message().find("reload and retry"), std::string::npos);
  EXPECT_EQ(store().GetTherapist(ana(), TherapistId("t-ana"))->display_name, "Ana M.");
}

TEST_P(StoreContract, ClientIdentifiersAreReadOnlyWhenAskedFor) {
  const ClientId client = NewClient("Dana Example");
  auto profile_only = store().GetClientProfile(ana(), client);
  ASSERT_TRUE(profile_only);
  EXPECT_TRUE(profile_only->identifiers.name.empty());
  EXPECT_EQ(profile_only->profile.goals.at(0), "sleep through the night");
  auto full = store().GetClient(ana(), client);
  ASSERT_TRUE(full);
  EXPECT_EQ(full->identifiers.name, "Dana Example");
  EXPECT_EQ(full->identifiers.date_of_birth, "1990-04-01");
  auto audit = store().ReadAudit(1, 1000);
  ASSERT_TRUE(audit);
  EXPECT_EQ(audit->back().record_type, "client_identifiers");
  EXPECT_EQ(audit->back().sensitivity, Sensitivity::kIdentifying);
}

TEST_P(StoreContract, OtherCliniciansSeeTheSameNotFoundAsForAMissingClient) {
  const ClientId client = NewClient("Dana Example");
  auto hidden = store().GetClientProfile(ben(), client);
  auto missing = store().GetClientProfile(ben(), ClientId(client.value() + 1000));
  ASSERT_FALSE(hidden);
  ASSERT_FALSE(missing);
  EXPECT_EQ(hidden.error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(missing.error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(hidden.error().message(), "client " + std::to_string(client.value()) + " not found");
  EXPECT_TRUE(store().ListClients(ben())->empty());

  ASSERT_TRUE(store().AddCareTeamMember(ana(), {client, *ben().actor, CareTeamRole::kCoTherapist}));
  EXPECT_TRUE(store().GetClientProfile(ben(), client));
  auto team = store().GetCareTeam(ben(), client);
  ASSERT_TRUE(team);
  ASSERT_EQ(team->size(), 2u);
  EXPECT_EQ(team->at(1).role, CareTeamRole::kCoTherapist);
  const AccessContext client_account = AddUser("dana", Role::kClient);
  EXPECT_FALSE(store().GetClientProfile(client_account, client));
}

TEST_P(StoreContract, ProfileAmendmentsAreNewVersionsAndStaleOnesConflict) {
  const ClientId client = NewClient("Dana Example");
  ClientProfile profile = store().GetClientProfile(ana(), client)->profile;
  profile.stage_of_change = StageOfChange::kAction;
  profile.preferences["therapist_directiveness"] = "low";
  auto version = store().AmendProfile(ana(), client, 1, profile);
  ASSERT_TRUE(version);
  EXPECT_EQ(*version, 2);
  auto stale = store().AmendProfile(ana(), client, 1, profile);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code(), ErrorCode::kConflict);
  auto read = store().GetClientProfile(ana(), client);
  EXPECT_EQ(read->profile_version, 2);
  EXPECT_EQ(read->profile.stage_of_change, StageOfChange::kAction);
  auto old_versions = store().database().Query(
      "SELECT COUNT(*) FROM client_profiles WHERE client_id = ?", {client.value()});
  EXPECT_EQ(old_versions->at(0).Int(0), 2);
}

TEST_P(StoreContract, SessionsKeepTechniquesRatingsAndAmendments) {
  EpisodeId episode;
  const ClientId client = NewClient("Dana Example", &episode);
  Session session{
      {},
      episode,
      client,
      "2026-01-12",
      Attendance::kAttended,
      {{TechniqueId("cognitive-restructuring"), 7}, {TechniqueId("defusion"), std::nullopt}},
      std::nullopt};
  auto first = store().RecordSession(ana(), session);
  ASSERT_TRUE(first) << first.error().message();
  session.supersedes = *first;
  session.date = "2026-01-13";
  session.amendment_reason = "the date was a typo";
  auto amended = store().RecordSession(ana(), session);
  ASSERT_TRUE(amended);
  auto again = store().RecordSession(ana(), session);  // amends the same original again
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code(), ErrorCode::kConflict);

  auto history = store().ListSessions(ana(), client, Versions::kWithHistory);
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ(history->at(0).date, "2026-01-12");
  EXPECT_EQ(history->at(1).supersedes, *first);
  auto sessions = store().ListSessions(ana(), client, Versions::kCurrentOnly);
  ASSERT_TRUE(sessions);
  ASSERT_EQ(sessions->size(), 1u);
  EXPECT_EQ(sessions->at(0).id, *amended);
  EXPECT_EQ(sessions->at(0).date, "2026-01-13");
  EXPECT_EQ(sessions->at(0).supersedes, *first);
  EXPECT_EQ(sessions->at(0).amendment_reason, "the date was a typo");
  EXPECT_EQ(sessions->at(0).recorded_by, *ana().actor);
  EXPECT_EQ(history->at(0).amendment_reason, "");
  ASSERT_EQ(sessions->at(0).techniques.size(), 2u);
  EXPECT_EQ(sessions->at(0).techniques[0].helpfulness, 7);
  EXPECT_FALSE(sessions->at(0).techniques[1].helpfulness.has_value());
}

TEST_P(StoreContract, RecordsCannotPointIntoAnotherClientsRecord) {
  EpisodeId episode;
  NewClient("Dana Example", &episode);
  const ClientId other = NewClient("Eli Example");
  auto crossed = store().RecordSession(
      ana(), Session{{}, episode, other, "2026-01-12", Attendance::kAttended, {}, std::nullopt});
  ASSERT_FALSE(crossed);
  EXPECT_EQ(crossed.error().code(), ErrorCode::kNotFound);
}

TEST_P(StoreContract, AdministrationsKeepItemAnswersMissingItemsAndScores) {
  const ClientId client = NewClient("Dana Example");
  MeasureAdministration administration;
  administration.client = client;
  administration.instrument = InstrumentId("phq9");
  administration.administered_at = clock().Now();
  administration.answers = {{"phq9_1", 2}, {"phq9_2", std::nullopt}, {"phq9_9", 1}};
  administration.total = 13.5;
  administration.band = "moderate";
  administration.subscales = {{"somatic", 4.25}};
  administration.flags = {"risk_item_endorsed"};
  ASSERT_TRUE(store().RecordAdministration(ana(), administration));
  auto read = store().ListAdministrations(ana(), client, Versions::kCurrentOnly);
  ASSERT_TRUE(read);
  ASSERT_EQ(read->size(), 1u);
  const MeasureAdministration& stored = read->at(0);
  ASSERT_EQ(stored.answers.size(), 3u);
  EXPECT_EQ(stored.answers[0].value, 2);
  EXPECT_FALSE(stored.answers[1].value.has_value());
  EXPECT_EQ(stored.answers[2].item, "phq9_9");
  EXPECT_EQ(stored.total, 13.5);
  EXPECT_EQ(stored.band, "moderate");
  EXPECT_EQ(stored.subscales.at("somatic"), 4.25);
  EXPECT_EQ(stored.flags, std::vector<std::string>{"risk_item_endorsed"});
  EXPECT_EQ(stored.administered_at, clock().Now());
}

TEST_P(StoreContract, AlertsKeepTheirHandlingInOrder) {
  const ClientId client = NewClient("Dana Example");
  auto alert = store().RaiseAlert(
      ana(), Alert{{}, client, "risk_item", clock().Now(), "PHQ-9 item 9", std::nullopt, {}});
  ASSERT_TRUE(alert);
  ASSERT_TRUE(
      store().HandleAlert(ana(), *alert, {{}, clock().Now(), "risk assessment", "low risk"}));
  clock().Advance(std::chrono::hours(1));
  ASSERT_TRUE(store().HandleAlert(ana(), *alert, {{}, clock().Now(), "safety plan", ""}));
  auto alerts = store().ListAlerts(ana(), client);
  ASSERT_TRUE(alerts);
  ASSERT_EQ(alerts->at(0).handlings.size(), 2u);
  EXPECT_EQ(alerts->at(0).handlings[0].action, "risk assessment");
  EXPECT_EQ(alerts->at(0).handlings[1].handled_by, *ana().actor);
  EXPECT_FALSE(store().HandleAlert(ben(), *alert, {{}, clock().Now(), "x", ""}));
}

TEST_P(StoreContract, PlanRevisionsLinkTheirFeedbackAndSignOffs) {
  EpisodeId episode;
  const ClientId client = NewClient("Dana Example", &episode);
  const AccessContext dana = AddUser("dana", Role::kClient);
  PlanVersion first{1, R"({"phases":[{"model":"cbt"}]})", "initial plan", {}, {}, {}, {}};
  auto plan = store().CreatePlan(ana(), Plan{{}, client, episode, {first}});
  ASSERT_TRUE(plan) << plan.error().message();
  ASSERT_TRUE(store().SignOffPlan(ana(), *plan, 1, SignOffRole::kClinician));
  auto alert = store().RaiseAlert(
      ana(), Alert{{}, client, "not_on_track", clock().Now(), "", std::nullopt, {}});
  PlanVersion second{0,
                     R"({"phases":[{"model":"act"}]})",
                     "not on track at week 6",
                     {*alert, std::nullopt, "the homework felt like school"},
                     {},
                     {},
                     {}};
  auto version = store().RevisePlan(ana(), *plan, 1, second);
  ASSERT_TRUE(version);
  EXPECT_EQ(*version, 2);
  auto stale = store().RevisePlan(ana(), *plan, 1, second);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code(), ErrorCode::kConflict);
  EXPECT_EQ(store().SignOffPlan(ana(), *plan, 1, SignOffRole::kClinician).error().code(),
            ErrorCode::kAlreadyExists);
  EXPECT_EQ(store().SignOffPlan(ana(), *plan, 7, SignOffRole::kClinician).error().code(),
            ErrorCode::kNotFound);
  EXPECT_FALSE(store().SignOffPlan(dana, *plan, 2, SignOffRole::kClient));  // not on the team

  auto read = store().GetPlan(ana(), *plan);
  ASSERT_TRUE(read);
  ASSERT_EQ(read->versions.size(), 2u);
  EXPECT_EQ(read->versions[0].sign_offs.size(), 1u);
  EXPECT_EQ(read->versions[1].prompted_by.alert, *alert);
  EXPECT_EQ(read->versions[1].prompted_by.client_feedback, "the homework felt like school");
  EXPECT_EQ(read->versions[1].content, R"({"phases":[{"model":"act"}]})");
  EXPECT_EQ(read->versions[0].content, R"({"phases":[{"model":"cbt"}]})");
}

TEST_P(StoreContract, EpisodesCloseOnce) {
  EpisodeId episode;
  const ClientId client = NewClient("Dana Example", &episode);
  ASSERT_TRUE(store().CloseEpisode(ana(), episode, "2026-04-01", "goals met"));
  EXPECT_EQ(store().CloseEpisode(ana(), episode, "2026-04-02", "again").error().code(),
            ErrorCode::kConflict);
  auto episodes = store().ListEpisodes(ana(), client);
  ASSERT_TRUE(episodes);
  EXPECT_EQ(episodes->at(0).closed_on, "2026-04-01");
  EXPECT_EQ(episodes->at(0).closing_reason, "goals met");
}

TEST_P(StoreContract, ProgressNotesAmendAndSearchAndThreadsKeepOrder) {
  const ClientId client = NewClient("Dana Example");
  auto note = store().WriteProgressNote(
      ana(), ProgressNote{{}, client, {}, {}, {}, "Discussed 50% SLEEP diary", {}});
  ASSERT_TRUE(note);
  auto amendment =
      store().WriteProgressNote(ana(), ProgressNote{{},
                                                    client,
                                                    {},
                                                    {},
                                                    {},
                                                    "Discussed 50% sleep diary; set goals",
                                                    *note,
                                                    "the goals were left out"});
  ASSERT_TRUE(amendment);
  auto notes = store().ListProgressNotes(ana(), client, Versions::kCurrentOnly);
  ASSERT_EQ(notes->size(), 1u);
  EXPECT_EQ(notes->at(0).supersedes, *note);
  EXPECT_EQ(notes->at(0).amendment_reason, "the goals were left out");
  EXPECT_EQ(store().SearchProgressNotes(ana(), "50% SLEEP")->size(), 1u);
  EXPECT_EQ(store().SearchProgressNotes(ana(), "5_%")->size(), 0u);
  EXPECT_EQ(store().SearchProgressNotes(ben(), "sleep")->size(), 0u);

  auto thread = store().OpenThread(ana(), client, "formulation");
  ASSERT_TRUE(thread);
  ASSERT_TRUE(store().PostToThread(ana(), *thread, "first"));
  ASSERT_TRUE(store().PostToThread(ana(), *thread, "second"));
  EXPECT_EQ(store().PostToThread(ben(), *thread, "intrude").error().code(), ErrorCode::kNotFound);
  auto threads = store().ListThreads(ana(), client);
  ASSERT_EQ(threads->at(0).messages.size(), 2u);
  EXPECT_EQ(threads->at(0).messages[1].text, "second");
}

TEST_P(StoreContract, AdminsListEveryClientAndAccountsCanBeLookedUp) {
  const ClientId first = NewClient("Dana Example");
  const ClientId second = NewClient("Eli Example");
  EXPECT_EQ(*store().ListClients(admin()), (std::vector<ClientId>{first, second}));
  EXPECT_EQ(*store().ListClients(ana()), (std::vector<ClientId>{first, second}));
  EXPECT_TRUE(store().ListClients(ben())->empty());
  auto user = store().GetUser(ben(), *ana().actor);
  ASSERT_TRUE(user);
  EXPECT_EQ(user->username, "ana");
  EXPECT_EQ(store().GetUser(ben(), UserId(999)).error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(store().GetUser(AccessContext::Bootstrap(), *ana().actor).error().code(),
            ErrorCode::kUnauthenticated);
}

TEST_P(StoreContract, MigrationsAreAppliedOnceAtOpen) {
  EXPECT_EQ(*SchemaVersion(store().database()), 17);
  auto again = scratch().Connect(clock());
  ASSERT_TRUE(again);
  EXPECT_EQ(*MigrateStore(*again), 0);
}

}  // namespace
}  // namespace tessera::store::testing

namespace tessera::store::testing {
namespace {

TEST(SqliteSettings, WalFullSyncAndForeignKeysAreOnForEveryConnection) {
  FakeClock clock(TimePoint{});
  auto scratch = ScratchStore::Create(StoreKind::kSqlite, clock);
  auto store = scratch->Connect(clock);
  ASSERT_TRUE(store);
  EXPECT_EQ(store->database().Query("PRAGMA journal_mode", {})->at(0).Text(0), "wal");
  EXPECT_EQ(store->database().Query("PRAGMA synchronous", {})->at(0).Int(0), 2);  // FULL
  EXPECT_EQ(store->database().Query("PRAGMA foreign_keys", {})->at(0).Int(0), 1);
}

}  // namespace
}  // namespace tessera::store::testing
