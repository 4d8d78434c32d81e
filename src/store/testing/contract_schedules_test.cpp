// The store contract (both stores), measurement schedules, questionnaire links and progress
// sharing (schema versions 11 and 15; docs/schedules.md): a schedule per episode replaced
// whole, links kept by their token's hash only, used exactly once, revoked, listed with their
// delivery; progress shared per episode, off until the clinician sets it; and who may do what.

#include "store/testing/store_fixture.hpp"

namespace tessera::store::testing {
namespace {

const std::string kHash(64, 'a');

class ScheduleContract : public StoreContract {
 protected:
  void SetUp() override {
    StoreContract::SetUp();
    client_ = NewClient("Dana Example", &episode_);
    auto session = store().RecordSession(
        ana(), {{}, episode_, client_, "2026-01-05", Attendance::kAttended, {}, {}});
    ASSERT_TRUE(session) << session.error().message();
    session_ = *session;
  }

  QuestionnaireLink Link(LinkDelivery delivery = LinkDelivery::kRemote) {
    QuestionnaireLink link;
    link.client = client_;
    link.session = session_;
    link.instruments = {"phq9", "gad7"};
    link.expires_at = clock().Now() + std::chrono::hours(72);
    link.delivery = delivery;
    return link;
  }

  ClientId client_;
  EpisodeId episode_;
  SessionId session_;
};

TEST_P(ScheduleContract, AnEpisodesScheduleIsReplacedWholeOnlyByItsStaff) {
  auto none = store().GetSchedule(ana(), client_, episode_);
  ASSERT_TRUE(none) << none.error().message();
  EXPECT_FALSE(none->has_value());
  const std::string first = R"({"instruments":[{"instrument":"phq9"}]})";
  const std::string second = R"({"instruments":[{"instrument":"gad7"}],"planned_sessions":12})";
  ASSERT_TRUE(store().SetSchedule(ana(), client_, episode_, first));
  ASSERT_TRUE(store().SetSchedule(ana(), client_, episode_, second));
  auto stored = store().GetSchedule(ana(), client_, episode_);
  ASSERT_TRUE(stored && stored->has_value());
  EXPECT_EQ((*stored)->document, second);
  EXPECT_EQ((*stored)->updated_by, ana().actor);
  EpisodeId other_episode;
  NewClient("Eli Example", &other_episode);
  // Not on the case: the same NotFound as a missing client, and nothing changes.
  const std::string before = RecordsFingerprint();
  EXPECT_EQ(store().SetSchedule(ben(), client_, episode_, first).error().code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(store().GetSchedule(ben(), client_, episode_).error().code(), ErrorCode::kNotFound);
  // Another client's episode is not this client's.
  EXPECT_EQ(store().SetSchedule(ana(), client_, other_episode, first).error().code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(RecordsFingerprint(), before);
}

TEST_P(ScheduleContract, ALinkIsFoundByItsHashUsedOnceAndKeepsItsDelivery) {
  auto id = store().CreateQuestionnaireLink(ana(), Link(LinkDelivery::kKiosk), kHash);
  ASSERT_TRUE(id) << id.error().message();
  EXPECT_EQ(store().CreateQuestionnaireLink(ben(), Link(), std::string(64, 'b')).error().code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(store().CreateQuestionnaireLink(ana(), Link(), "short").error().code(),
            ErrorCode::kInvalidArgument);
  auto found = store().FindQuestionnaireLink(kHash);
  ASSERT_TRUE(found && found->has_value());
  EXPECT_EQ((*found)->id, *id);
  EXPECT_EQ((*found)->delivery, LinkDelivery::kKiosk);
  EXPECT_EQ((*found)->instruments, (std::vector<std::string>{"phq9", "gad7"}));
  EXPECT_FALSE((*found)->used_at);
  EXPECT_FALSE(store().FindQuestionnaireLink(std::string(64, 'c'))->has_value());

  auto used = store().UseQuestionnaireLink(ana(), *id, "key-12345678", R"({"r":1})");
  ASSERT_TRUE(used) << used.error().message();
  EXPECT_TRUE(*used);
  // Once only: a second use changes nothing.
  EXPECT_FALSE(*store().UseQuestionnaireLink(ana(), *id, "key-other-1", R"({"r":2})"));
  found = store().FindQuestionnaireLink(kHash);
  EXPECT_TRUE((*found)->used_at);
  EXPECT_EQ((*found)->idempotency_key, "key-12345678");
  EXPECT_EQ((*found)->receipt, R"({"r":1})");
}

TEST_P(ScheduleContract, RevokedAndExpiredLinksCannotBeUsedAndTheListShowsEveryLink) {
  auto revoked = store().CreateQuestionnaireLink(ana(), Link(), std::string(64, 'd'));
  ASSERT_TRUE(revoked);
  QuestionnaireLink short_lived = Link();
  short_lived.expires_at = clock().Now() + std::chrono::hours(2);
  auto expiring = store().CreateQuestionnaireLink(ana(), short_lived, std::string(64, 'e'));
  ASSERT_TRUE(expiring);
  EXPECT_EQ(store().RevokeQuestionnaireLink(ben(), client_, *revoked).error().code(),
            ErrorCode::kNotFound);
  auto done = store().RevokeQuestionnaireLink(ana(), client_, *revoked);
  ASSERT_TRUE(done) << done.error().message();
  EXPECT_TRUE(done->revoked_at);
  EXPECT_FALSE(*store().UseQuestionnaireLink(ana(), *revoked, "key-12345678", "{}"));
  clock().Advance(std::chrono::hours(3));
  EXPECT_FALSE(*store().UseQuestionnaireLink(ana(), *expiring, "key-12345678", "{}"));
  auto listed = store().ListQuestionnaireLinks(ana(), client_);
  ASSERT_TRUE(listed) << listed.error().message();
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ(listed->at(0).id, *expiring);  // newest first
  EXPECT_EQ(listed->at(0).delivery, LinkDelivery::kRemote);
  EXPECT_EQ(store().ListQuestionnaireLinks(ben(), client_).error().code(), ErrorCode::kNotFound);
}

TEST_P(ScheduleContract, ProgressIsSharedPerEpisodeOnlyWhenTheClinicianSetsIt) {
  auto initially = store().GetProgressSharing(ana(), client_, episode_);
  ASSERT_TRUE(initially) << initially.error().message();
  EXPECT_FALSE(initially->shared);
  EXPECT_FALSE(initially->updated_by);
  const AccessContext dana = AddUser("dana", Role::kClient);
  ASSERT_TRUE(store().LinkClientAccount(admin(), *dana.actor, client_));
  // The client may read the setting, never change it; another clinician sees nothing.
  EXPECT_FALSE(store().GetProgressSharing(dana, client_, episode_)->shared);
  EXPECT_EQ(store().SetProgressSharing(dana, client_, episode_, true).error().code(),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(store().SetProgressSharing(ben(), client_, episode_, true).error().code(),
            ErrorCode::kNotFound);
  auto shared = store().SetProgressSharing(ana(), client_, episode_, true);
  ASSERT_TRUE(shared) << shared.error().message();
  EXPECT_TRUE(shared->shared);
  EXPECT_TRUE(store().GetProgressSharing(dana, client_, episode_)->shared);
  EXPECT_EQ(store().GetProgressSharing(ana(), client_, episode_)->updated_by, ana().actor);
  ASSERT_TRUE(store().SetProgressSharing(ana(), client_, episode_, false));
  EXPECT_EQ(LastAuditEntry().record_type, "progress_sharing");
  EXPECT_FALSE(store().GetProgressSharing(dana, client_, episode_)->shared);
  // Per episode: another client's episode is not this client's.
  EpisodeId other_episode;
  NewClient("Eli Example", &other_episode);
  EXPECT_EQ(store().GetProgressSharing(ana(), client_, other_episode).error().code(),
            ErrorCode::kNotFound);
}

INSTANTIATE_TEST_SUITE_P(Stores, ScheduleContract,
                         ::testing::Values(StoreKind::kSqlite, StoreKind::kPostgres),
                         [](const auto& info) { return KindName(info.param); });

}  // namespace
}  // namespace tessera::store::testing
