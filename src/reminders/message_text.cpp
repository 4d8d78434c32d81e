#include "reminders/message_text.hpp"

#include <ctime>
#include <utility>

namespace tessera::reminders {
namespace {

constexpr std::string_view kSubject = "You have a questionnaire from your therapist";
// To the lead clinician: that someone needs them, never who or why (the email leaves the
// clinic's systems); the app says the rest after sign-in.
constexpr std::string_view kAttentionSubject = "A client needs your attention in tessera";

// The subject, and the line before the link, of each template.
std::pair<std::string_view, std::string_view> Wording(std::string_view template_name) {
  if (template_name == kStaffAttentionTemplate)
    return {kAttentionSubject, "Sign in to tessera to see it"};
  return {kSubject, "Open it here"};
}

std::string Rfc5322Date(TimePoint now) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[64];
  std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S +0000", &utc);
  return text;
}

}  // namespace

bool IsKnownTemplate(std::string_view template_name) {
  return template_name == kQuestionnaireReminder || template_name == kStaffAttentionTemplate;
}

std::string MailboxAddress(const std::string& from) {
  const auto open = from.find('<');
  const auto close = from.find('>', open == std::string::npos ? 0 : open);
  if (open != std::string::npos && close != std::string::npos)
    return from.substr(open + 1, close - open - 1);
  return from;
}

Result<std::string> RenderEmail(const OutboxMessage& message, const std::string& from,
                                TimePoint now) {
  if (!IsKnownTemplate(message.template_name))
    return InvalidArgument("template: unknown reminder template '" + message.template_name + "'");
  const auto [subject, lead_in] = Wording(message.template_name);
  const std::string address = MailboxAddress(from);
  const auto at = address.find('@');
  const std::string domain = at == std::string::npos ? "tessera" : address.substr(at + 1);
  std::string mail;
  mail += "Date: " + Rfc5322Date(now) + "\r\n";
  mail += "From: " + from + "\r\n";
  mail += "To: <" + message.recipient + ">\r\n";
  mail += "Subject: " + std::string(subject) + "\r\n";
  // The idempotency key: a re-sent copy after a crash has the same Message-ID, so the
  // receiving side can recognise it (docs/decisions/0191).
  mail += "Message-ID: <" + message.idempotency_key + "@" + domain + ">\r\n";
  mail += "MIME-Version: 1.0\r\n";
  mail += "Content-Type: text/plain; charset=utf-8\r\n";
  mail += "Content-Transfer-Encoding: 8bit\r\n";
  mail += "\r\n";
  mail += "Hello,\r\n\r\n";
  mail += std::string(subject) + ".\r\n\r\n";
  mail += std::string(lead_in) + ": " + message.link + "\r\n\r\n";
  mail += "If you did not expect this message, you can ignore it.\r\n";
  return mail;
}

Result<std::string> RenderSms(const OutboxMessage& message) {
  if (!IsKnownTemplate(message.template_name))
    return InvalidArgument("template: unknown reminder template '" + message.template_name + "'");
  return std::string(Wording(message.template_name).first) + ": " + message.link;
}

}  // namespace tessera::reminders
