// The store contract (both stores), issue 16 "the record": measures dated by their session,
// corrections and voids as superseding rows with their reason, nothing written to a closed
// episode until it is reopened, and no closure over an open risk alert without an override.

#include <algorithm>

#include "store/testing/store_fixture.hpp"

namespace tessera::store::testing {
namespace {

class RecordRules : public StoreContract {
 protected:
  // A client with an open episode and one session on 2026-01-12.
  void SetUp() override {
    StoreContract::SetUp();
    client_ = NewClient("Dana Example", &episode_);
    auto session = store().RecordSession(
        ana(), Session{{}, episode_, client_, "2026-01-12", Attendance::kAttended, {}, {}});
    ASSERT_TRUE(session) << session.error().message();
    session_ = *session;
  }

  Result<AdministrationId> RecordPhq9(double total) {
    MeasureAdministration administration;
    administration.client = client_;
    administration.session = session_;
    administration.instrument = InstrumentId("phq9");
    administration.total = total;
    administration.dating = AdministrationDating::kBySession;
    return store().RecordAdministration(ana(), administration);
  }

  Result<AdministrationId> Supersede(AdministrationId original, AdministrationEntry entry,
                                     std::optional<double> total, const std::string& reason) {
    MeasureAdministration change;
    change.client = client_;
    change.session = session_;
    change.instrument = InstrumentId("phq9");
    change.total = total;
    change.supersedes = original;
    change.entry = entry;
    change.reason = reason;
    change.dating = AdministrationDating::kBySession;
    return store().RecordAdministration(ana(), change);
  }

  std::vector<double> CurrentTotals() {
    std::vector<double> totals;
    auto current = store().ListAdministrations(ana(), client_, Versions::kCurrentOnly);
    EXPECT_TRUE(current);
    for (const auto& administration : *current) totals.push_back(administration.total.value_or(-1));
    return totals;
  }

  bool AuditHas(const std::string& record_type) {
    auto entries = store().ReadAudit(1, 100000);
    return entries && std::any_of(entries->begin(), entries->end(), [&](const AuditEntry& entry) {
             return entry.record_type == record_type;
           });
  }

  ClientId client_;
  EpisodeId episode_;
  SessionId session_;
};

INSTANTIATE_TEST_SUITE_P(Both, RecordRules,
                         ::testing::Values(StoreKind::kSqlite, StoreKind::kPostgres),
                         [](const auto& info) { return KindName(info.param); });

TEST_P(RecordRules, AMeasureIsDatedByItsSessionAndKeepsItsSubmissionTime) {
  clock().Advance(std::chrono::hours(24 * 30));  // entered a month after the session
  ASSERT_TRUE(RecordPhq9(14));
  auto read = store().ListAdministrations(ana(), client_, Versions::kCurrentOnly);
  ASSERT_TRUE(read);
  ASSERT_EQ(read->size(), 1u);
  EXPECT_EQ(FormatUtc(read->at(0).administered_at), "2026-01-12T00:00:00.000Z");
  EXPECT_EQ(read->at(0).submitted_at, clock().Now());
}

TEST_P(RecordRules, AVoidedMeasureStaysInTheHistoryAndCountsNowhere) {
  // Issue 16: two PHQ-9s (24 and 12) stood in one session and both counted.
  auto mistaken = RecordPhq9(24);
  ASSERT_TRUE(mistaken);
  ASSERT_TRUE(RecordPhq9(12));
  auto voided = Supersede(*mistaken, AdministrationEntry::kVoid, std::nullopt, "entered twice");
  ASSERT_TRUE(voided) << voided.error().message();
  EXPECT_EQ(CurrentTotals(), std::vector<double>{12});

  auto history = store().ListAdministrations(ana(), client_, Versions::kWithHistory);
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 3u);
  EXPECT_EQ(history->at(0).total, 24);
  EXPECT_EQ(history->at(2).entry, AdministrationEntry::kVoid);
  EXPECT_EQ(history->at(2).supersedes, *mistaken);
  EXPECT_EQ(history->at(2).reason, "entered twice");

