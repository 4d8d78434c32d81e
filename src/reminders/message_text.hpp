#pragma once
// What a reminder says. No clinical content and no diagnosis (issue 18): one sentence and the
// link. Rendered at sending time from the outbox row's template name and link.

#include <string>

#include "core/clock.hpp"
#include "core/outbox.hpp"
#include "core/result.hpp"

namespace tessera::reminders {

/// The template a questionnaire reminder uses.
inline constexpr std::string_view kQuestionnaireReminder = kQuestionnaireReminderTemplate;

/// True for a template this module can render.
bool IsKnownTemplate(std::string_view template_name);

/// The whole RFC 5322 message (CRLF line ends): Date, From, To, Subject, Message-ID
/// (<key@domain of from>), a plain-text UTF-8 body. InvalidArgument for an unknown template.
Result<std::string> RenderEmail(const OutboxMessage& message, const std::string& from,
                                TimePoint now);

/// The text message body. InvalidArgument for an unknown template.
Result<std::string> RenderSms(const OutboxMessage& message);

/// The bare address of a From value ("Clinic <a@b.org>" -> "a@b.org").
std::string MailboxAddress(const std::string& from);

}  // namespace tessera::reminders
