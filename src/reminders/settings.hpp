#pragma once
// How reminders leave the server ([reminders] in the TOML file; docs/reminders.md). Without an
// SMTP host, email reminders wait in the outbox; without a webhook URL, text messages do.

#include <chrono>
#include <cstdint>
#include <string>

namespace tessera::reminders {

/// How the SMTP connection is protected.
enum class SmtpSecurity {
  kStartTls,     // smtp://, STARTTLS required before anything is sent (default, port 587)
  kImplicitTls,  // smtps://, TLS from the first byte (port 465)
  kNone,         // plain SMTP: only to a loopback host (a local relay or a test sink)
};

struct ReminderSettings {
  // Email
  std::string smtp_host;  // empty: email reminders are not sent (they wait, visible)
  std::uint16_t smtp_port = 587;
  SmtpSecurity smtp_security = SmtpSecurity::kStartTls;
  std::string smtp_username;  // empty: no AUTH
  /// From $TESSERA_REMINDERS_SMTP_PASSWORD or the file smtp_password_file; never in the TOML
  /// file, never logged.
  std::string smtp_password;
  std::string from = "tessera <reminders@localhost>";  // the From header
  // Text messages
  std::string sms_webhook_url;  // empty: text reminders are not sent (they wait, visible)
  /// Sent as "Authorization: Bearer ..."; from $TESSERA_REMINDERS_SMS_WEBHOOK_TOKEN or the
  /// file sms_webhook_token_file; never logged.
  std::string sms_webhook_token;
  // Delivery (links start with the server's public address: http::ServerConfig::PublicUrl)
  std::chrono::milliseconds retry_initial{30000};  // first back-off; doubles each attempt
  std::chrono::milliseconds retry_max{3600000};    // longest back-off
  std::int64_t max_attempts = 20;                  // then failed_permanently
  std::chrono::milliseconds poll_interval{2000};   // how often the worker looks for due messages
  std::chrono::seconds send_timeout{60};           // one SMTP session or webhook call at most
  /// A claim older than this is taken to be from a crashed worker and claimed again; must be
  /// longer than send_timeout.
  std::chrono::seconds claim_lease{120};

  bool SendsEmail() const { return !smtp_host.empty(); }
  bool SendsSms() const { return !sms_webhook_url.empty(); }
};

/// The wait before attempt `attempts` + 1 after `attempts` failed ones: retry_initial doubled
/// per earlier failure, at most retry_max.
std::chrono::milliseconds RetryDelay(const ReminderSettings& settings, std::int64_t attempts);

}  // namespace tessera::reminders