  auto summary = store().GetClientSummary(ana(), client_);
  ASSERT_TRUE(summary);
  ASSERT_EQ(summary->instruments.size(), 1u);
  EXPECT_EQ(summary->instruments[0].count, 1);
  EXPECT_EQ(summary->instruments[0].first.total, 12);
  auto episode = store().ReadEpisodeOfSession(ana(), client_, session_);
  ASSERT_TRUE(episode);
  ASSERT_EQ(episode->administrations.size(), 1u);
  EXPECT_EQ(episode->administrations[0].total, 12);
  auto page = store().ListAdministrationsPage(ana(), client_, AdministrationQuery{});
  ASSERT_TRUE(page);
  EXPECT_EQ(page->size(), 1u);
  AdministrationQuery with_history;
  with_history.versions = Versions::kWithHistory;
  EXPECT_EQ(store().ListAdministrationsPage(ana(), client_, with_history)->size(), 3u);
}

TEST_P(RecordRules, ACorrectionCountsInsteadOfTheOriginalAndIsFinalOnlyOnce) {
  auto original = RecordPhq9(24);
  ASSERT_TRUE(original);
  auto corrected = Supersede(*original, AdministrationEntry::kMeasure, 14, "item 3 misread");
  ASSERT_TRUE(corrected) << corrected.error().message();
  EXPECT_EQ(CurrentTotals(), std::vector<double>{14});
  EXPECT_EQ(store().GetClientSummary(ana(), client_)->instruments.at(0).latest.total, 14);
  // The original was replaced: a second correction of it, and a void of it, conflict.
  EXPECT_EQ(Supersede(*original, AdministrationEntry::kMeasure, 15, "again").error().code(),
            ErrorCode::kConflict);
  EXPECT_EQ(Supersede(*original, AdministrationEntry::kVoid, std::nullopt, "x").error().code(),
            ErrorCode::kConflict);
  // A void is final: it cannot itself be corrected or voided.
  auto voided = Supersede(*corrected, AdministrationEntry::kVoid, std::nullopt, "wrong client");
  ASSERT_TRUE(voided) << voided.error().message();
  EXPECT_TRUE(CurrentTotals().empty());
  EXPECT_EQ(Supersede(*voided, AdministrationEntry::kMeasure, 3, "undo").error().code(),
            ErrorCode::kConflict);
  EXPECT_TRUE(store().GetClientSummary(ana(), client_)->instruments.empty());
}

TEST_P(RecordRules, AVoidWithoutAReasonOrInAnotherInstrumentIsRefusedAndChangesNothing) {
  auto original = RecordPhq9(24);
  ASSERT_TRUE(original);
  const std::string before = Fingerprint();
  EXPECT_EQ(Supersede(*original, AdministrationEntry::kVoid, std::nullopt, "").error().code(),
            ErrorCode::kInvalidArgument);
  MeasureAdministration other_instrument;
  other_instrument.client = client_;
  other_instrument.session = session_;
  other_instrument.instrument = InstrumentId("gad7");
  other_instrument.supersedes = *original;
  other_instrument.entry = AdministrationEntry::kVoid;
  other_instrument.reason = "x";
  EXPECT_EQ(store().RecordAdministration(ana(), other_instrument).error().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(Fingerprint(), before);
}

TEST_P(RecordRules, AClosedEpisodeRefusesWritesUntilItIsReopened) {
  auto plan = store().CreatePlan(
      ana(), Plan{{}, client_, episode_, {PlanVersion{1, "{}", "initial plan", {}, {}, {}, {}}}});
  ASSERT_TRUE(plan) << plan.error().message();
  ASSERT_TRUE(store().CloseEpisode(ana(), episode_, "2026-02-01", "goals met"));
  const std::string before = RecordsFingerprint();
  const auto refused = [](const auto& result) {
    return !result && result.error().code() == ErrorCode::kConflict &&
           result.error().message().find("closed") != std::string::npos;
  };
  EXPECT_TRUE(refused(store().RecordSession(
      ana(), Session{{}, episode_, client_, "2026-02-02", Attendance::kAttended, {}, {}})));
  EXPECT_TRUE(refused(RecordPhq9(10)));
  EXPECT_TRUE(refused(store().WriteProgressNote(
      ana(), ProgressNote{{}, client_, session_, {}, {}, "late note", {}})));
  EXPECT_TRUE(
      refused(store().RevisePlan(ana(), *plan, 1, PlanVersion{0, "{}", "late", {}, {}, {}, {}})));
  EXPECT_TRUE(refused(store().SignOffPlan(ana(), *plan, 1, SignOffRole::kClinician)));
  EXPECT_TRUE(refused(store().CreatePlan(
      ana(), Plan{{}, client_, episode_, {PlanVersion{1, "{}", "initial plan", {}, {}, {}, {}}}})));
  EXPECT_EQ(RecordsFingerprint(), before);

  EXPECT_EQ(store().ReopenEpisode(ana(), episode_, "").error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(store().ReopenEpisode(ben(), episode_, "not mine").error().code(),
            ErrorCode::kNotFound);
  ASSERT_TRUE(store().ReopenEpisode(ana(), episode_, "relapse: work continues"));
  EXPECT_TRUE(AuditHas("episode_reopening"));
  EXPECT_FALSE(store().ListEpisodes(ana(), client_)->at(0).closed_on.has_value());
  EXPECT_EQ(store().ReopenEpisode(ana(), episode_, "twice").error().code(), ErrorCode::kConflict);
  EXPECT_TRUE(RecordPhq9(10));
  // It can close again, and then refuses again.
  ASSERT_TRUE(store().CloseEpisode(ana(), episode_, "2026-03-01", "goals met again"));
  EXPECT_EQ(store().ListEpisodes(ana(), client_)->at(0).closed_on, "2026-03-01");
  EXPECT_TRUE(refused(RecordPhq9(9)));
}

TEST_P(RecordRules, AnEpisodeClosesOverAnOpenRiskAlertOnlyWithAnOverrideReason) {
  auto administration = RecordPhq9(20);
  ASSERT_TRUE(administration);
  auto risk = store().RaiseAlert(
      ana(), Alert{{}, client_, "risk_item", clock().Now(), "PHQ-9 item 9", *administration, {}});
  ASSERT_TRUE(risk);
  ASSERT_TRUE(store().RaiseAlert(
      ana(), Alert{{}, client_, "not_on_track", clock().Now(), "", *administration, {}}));
  const std::string before = RecordsFingerprint();
  auto refused = store().CloseEpisode(ana(), episode_, "2026-02-01", "goals met");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), ErrorCode::kConflict);
  EXPECT_NE(refused.error().message().find(std::to_string(risk->value()) + " (risk_item)"),
            std::string::npos)
      << refused.error().message();
  EXPECT_NE(refused.error().message().find("risk_alert_override"), std::string::npos);
  EXPECT_EQ(RecordsFingerprint(), before);
  EXPECT_FALSE(store().ListEpisodes(ana(), client_)->at(0).closed_on.has_value());
  ASSERT_TRUE(store().CloseEpisode(ana(), episode_, "2026-02-01", "moved abroad",
                                   "client moved abroad; risk handed over to the GP"));
  EXPECT_TRUE(AuditHas("episode_risk_override"));

  // Acknowledged, a risk alert still holds a closure up; resolved, it no longer does (the open
  // not_on_track alert never did).
  ASSERT_TRUE(store().ReopenEpisode(ana(), episode_, "back"));
  ASSERT_TRUE(store().HandleAlert(ana(), *risk, {{}, clock().Now(), "acknowledged", "seen"}));
  EXPECT_EQ(store().CloseEpisode(ana(), episode_, "2026-03-01", "goals met").error().code(),
            ErrorCode::kConflict);
  ASSERT_TRUE(store().HandleAlert(
      ana(), *risk, {{}, clock().Now(), "resolved", "risk assessment done, safety plan in place"}));
  EXPECT_TRUE(store().CloseEpisode(ana(), episode_, "2026-03-01", "goals met"));
}

TEST_P(RecordRules, AClientsAccessHistoryListsWhoReadOrChangedItForAdminsOnly) {
  NewClient("Eli Example");  // another client's entries stay out
  ASSERT_TRUE(store().ListSessions(ana(), client_, Versions::kCurrentOnly));
  auto history = store().ReadClientAudit(admin(), client_, 0, 1000);
  ASSERT_TRUE(history) << history.error().message();
  ASSERT_GE(history->size(), 3u);
  for (const AuditEntry& entry : *history) EXPECT_EQ(entry.client, client_);
  EXPECT_TRUE(std::any_of(history->begin(), history->end(), [&](const AuditEntry& entry) {
    return entry.record_type == "session" && entry.action == AuditAction::kRead &&
           entry.actor == *ana().actor;
  }));
  // The read itself is the newest entry.
  EXPECT_EQ(history->back().record_type, "client_access_history");
  EXPECT_EQ(history->back().actor, *admin().actor);
  auto page = store().ReadClientAudit(admin(), client_, 1, 2);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->size(), 2u);
  EXPECT_EQ(page->at(0).sequence, history->at(1).sequence);
  EXPECT_EQ(store().ReadClientAudit(ana(), client_, 0, 10).error().code(),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(store().ReadClientAudit(admin(), ClientId(999999), 0, 10).error().code(),
            ErrorCode::kNotFound);
}

}  // namespace
}  // namespace tessera::store::testing
