#include "core/outbox.hpp"

#include <algorithm>

#include "core/word_table.hpp"

namespace tessera {
namespace {

constexpr WordTable<ReminderChannel, 2> kChannels{
    {{ReminderChannel::kEmail, "email"}, {ReminderChannel::kSms, "sms"}}};
constexpr WordTable<OutboxState, 5> kStates{
    {{OutboxState::kQueued, "queued"},
     {OutboxState::kSending, "sending"},
     {OutboxState::kSent, "sent"},
     {OutboxState::kFailedRetrying, "failed_retrying"},
     {OutboxState::kFailedPermanently, "failed_permanently"}}};

template <class E, std::size_t N>
Result<E> Parse(const WordTable<E, N>& table, std::string_view text, std::string_view what) {
  if (const auto value = ValueFor(table, text)) return *value;
  return InvalidArgument(std::string(what) + " must be one of " + AllowedWords(table) + ", got '" +
                         std::string(text) + "'");
}

bool IsAsciiDigit(char symbol) { return symbol >= '0' && symbol <= '9'; }

}  // namespace

Status ValidateEmailAddress(std::string_view email) {
  if (email.empty()) return Ok();
  const auto at = email.find('@');
  const bool one_at = at != std::string::npos && email.find('@', at + 1) == std::string::npos;
  const bool plain = email.find_first_of(" \t\r\n<>,;\"") == std::string::npos;
  if (!one_at || at == 0 || at + 1 == email.size() || !plain || email.size() > 254)
    return InvalidArgument(
        "email: must be one address like name@example.org (no spaces, "
        "at most 254 characters)");
  return Ok();
}

Status ValidateReminderContact(const ReminderContact& contact) {
  const std::string& email = contact.email;
  TRY(ValidateEmailAddress(email));
  const std::string& mobile = contact.mobile;
  if (!mobile.empty()) {
    const bool digits = mobile.size() >= 9 && mobile.size() <= 16 && mobile[0] == '+' &&
                        std::all_of(mobile.begin() + 1, mobile.end(), IsAsciiDigit);
    if (!digits)
      return InvalidArgument(
          "mobile: must be in E.164 form, + and 8 to 15 digits, e.g. "
          "+447700900123");
  }
  if (contact.email_consent && email.empty())
    return InvalidArgument("email_consent: consent to email needs an email address");
  if (contact.sms_consent && mobile.empty())
    return InvalidArgument("sms_consent: consent to text messages needs a mobile number");
  return Ok();
}

Status ValidateIdempotencyKey(std::string_view key) {
  const bool allowed = std::all_of(key.begin(), key.end(), [](char symbol) {
    return IsAsciiDigit(symbol) || (symbol >= 'a' && symbol <= 'z') ||
           (symbol >= 'A' && symbol <= 'Z') || symbol == '.' || symbol == '_' || symbol == '-';
  });
  if (key.size() < 8 || key.size() > 100 || !allowed)
    return InvalidArgument("idempotency_key: must be 8 to 100 letters, digits, '.', '_' or '-'");
  return Ok();
}

std::string_view ReminderChannelName(ReminderChannel channel) {
  return WordFor(kChannels, channel);
}
Result<ReminderChannel> ParseReminderChannel(std::string_view name) {
  return Parse(kChannels, name, "channel");
}
std::string_view OutboxStateName(OutboxState state) { return WordFor(kStates, state); }
Result<OutboxState> ParseOutboxState(std::string_view name) {
  return Parse(kStates, name, "state");
}

}  // namespace tessera
