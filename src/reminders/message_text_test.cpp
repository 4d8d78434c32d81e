#include <gtest/gtest.h>

#include "reminders/message_text.hpp"
#include "reminders/settings.hpp"

namespace tessera::reminders {
namespace {

OutboxMessage Reminder() {
  OutboxMessage message;
  message.idempotency_key = "rm-0123456789abcdef";
  message.recipient = "alex@example.org";
  message.template_name = std::string(kQuestionnaireReminder);
  message.link = "https://clinic.example/sign-in";
  return message;
}

TEST(ReminderText, EmailCarriesTheKeyAsMessageIdAndNoClinicalContent) {
  auto mail =
      RenderEmail(Reminder(), "Riverside Clinic <reminders@riverside.example>", TimePoint{});
  ASSERT_TRUE(mail) << mail.error().message();
  EXPECT_NE(mail->find("Message-ID: <rm-0123456789abcdef@riverside.example>\r\n"),
            std::string::npos);
  EXPECT_NE(mail->find("Subject: You have a questionnaire from your therapist\r\n"),
            std::string::npos);
  EXPECT_NE(mail->find("Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n"), std::string::npos);
  EXPECT_NE(mail->find("Open it here: https://clinic.example/sign-in\r\n"), std::string::npos);
  for (const char* clinical : {"PHQ", "GAD", "depress", "anxi", "score", "diagnos"})
    EXPECT_EQ(mail->find(clinical), std::string::npos) << clinical;
}

TEST(ReminderText, TheLeadClinicianIsToldOnlyThatAClientNeedsThemAndWhereToSignIn) {
  OutboxMessage message = Reminder();
  message.template_name = std::string(kStaffAttentionTemplate);
  message.recipient = "ana@riverside.example";
  message.link = "https://clinic.example/alerts";
  auto mail = RenderEmail(message, "Riverside Clinic <reminders@riverside.example>", TimePoint{});
  ASSERT_TRUE(mail) << mail.error().message();
  EXPECT_NE(mail->find("Subject: A client needs your attention in tessera\r\n"), std::string::npos);
  EXPECT_NE(mail->find("Sign in to tessera to see it: https://clinic.example/alerts\r\n"),
            std::string::npos);
  for (const char* clinical : {"PHQ", "GAD", "risk", "suicid", "harm", "score", "item", "diagnos"})
    EXPECT_EQ(mail->find(clinical), std::string::npos) << clinical;
}

TEST(ReminderText, SmsIsOneSentenceAndTheLink) {
  EXPECT_EQ(*RenderSms(Reminder()),
            "You have a questionnaire from your therapist: https://clinic.example/sign-in");
}

TEST(ReminderText, UnknownTemplateIsRefused) {
  OutboxMessage message = Reminder();
  message.template_name = "diagnosis_letter";
  EXPECT_EQ(RenderSms(message).error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(RenderEmail(message, "a@b.org", TimePoint{}).error().code(),
            ErrorCode::kInvalidArgument);
}

TEST(ReminderText, MailboxAddressOfAFromValue) {
  EXPECT_EQ(MailboxAddress("Clinic <a@b.org>"), "a@b.org");
  EXPECT_EQ(MailboxAddress("a@b.org"), "a@b.org");
}

TEST(RetryBackOff, DoublesFromTheInitialDelayUpToTheMaximum) {
  ReminderSettings settings;
  settings.retry_initial = std::chrono::milliseconds(100);
  settings.retry_max = std::chrono::milliseconds(1000);
  const struct {
    std::int64_t attempts;
    std::int64_t expected_ms;
  } cases[] = {{1, 100}, {2, 200}, {3, 400}, {4, 800}, {5, 1000}, {6, 1000}, {60, 1000}};
  for (const auto& check : cases)
    EXPECT_EQ(RetryDelay(settings, check.attempts).count(), check.expected_ms) << check.attempts;
}

}  // namespace
}  // namespace tessera::reminders
