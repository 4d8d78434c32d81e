// Both senders over libcurl's easy interface: one handle per attempt (an attempt is rare and
// short; nothing to reuse across minutes of back-off).
#include <curl/curl.h>

#include <algorithm>
#include <cstring>

#include <nlohmann/json.hpp>

#include "reminders/message_text.hpp"
#include "reminders/senders.hpp"

namespace tessera::reminders {
namespace {

using Kind = SendOutcome::Kind;

struct CurlHandle {
  CURL* curl = curl_easy_init();
  curl_slist* recipients = nullptr;
  curl_slist* headers = nullptr;
  char error[CURL_ERROR_SIZE] = {};
  ~CurlHandle() {
    curl_slist_free_all(recipients);
    curl_slist_free_all(headers);
    if (curl != nullptr) curl_easy_cleanup(curl);
  }
};

struct Upload {
  const std::string* text;
  std::size_t sent = 0;
};

std::size_t ReadUpload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t length = std::min(size * count, upload->text->size() - upload->sent);
  std::memcpy(buffer, upload->text->data() + upload->sent, length);
  upload->sent += length;
  return length;
}

std::size_t DiscardBody(char*, std::size_t size, std::size_t count, void*) { return size * count; }

// libcurl's description of the failure (its buffer when filled, else the code's text), with
// the server's last reply code. Neither holds the password or token: libcurl does not put
// credentials in its messages, and no URL is added here.
std::string Describe(const CurlHandle& handle, CURLcode code, long reply) {
  std::string text = handle.error[0] != 0 ? handle.error : curl_easy_strerror(code);
  if (reply != 0) text += " (reply " + std::to_string(reply) + ")";
  return text;
}

void CommonOptions(CurlHandle& handle, const ReminderSettings& settings) {
  curl_easy_setopt(handle.curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle.curl, CURLOPT_ERRORBUFFER, handle.error);
  curl_easy_setopt(handle.curl, CURLOPT_TIMEOUT, static_cast<long>(settings.send_timeout.count()));
  curl_easy_setopt(handle.curl, CURLOPT_CONNECTTIMEOUT,
                   static_cast<long>(std::min<std::int64_t>(settings.send_timeout.count(), 30)));
}

class SmtpSender final : public MessageSender {
 public:
  SmtpSender(const ReminderSettings& settings, const Clock& clock)
      : settings_(settings), clock_(clock) {}

  SendOutcome Send(const OutboxMessage& message) override {
    auto mail = RenderEmail(message, settings_.from, clock_.Now());
    if (!mail) return {Kind::kPermanentFailure, mail.error().message()};
    CurlHandle handle;
    if (handle.curl == nullptr) return {Kind::kRetryLater, "libcurl could not start"};
    CommonOptions(handle, settings_);
    const bool implicit = settings_.smtp_security == SmtpSecurity::kImplicitTls;
    const std::string url = std::string(implicit ? "smtps://" : "smtp://") + settings_.smtp_host +
                            ":" + std::to_string(settings_.smtp_port);
    curl_easy_setopt(handle.curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(handle.curl, CURLOPT_PROTOCOLS_STR, implicit ? "smtps" : "smtp");
    // STARTTLS is required, not opportunistic: a server that does not offer it gets nothing.
    curl_easy_setopt(handle.curl, CURLOPT_USE_SSL,
                     settings_.smtp_security == SmtpSecurity::kNone
                         ? static_cast<long>(CURLUSESSL_NONE)
                         : static_cast<long>(CURLUSESSL_ALL));
    if (!settings_.smtp_username.empty()) {
      curl_easy_setopt(handle.curl, CURLOPT_USERNAME, settings_.smtp_username.c_str());
      curl_easy_setopt(handle.curl, CURLOPT_PASSWORD, settings_.smtp_password.c_str());
    }
    const std::string sender = "<" + MailboxAddress(settings_.from) + ">";
    curl_easy_setopt(handle.curl, CURLOPT_MAIL_FROM, sender.c_str());
    const std::string recipient = "<" + message.recipient + ">";
    handle.recipients = curl_slist_append(handle.recipients, recipient.c_str());
    curl_easy_setopt(handle.curl, CURLOPT_MAIL_RCPT, handle.recipients);
    Upload upload{&*mail};
    curl_easy_setopt(handle.curl, CURLOPT_READFUNCTION, &ReadUpload);
    curl_easy_setopt(handle.curl, CURLOPT_READDATA, &upload);
    curl_easy_setopt(handle.curl, CURLOPT_UPLOAD, 1L);
    const CURLcode code = curl_easy_perform(handle.curl);
    long reply = 0;
    curl_easy_getinfo(handle.curl, CURLINFO_RESPONSE_CODE, &reply);
    if (code == CURLE_OK) return {Kind::kSent, ""};
    // A 5xx refusal of this message (unknown recipient, rejected content) will not change;
    // everything else (no connection, 4xx, TLS or login trouble the clinic can fix) is retried.
    const bool refused = reply >= 500 && reply < 600 && code != CURLE_LOGIN_DENIED;
    return {refused ? Kind::kPermanentFailure : Kind::kRetryLater, Describe(handle, code, reply)};
  }

 private:
  const ReminderSettings settings_;
  const Clock& clock_;
};

class WebhookSender final : public MessageSender {
 public:
  explicit WebhookSender(const ReminderSettings& settings) : settings_(settings) {}

