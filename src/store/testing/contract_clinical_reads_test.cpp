// The store contract, part 7: the hot-path reads (core/clinical_reads.hpp) on both stores:
// paging boundaries, order and cursor stability, the monitor's episode view, the summary.

#include "store/testing/store_fixture.hpp"

namespace tessera::store::testing {
namespace {

class ClinicalReads : public StoreContract {
 protected:
  SessionId NewSession(ClientId client, EpisodeId episode, const std::string& date) {
    return store()
        .RecordSession(ana(), Session{{}, episode, client, date, Attendance::kAttended, {}, {}})
        .value();
  }
  // Administered at the fixture clock plus `minutes`, with two item answers.
  AdministrationId Give(ClientId client, SessionId session, const std::string& instrument,
                        double total, int minutes) {
    MeasureAdministration administration;
    administration.client = client;
    administration.session = session;
    administration.instrument = InstrumentId(instrument);
    administration.administered_at = clock().Now() + std::chrono::minutes(minutes);
    administration.answers = {{"1", total - 1}, {"2", 1.0}};
    administration.total = total;
    administration.band = total >= 10 ? "moderate" : "mild";
    return store().RecordAdministration(ana(), administration).value();
  }
  std::vector<std::int64_t> PageIds(ClientId client, AdministrationQuery query) {
    std::vector<std::int64_t> ids;
    auto page = store().ListAdministrationsPage(ana(), client, query);
    EXPECT_TRUE(page) << page.error().message();
    if (page)
      for (const auto& administration : *page) ids.push_back(administration.id.value());
    return ids;
  }
};

INSTANTIATE_TEST_SUITE_P(Both, ClinicalReads,
                         ::testing::Values(StoreKind::kSqlite, StoreKind::kPostgres),
                         [](const auto& info) { return KindName(info.param); });

TEST_P(ClinicalReads, PagesFollowTheFullListInOrderAtEveryBoundary) {
  EpisodeId episode;
  const ClientId client = NewClient("Dana Example", &episode);
  const SessionId session = NewSession(client, episode, "2026-01-05");
  // Given out of id order in time, so the order is by time, then id.
  for (int minutes : {5, 1, 3, 3, 9, 0, 7}) Give(client, session, "phq9", 12, minutes);
  auto all = store().ListAdministrations(ana(), client, Versions::kCurrentOnly);
  ASSERT_TRUE(all);
  std::vector<std::int64_t> expected;
  for (const auto& administration : *all) expected.push_back(administration.id.value());
  ASSERT_EQ(expected.size(), 7u);
  struct Case {
    std::int64_t offset;
    std::int64_t limit;
  };
  const Case cases[] = {{0, 1}, {0, 3}, {3, 3}, {6, 3}, {6, 1}, {7, 3}, {0, 7}, {0, 8}, {5, 0}};
  for (const Case& test : cases) {
    AdministrationQuery query;
    query.offset = test.offset;
    query.limit = test.limit;
    std::vector<std::int64_t> want;
    for (std::int64_t index = test.offset;
         index < std::min<std::int64_t>(7, test.offset + test.limit); ++index)
      want.push_back(expected[static_cast<std::size_t>(index)]);
    EXPECT_EQ(PageIds(client, query), want) << "offset " << test.offset << " limit " << test.limit;
  }
  // Answers come with the page, in item order.
  AdministrationQuery first;
  first.limit = 1;
  auto page = store().ListAdministrationsPage(ana(), client, first);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->size(), 1u);
  ASSERT_EQ(page->front().answers.size(), 2u);
  EXPECT_EQ(page->front().answers[0].item, "1");
  EXPECT_EQ(page->front().answers[0].value, 11.0);
  EXPECT_EQ(page->front().answers[1].item, "2");
  // A page is stable when new administrations arrive: they are timed later and go last.
  AdministrationQuery second_page;
  second_page.offset = 3;
  second_page.limit = 3;
  const auto before = PageIds(client, second_page);
  Give(client, session, "phq9", 4, 60);
  EXPECT_EQ(PageIds(client, second_page), before);
}

TEST_P(ClinicalReads, SessionPagesAreSlicesOfTheFullListWithAndWithoutHistory) {
  EpisodeId episode;
  const ClientId client = NewClient("Dana Example", &episode);
  EpisodeId other_episode;
  const ClientId other = NewClient("Eli Example", &other_episode);
  // Recorded out of date order, one amended, another client's in between.
  std::vector<SessionId> recorded;
  for (const std::string date : {"2026-02-02", "2026-01-05", "2026-01-19", "2026-01-12"}) {
    recorded.push_back(NewSession(client, episode, date));
    NewSession(other, other_episode, date);
  }
  Session amendment{{}, episode, client, "2026-01-20", Attendance::kDidNotAttend, {}, recorded[2]};
  amendment.techniques = {{TechniqueId("cbt.thought_record"), 7}};
  ASSERT_TRUE(store().RecordSession(ana(), amendment));
  for (const Versions versions : {Versions::kCurrentOnly, Versions::kWithHistory}) {
    auto all = store().ListSessions(ana(), client, versions);
    ASSERT_TRUE(all);
    const auto size = static_cast<std::int64_t>(all->size());
    ASSERT_EQ(size, versions == Versions::kCurrentOnly ? 4 : 5);
    for (std::int64_t offset = 0; offset <= size; ++offset) {
      for (std::int64_t limit : {0, 1, 2, 5}) {
        auto page = store().ListSessionsPage(ana(), client, versions, {offset, limit});
        ASSERT_TRUE(page) << page.error().message();
        std::vector<std::int64_t> got, want;
        for (const Session& session : *page) got.push_back(session.id.value());
        for (std::int64_t index = offset; index < std::min(size, offset + limit); ++index)
          want.push_back((*all)[static_cast<std::size_t>(index)].id.value());
        EXPECT_EQ(got, want) << "offset " << offset << " limit " << limit;
        for (std::size_t row = 0; row < page->size(); ++row) {
          const Session& full = (*all)[static_cast<std::size_t>(offset) + row];
          EXPECT_EQ((*page)[row].techniques.size(), full.techniques.size());
          EXPECT_EQ((*page)[row].date, full.date);
        }
      }
    }
  }
  EXPECT_EQ(store().ListSessionsPage(ben(), client, Versions::kCurrentOnly, {}).error().code(),
            ErrorCode::kNotFound);
}

TEST_P(ClinicalReads, ProgressNotePagesAreSlicesOfTheFullList) {
  const ClientId client = NewClient("Dana Example");
  const ClientId other = NewClient("Eli Example");
  std::vector<NoteId> written;
  for (int note_idx = 0; note_idx < 5; ++note_idx) {
    written.push_back(store()
                          .WriteProgressNote(ana(), ProgressNote{{},
                                                                 client,
                                                                 std::nullopt,
                                                                 {},
                                                                 {},
                                                                 "note " + std::to_string(note_idx),
                                                                 std::nullopt})
                          .value());
    ASSERT_TRUE(store().WriteProgressNote(
        ana(), ProgressNote{{}, other, std::nullopt, {}, {}, "other", std::nullopt}));
  }
  // An amendment replaces note 1 in the current list (and goes last: lists are in id order).
  ASSERT_TRUE(store().WriteProgressNote(
      ana(), ProgressNote{{}, client, std::nullopt, {}, {}, "note 1, amended", written[1]}));
  auto all = store().ListProgressNotes(ana(), client, Versions::kCurrentOnly);
  ASSERT_TRUE(all);
  const auto size = static_cast<std::int64_t>(all->size());
  ASSERT_EQ(size, 5);
  for (std::int64_t offset = 0; offset <= size; ++offset) {
    for (std::int64_t limit : {0, 1, 2, 6}) {
      auto page =
          store().ListProgressNotesPage(ana(), client, Versions::kCurrentOnly, {offset, limit});
      ASSERT_TRUE(page) << page.error().message();
      std::vector<std::string> got, want;
      for (const ProgressNote& note : *page) got.push_back(note.text);
      for (std::int64_t index = offset; index < std::min(size, offset + limit); ++index)
        want.push_back((*all)[static_cast<std::size_t>(index)].text);
      EXPECT_EQ(got, want) << "offset " << offset << " limit " << limit;
    }
  }
  EXPECT_EQ(store().ListProgressNotesPage(ben(), client, Versions::kCurrentOnly, {}).error().code(),
            ErrorCode::kNotFound);
}

TEST_P(ClinicalReads, PagesFilterByInstrumentAndHideOtherClientsAndAmendedRows) {
  EpisodeId episode;
  const ClientId client = NewClient("Dana Example", &episode);
  EpisodeId other_episode;
  const ClientId other = NewClient("Eli Example", &other_episode);
  const SessionId session = NewSession(client, episode, "2026-01-05");
  const SessionId other_session = NewSession(other, other_episode, "2026-01-05");
  const AdministrationId phq = Give(client, session, "phq9", 12, 1);
  Give(other, other_session, "phq9", 12, 2);
  const AdministrationId gad = Give(client, session, "gad7", 8, 3);
  MeasureAdministration amendment;
  amendment.client = client;
  amendment.session = session;
  amendment.instrument = InstrumentId("phq9");
  amendment.administered_at = clock().Now() + std::chrono::minutes(4);
  amendment.total = 11;
  amendment.supersedes = phq;
  const AdministrationId amended = store().RecordAdministration(ana(), amendment).value();
  AdministrationQuery query;
  EXPECT_EQ(PageIds(client, query), (std::vector<std::int64_t>{gad.value(), amended.value()}));
  query.instrument = InstrumentId("gad7");
  EXPECT_EQ(PageIds(client, query), (std::vector<std::int64_t>{gad.value()}));
  auto refused = store().ListAdministrationsPage(ben(), client, AdministrationQuery{});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), ErrorCode::kNotFound);
}

