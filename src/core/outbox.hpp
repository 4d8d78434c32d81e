#pragma once
// Outgoing reminders (DESIGN.md §3a "Outgoing messages"): a client's contact details for
// reminders with their consent per channel, and the outbox a reminder is written to in the
// same transaction as the change that causes it. A delivery worker (src/reminders) claims due
// messages, sends them and records the outcome. Messages carry no clinical content: a
// template name and a link, rendered at sending time.

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/access.hpp"
#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"

namespace tessera {

using OutboxMessageId = StrongId<struct OutboxMessageIdTag, std::int64_t>;

/// The one reminder there is: "You have a questionnaire from your therapist" and the link
/// (rendered by src/reminders/message_text.cpp).
inline constexpr std::string_view kQuestionnaireReminderTemplate = "questionnaire_reminder";

/// The lead clinician's email when a client's own answers need attention now: "A client needs
/// your attention in tessera" and a link to the web app (never the client's name or answers).
inline constexpr std::string_view kStaffAttentionTemplate = "staff_attention";

enum class ReminderChannel { kEmail, kSms };
/// queued -> sending -> sent; sending -> failed_retrying -> sending ...; after the last
/// attempt (or a permanent refusal) failed_permanently. A `sending` claim whose lease has run
/// out (its worker crashed) is claimed again.
enum class OutboxState { kQueued, kSending, kSent, kFailedRetrying, kFailedPermanently };

std::string_view ReminderChannelName(ReminderChannel channel);  // "email", "sms"
Result<ReminderChannel> ParseReminderChannel(std::string_view name);
std::string_view OutboxStateName(OutboxState state);  // "queued", ..., "failed_permanently"
Result<OutboxState> ParseOutboxState(std::string_view name);

/// How a client may be reminded. Versioned like identifiers: every change is a new version.
struct ReminderContact {
  ClientId client;
  std::int64_t version = 0;  // 0: never recorded
  std::string email;         // empty: none
  std::string mobile;        // E.164, e.g. "+447700900123"; empty: none
  bool email_consent = false;
  bool sms_consent = false;
  std::optional<UserId> recorded_by;
  TimePoint recorded_at{};
  /// Read with the contact: whether a client account is linked to the record (the sign-in
  /// page is then a link that works for them).
  bool client_has_account = false;
};

/// What a caller enqueues.
struct NewOutboxMessage {
  ClientId client;
  ReminderChannel channel = ReminderChannel::kEmail;
  std::string template_name;  // e.g. "questionnaire_reminder" (src/reminders/message_text)
  std::string link;           // the one URL the message carries
  /// Unique per message, 8 to 100 of [A-Za-z0-9._-]; empty: the store makes a random one
  /// (128 bits). A caller that passes a key derived from its cause (e.g. "link-42-email")
  /// makes enqueueing idempotent: the same key again returns the message already queued.
  std::string idempotency_key{};
  /// Earliest sending time; absent: now.
  std::optional<TimePoint> not_before{};
};

struct OutboxMessage {
  OutboxMessageId id;
  std::string idempotency_key;  // also the email's Message-ID and the webhook's Idempotency-Key
  ClientId client;
  ReminderChannel channel = ReminderChannel::kEmail;
  std::string recipient;  // the address or number at enqueue time
  std::string template_name;
  std::string link;  // emptied once sent (it may hold a single-use token)
  OutboxState state = OutboxState::kQueued;
  std::int64_t attempts = 0;
  TimePoint next_attempt_at{};
  std::optional<TimePoint> claimed_until;
  std::string last_error;  // what the mail server or gateway said; never a secret
  std::optional<UserId> created_by;
  TimePoint created_at{};
  TimePoint updated_at{};
  std::optional<TimePoint> sent_at;
};

/// InvalidArgument naming the field `email` and the rule unless `email` is empty or of the
/// shape local@domain (no spaces or line breaks, at most 254 bytes): the one rule for every
/// address tessera sends to (reminder contacts, staff accounts).
Status ValidateEmailAddress(std::string_view email);
/// InvalidArgument naming the field and the rule: an email of the shape local@domain (no
/// spaces or line breaks, at most 254 bytes), a mobile number in E.164 (+ and 8 to 15 digits),
/// and consent only to a channel with an address.
Status ValidateReminderContact(const ReminderContact& contact);
/// InvalidArgument unless the key is 8 to 100 of [A-Za-z0-9._-] (it becomes a header value).
Status ValidateIdempotencyKey(std::string_view key);

class OutboxRepository {
 public:
  virtual ~OutboxRepository() = default;
  /// The client's current reminder contact (version 0, no consent, when none was recorded).
  /// Staff with access to the client; audited as a read (identifying).
  virtual Result<ReminderContact> GetReminderContact(const AccessContext& context,
                                                     ClientId client) = 0;
  /// Records a new version of the contact; Conflict when the current version is not
  /// `expected_version` (0 for the first). Returns the new version. Audited as an amendment.
  virtual Result<std::int64_t> SetReminderContact(const AccessContext& context,
                                                  const ReminderContact& contact,
                                                  std::int64_t expected_version) = 0;
  /// Writes a message to the outbox in the caller's transaction (or its own). The recipient is
  /// the client's current address for the channel; Conflict naming `channel` when there is
  /// none or the client has not consented to that channel. Staff with access to the
  /// client. Audited as a create (identifying).
  virtual Result<OutboxMessage> EnqueueOutboxMessage(const AccessContext& context,
                                                     const NewOutboxMessage& message) = 0;
  /// Outbox messages, newest first: one client's (staff with access) or, with no client,
  /// every client's (admins only). Audited as one read per client listed.
  virtual Result<std::vector<OutboxMessage>> ListOutboxMessages(const AccessContext& context,
                                                                std::optional<ClientId> client) = 0;

  // The delivery worker's calls: no account acts, so they take no AccessContext and must
  // never be reachable from a request.

  /// Claims the due message of `channels` that waited longest: queued or failed_retrying
  /// with next_attempt_at <= now, or sending with a lease that ran out before now. It becomes
  /// sending, attempts + 1, leased until `lease_until`. nullopt when none is due.
  virtual Result<std::optional<OutboxMessage>> ClaimDueOutboxMessage(
      const std::set<ReminderChannel>& channels, TimePoint lease_until) = 0;
  /// Marks a claimed message sent (when it is still sending under that attempt; otherwise a
  /// later claim owns it and nothing changes) and audits the disclosure to the mail server or
  /// gateway (export, no actor).
  virtual Status MarkOutboxSent(OutboxMessageId id, std::int64_t attempt) = 0;
  /// Marks a claimed attempt failed: failed_retrying until `retry_at`, or failed_permanently
  /// when `retry_at` is absent. Same fencing by attempt as MarkOutboxSent.
  virtual Status MarkOutboxFailed(OutboxMessageId id, std::int64_t attempt,
                                  const std::string& error, std::optional<TimePoint> retry_at) = 0;
};

}  // namespace tessera