  SendOutcome Send(const OutboxMessage& message) override {
    auto text = RenderSms(message);
    if (!text) return {Kind::kPermanentFailure, text.error().message()};
    const std::string body = nlohmann::json{
        {"message_id", message.idempotency_key},
        {"to", message.recipient},
        {"text", *text}}.dump();
    CurlHandle handle;
    if (handle.curl == nullptr) return {Kind::kRetryLater, "libcurl could not start"};
    CommonOptions(handle, settings_);
    curl_easy_setopt(handle.curl, CURLOPT_URL, settings_.sms_webhook_url.c_str());
    curl_easy_setopt(handle.curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(handle.curl, CURLOPT_FOLLOWLOCATION, 0L);
    handle.headers = curl_slist_append(handle.headers, "Content-Type: application/json");
    const std::string key = "Idempotency-Key: " + message.idempotency_key;
    handle.headers = curl_slist_append(handle.headers, key.c_str());
    const std::string bearer = "Authorization: Bearer " + settings_.sms_webhook_token;
    if (!settings_.sms_webhook_token.empty())
      handle.headers = curl_slist_append(handle.headers, bearer.c_str());
    curl_easy_setopt(handle.curl, CURLOPT_HTTPHEADER, handle.headers);
    curl_easy_setopt(handle.curl, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(handle.curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    curl_easy_setopt(handle.curl, CURLOPT_WRITEFUNCTION, &DiscardBody);
    const CURLcode code = curl_easy_perform(handle.curl);
    long status = 0;
    curl_easy_getinfo(handle.curl, CURLINFO_RESPONSE_CODE, &status);
    if (code != CURLE_OK) return {Kind::kRetryLater, Describe(handle, code, 0)};
    if (status >= 200 && status < 300) return {Kind::kSent, ""};
    const std::string error = "the SMS gateway answered HTTP " + std::to_string(status);
    const bool later = status == 408 || status == 429 || status >= 500;
    return {later ? Kind::kRetryLater : Kind::kPermanentFailure, error};
  }

 private:
  const ReminderSettings settings_;
};

}  // namespace

std::unique_ptr<MessageSender> MakeSmtpSender(const ReminderSettings& settings,
                                              const Clock& clock) {
  return std::make_unique<SmtpSender>(settings, clock);
}

std::unique_ptr<MessageSender> MakeWebhookSender(const ReminderSettings& settings) {
  return std::make_unique<WebhookSender>(settings);
}

}  // namespace tessera::reminders
