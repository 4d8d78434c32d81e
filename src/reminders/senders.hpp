#pragma once
// Delivery of one outbox message over one channel: email over SMTP and text messages through
// an HTTP webhook, both with libcurl (docs/decisions/0190). A sender makes one attempt and says
// whether it worked, may work later, or never will.

#include <memory>
#include <string>

#include "core/clock.hpp"
#include "core/outbox.hpp"
#include "reminders/settings.hpp"

namespace tessera::reminders {

struct SendOutcome {
  enum class Kind { kSent, kRetryLater, kPermanentFailure };
  Kind kind = Kind::kSent;
  /// What went wrong, for the clinic: libcurl's error and the server's reply code. Never a
  /// password, token or URL query.
  std::string error;
};

class MessageSender {
 public:
  virtual ~MessageSender() = default;
  /// One attempt to deliver `message`. Blocks at most the settings' send_timeout.
  virtual SendOutcome Send(const OutboxMessage& message) = 0;
};

/// Email over SMTP (settings.smtp_*; STARTTLS required, implicit TLS, or plain to loopback).
/// REQUIRES: settings.SendsEmail(). `clock` must outlive the sender.
std::unique_ptr<MessageSender> MakeSmtpSender(const ReminderSettings& settings, const Clock& clock);
/// A JSON POST {"message_id", "to", "text"} to settings.sms_webhook_url with an
/// Idempotency-Key header. 2xx: sent; 408, 429, 5xx or no answer: later; other codes: never.
/// REQUIRES: settings.SendsSms().
std::unique_ptr<MessageSender> MakeWebhookSender(const ReminderSettings& settings);

}  // namespace tessera::reminders