TEST_P(ClinicalReads, EpisodeOfASessionHasTheLatestAdministrationPerSessionAndInstrument) {
  EpisodeId episode;
  const ClientId client = NewClient("Dana Example", &episode);
  const SessionId first = NewSession(client, episode, "2026-01-05");
  const SessionId second = NewSession(client, episode, "2026-01-12");
  Give(client, first, "phq9", 15, 1);
  const AdministrationId counted_first = Give(client, first, "phq9", 14, 2);
  const AdministrationId gad = Give(client, first, "gad7", 9, 3);
  const AdministrationId counted_second = Give(client, second, "phq9", 10, 60);
  // Another episode's session is not part of it.
  auto other_episode =
      store().OpenEpisode(ana(), Episode{{}, client, "2026-03-01", "second referral", {}, ""});
  ASSERT_TRUE(other_episode);
  Give(client, NewSession(client, *other_episode, "2026-03-02"), "phq9", 5, 90);
  Alert alert;
  alert.client = client;
  alert.kind = "risk_item";
  alert.detail = "item 9";
  alert.raised_at = clock().Now();
  alert.administration = counted_first;
  alert.episode = episode;
  alert.instrument = "phq9";
  alert.severity = "critical";
  alert.triggers.push_back({counted_first, clock().Now(), "critical", 1.0, "item 9 at 1"});
  alert.triggers.push_back({counted_second, clock().Now(), "critical", 2.0, "item 9 at 2"});
  ASSERT_TRUE(store().RaiseAlert(ana(), alert));
  // An alert of the other episode is not this episode's.
  Alert elsewhere = alert;
  elsewhere.episode = *other_episode;
  elsewhere.administration.reset();
  elsewhere.triggers.clear();
  ASSERT_TRUE(store().RaiseAlert(ana(), elsewhere));

  auto records = store().ReadEpisodeOfSession(ana(), client, first);
  ASSERT_TRUE(records) << records.error().message();
  EXPECT_EQ(records->session.id, first);
  EXPECT_EQ(records->session.episode, episode);
  ASSERT_EQ(records->sessions.size(), 2u);
  EXPECT_EQ(records->sessions[0].id, first);
  EXPECT_EQ(records->sessions[1].id, second);
  std::vector<std::int64_t> ids;
  for (const auto& administration : records->administrations)
    ids.push_back(administration.id.value());
  EXPECT_EQ(
      ids, (std::vector<std::int64_t>{counted_first.value(), gad.value(), counted_second.value()}));
  EXPECT_EQ(records->administrations[0].answers.size(), 2u);
  EXPECT_EQ(records->profile.goals, (std::vector<std::string>{"sleep through the night"}));
  // The episode's alerts, with their key, severity and triggers (the alert lifecycle's input).
  ASSERT_EQ(records->episode_alerts.size(), 1u);
  const Alert& read = records->episode_alerts[0];
  EXPECT_EQ(read.kind, "risk_item");
  EXPECT_EQ(read.episode, episode);
  EXPECT_EQ(read.instrument, "phq9");
  EXPECT_EQ(read.severity, "critical");
  ASSERT_EQ(read.triggers.size(), 2u);
  EXPECT_EQ(read.triggers[0].administration, counted_first);
  EXPECT_EQ(read.triggers[1].level, 2.0);
  EXPECT_EQ(read.triggers[1].detail, "item 9 at 2");
  EXPECT_EQ(store().ReadEpisodeOfSession(ana(), client, second)->episode_alerts.size(), 1u);
  // A trigger added later is read back; one for another client's administration looks missing.
  ASSERT_TRUE(store().AddAlertTrigger(
      ana(), read.id, {std::nullopt, clock().Now(), "critical", 3.0, "item 9 at 3"}));
  EXPECT_EQ(store().ReadEpisodeOfSession(ana(), client, first)->episode_alerts[0].triggers.size(),
            3u);
  EXPECT_FALSE(
      store().AddAlertTrigger(ben(), read.id, {std::nullopt, clock().Now(), "critical", 3.0, "x"}));
  // Another client's session looks missing; so does the client for someone off the team.
  EpisodeId other_episode_of_other;
  const ClientId other = NewClient("Eli Example", &other_episode_of_other);
  const SessionId foreign = NewSession(other, other_episode_of_other, "2026-01-05");
  EXPECT_EQ(store().ReadEpisodeOfSession(ana(), client, foreign).error().code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(store().ReadEpisodeOfSession(ben(), client, first).error().code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(LastAuditEntry().action, AuditAction::kDeny);
}

TEST_P(ClinicalReads, SummaryHasTheCurrentEpisodeScoresAlertsAndPlan) {
  EpisodeId episode;
  const ClientId client = NewClient("Dana Example", &episode);
  auto empty = store().GetClientSummary(ana(), client);
  ASSERT_TRUE(empty) << empty.error().message();
  EXPECT_EQ(empty->name, "Dana Example");
  ASSERT_TRUE(empty->episode);
  EXPECT_EQ(empty->episode->id, episode);
  EXPECT_TRUE(empty->instruments.empty());
  EXPECT_FALSE(empty->plan);

  const SessionId first = NewSession(client, episode, "2026-01-05");
  const SessionId second = NewSession(client, episode, "2026-01-12");
  const AdministrationId intake = Give(client, first, "phq9", 18, 1);
  Give(client, first, "gad7", 12, 2);
  Give(client, second, "phq9", 13, 60);
  const AdministrationId latest = Give(client, second, "phq9", 9, 61);
  for (const std::string kind : {"risk_item", "not_on_track"}) {
    Alert alert;
    alert.client = client;
    alert.kind = kind;
    alert.raised_at = clock().Now();
    alert.administration = intake;
    ASSERT_TRUE(store().RaiseAlert(ana(), alert));
  }
  auto alerts = store().ListAlerts(ana(), client);
  ASSERT_TRUE(store().HandleAlert(ana(), alerts->front().id,
                                  AlertHandling{{}, clock().Now(), "acknowledged", "seen"}));
  auto plan = store().CreatePlan(
      ana(), Plan{{}, client, episode, {PlanVersion{0, "{}", "initial", {}, {}, {}, {}}}});
  ASSERT_TRUE(plan);
  ASSERT_TRUE(store().RevisePlan(ana(), *plan, 1, PlanVersion{0, "{}", "second", {}, {}, {}, {}}));
  // The summary shows the episode's active plan (agreed by both), not a newer draft.
  ASSERT_TRUE(store().SignOffPlan(ana(), *plan, 2, SignOffRole::kClinician));
  ASSERT_TRUE(store().RecordClientAgreement(ana(), *plan, 2, AgreementGiven::kInSession));
  ASSERT_TRUE(store().CreatePlan(
      ana(), Plan{{}, client, episode, {PlanVersion{0, "{}", "a newer draft", {}, {}, {}, {}}}}));

  auto summary = store().GetClientSummary(ana(), client);
  ASSERT_TRUE(summary) << summary.error().message();
  EXPECT_EQ(LastAuditEntry().record_type, "client_summary");
  EXPECT_EQ(LastAuditEntry().sensitivity, Sensitivity::kIdentifying);
  ASSERT_EQ(summary->instruments.size(), 2u);
  const InstrumentSummary& gad = summary->instruments[0];
  const InstrumentSummary& phq = summary->instruments[1];
  EXPECT_EQ(gad.instrument.value(), "gad7");
  EXPECT_EQ(gad.count, 1);
  EXPECT_EQ(phq.instrument.value(), "phq9");
  EXPECT_EQ(phq.count, 3);
  EXPECT_EQ(phq.first.administration, intake);
  EXPECT_EQ(phq.first.total, 18);
  EXPECT_EQ(phq.latest.administration, latest);
  EXPECT_EQ(phq.latest.band, "mild");
  EXPECT_EQ(summary->open_alerts, 1);
  ASSERT_TRUE(summary->plan);
  EXPECT_EQ(*summary->plan, *plan);
  EXPECT_EQ(summary->plan_version, 2);

  // An amendment replaces the row it amends: the count stays, the latest is the amendment.
  MeasureAdministration amendment;
  amendment.client = client;
  amendment.session = second;
  amendment.instrument = InstrumentId("phq9");
  amendment.administered_at = clock().Now() + std::chrono::minutes(62);
  amendment.total = 8;
  amendment.band = "mild";
  amendment.supersedes = latest;
  const AdministrationId amended = store().RecordAdministration(ana(), amendment).value();
  auto after_amendment = store().GetClientSummary(ana(), client);
  ASSERT_TRUE(after_amendment);
  EXPECT_EQ(after_amendment->instruments[1].count, 3);
  EXPECT_EQ(after_amendment->instruments[1].latest.administration, amended);
  EXPECT_EQ(after_amendment->instruments[1].first.administration, intake);

  // A closed episode is still shown when there is no open one; an open one wins.
  // (The risk alert above was only acknowledged, so the closure gives its override reason.)
  ASSERT_TRUE(store().CloseEpisode(ana(), episode, "2026-02-01", "goals met",
                                   "risk handed over to the GP"));
  EXPECT_EQ(store().GetClientSummary(ana(), client)->episode->id, episode);
  auto reopened = store().OpenEpisode(ana(), Episode{{}, client, "2026-01-01", "relapse", {}, ""});
  ASSERT_TRUE(reopened);
  auto now_open = store().GetClientSummary(ana(), client);
  EXPECT_EQ(now_open->episode->id, *reopened);
  EXPECT_TRUE(now_open->instruments.empty());
  EXPECT_EQ(store().GetClientSummary(ben(), client).error().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace tessera::store::testing
