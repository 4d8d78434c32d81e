// The store contract (both stores), reminders (schema version 12, docs/reminders.md): contact
// and consent versions, enqueueing with idempotency keys, claims with leases, outcomes fenced
// by the attempt, and who may see what.

#include <set>

#include "store/testing/store_fixture.hpp"

namespace tessera::store::testing {
namespace {

ReminderContact Consenting(ClientId client) {
  ReminderContact contact;
  contact.client = client;
  contact.email = "dana@example.org";
  contact.mobile = "+447700900123";
  contact.email_consent = true;
  contact.sms_consent = false;
  return contact;
}

NewOutboxMessage Reminder(ClientId client, ReminderChannel channel, std::string key = "") {
  NewOutboxMessage message;
  message.client = client;
  message.channel = channel;
  message.template_name = std::string(kQuestionnaireReminderTemplate);
  message.link = "https://clinic.example/q/secret-token";
  message.idempotency_key = std::move(key);
  return message;
}

TEST_P(StoreContract, ReminderContactsAreVersionedAndConsentIsChecked) {
  const ClientId client = NewClient("Dana Example");
  auto none = store().GetReminderContact(ana(), client);
  ASSERT_TRUE(none) << none.error().message();
  EXPECT_EQ(none->version, 0);
  EXPECT_FALSE(none->email_consent);
  ReminderContact bad = Consenting(client);
  bad.mobile = "07700 900123";
  EXPECT_EQ(store().SetReminderContact(ana(), bad, 0).error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(*store().SetReminderContact(ana(), Consenting(client), 0), 1);
  EXPECT_EQ(store().SetReminderContact(ana(), Consenting(client), 0).error().code(),
            ErrorCode::kConflict);
  EXPECT_EQ(store().SetReminderContact(ben(), Consenting(client), 1).error().code(),
            ErrorCode::kNotFound);
  // Email consented, text messages not: only email may be queued.
  EXPECT_TRUE(store().EnqueueOutboxMessage(ana(), Reminder(client, ReminderChannel::kEmail)));
  EXPECT_EQ(
      store().EnqueueOutboxMessage(ana(), Reminder(client, ReminderChannel::kSms)).error().code(),
      ErrorCode::kConflict);
  EXPECT_EQ(
      store().EnqueueOutboxMessage(ben(), Reminder(client, ReminderChannel::kEmail)).error().code(),
      ErrorCode::kNotFound);
}

TEST_P(StoreContract, OutboxClaimsLeasesAndFencedOutcomes) {
  const ClientId client = NewClient("Dana Example");
  ASSERT_TRUE(store().SetReminderContact(ana(), Consenting(client), 0));
  auto first = store().EnqueueOutboxMessage(
      ana(), Reminder(client, ReminderChannel::kEmail, "qlink-1-email"));
  ASSERT_TRUE(first) << first.error().message();
  EXPECT_EQ(first->state, OutboxState::kQueued);
  EXPECT_EQ(first->recipient, "dana@example.org");
  // The same key again: the message already queued, nothing new.
  auto again = store().EnqueueOutboxMessage(
      ana(), Reminder(client, ReminderChannel::kEmail, "qlink-1-email"));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->id, first->id);
  EXPECT_EQ(store().ListOutboxMessages(ana(), client)->size(), 1u);

  const std::set<ReminderChannel> email = {ReminderChannel::kEmail};
  EXPECT_FALSE(*store().ClaimDueOutboxMessage({ReminderChannel::kSms}, clock().Now()));
  auto claimed = store().ClaimDueOutboxMessage(email, clock().Now() + std::chrono::minutes(2));
  ASSERT_TRUE(claimed && *claimed);
  EXPECT_EQ((*claimed)->state, OutboxState::kSending);
  EXPECT_EQ((*claimed)->attempts, 1);
  // Leased: nobody claims it again until the lease runs out (a crashed worker's claim).
  EXPECT_FALSE(*store().ClaimDueOutboxMessage(email, clock().Now() + std::chrono::minutes(2)));
  clock().Advance(std::chrono::minutes(3));
  auto retaken = store().ClaimDueOutboxMessage(email, clock().Now() + std::chrono::minutes(2));
  ASSERT_TRUE(retaken && *retaken);
  EXPECT_EQ((*retaken)->attempts, 2);
  // The first claim's outcome arrives late: it changes nothing.
  ASSERT_TRUE(store().MarkOutboxSent(first->id, 1));
  EXPECT_EQ(store().ListOutboxMessages(ana(), client)->at(0).state, OutboxState::kSending);
  // A failure with a retry time waits until then.
  ASSERT_TRUE(store().MarkOutboxFailed(first->id, 2, "connection refused",
                                       clock().Now() + std::chrono::seconds(30)));
  EXPECT_FALSE(*store().ClaimDueOutboxMessage(email, clock().Now() + std::chrono::minutes(2)));
  clock().Advance(std::chrono::seconds(31));
  auto third = store().ClaimDueOutboxMessage(email, clock().Now() + std::chrono::minutes(2));
  ASSERT_TRUE(third && *third);
  const AuditEntry before = LastAuditEntry();
  ASSERT_TRUE(store().MarkOutboxSent(first->id, 3));
  const OutboxMessage sent = store().ListOutboxMessages(ana(), client)->at(0);
  EXPECT_EQ(sent.state, OutboxState::kSent);
  EXPECT_EQ(sent.link, "");  // a single-use token is not kept once delivered
  EXPECT_EQ(sent.attempts, 3);
  EXPECT_TRUE(sent.sent_at.has_value());
  EXPECT_FALSE(*store().ClaimDueOutboxMessage(email, clock().Now() + std::chrono::hours(1)));
  EXPECT_FALSE(store().VerifyAudit()->first_bad_sequence.has_value());
  EXPECT_GT(LastAuditEntry().sequence, before.sequence);
}

TEST_P(StoreContract, OnlyAdminsListEveryClientsReminders) {
  const ClientId client = NewClient("Dana Example");
  ASSERT_TRUE(store().SetReminderContact(ana(), Consenting(client), 0));
  ASSERT_TRUE(store().EnqueueOutboxMessage(ana(), Reminder(client, ReminderChannel::kEmail)));
  EXPECT_EQ(store().ListOutboxMessages(admin(), std::nullopt)->size(), 1u);
  EXPECT_EQ(store().ListOutboxMessages(ana(), std::nullopt).error().code(),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(store().ListOutboxMessages(ben(), client).error().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace tessera::store::testing
