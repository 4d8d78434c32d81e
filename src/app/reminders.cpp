#include "app/reminders.hpp"

namespace tessera::app {

Result<std::vector<OutboxMessage>> EnqueueQuestionnaireReminder(
    Store& store, const AccessContext& actor, ClientId client, const std::string& link,
    const std::string& idempotency_prefix) {
  TRY_ASSIGN(ReminderContact contact, store.GetReminderContact(actor, client));
  std::vector<OutboxMessage> queued;
  for (const ReminderChannel channel : {ReminderChannel::kEmail, ReminderChannel::kSms}) {
    const bool consented =
        channel == ReminderChannel::kEmail ? contact.email_consent : contact.sms_consent;
    if (!consented) continue;
    NewOutboxMessage message{.client = client,
                             .channel = channel,
                             .template_name = std::string(kQuestionnaireReminderTemplate),
                             .link = link};
    if (!idempotency_prefix.empty())
      message.idempotency_key =
          idempotency_prefix + "-" + std::string(ReminderChannelName(channel));
    TRY_ASSIGN(OutboxMessage written, store.EnqueueOutboxMessage(actor, message));
    queued.push_back(std::move(written));
  }
  return queued;
}

Result<OutboxMessage> RemindToSignIn(Store& store, const AccessContext& actor, ClientId client,
                                     ReminderChannel channel, const std::string& public_url) {
  TRY_ASSIGN(ReminderContact contact, store.GetReminderContact(actor, client));
  if (!contact.client_has_account)
    return Conflict(
        "the client has no account to sign in with; a reminder links to the "
        "sign-in page, so send them a questionnaire link instead");
  return store.EnqueueOutboxMessage(
      actor, NewOutboxMessage{.client = client,
                              .channel = channel,
                              .template_name = std::string(kQuestionnaireReminderTemplate),
                              .link = public_url + "/sign-in"});
}

}  // namespace tessera::app
