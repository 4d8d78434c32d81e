// Reminder contacts and the outbox (core/outbox.hpp; docs/reminders.md). Staff calls check
// access and audit like every client record; the delivery worker's calls act for no account
// and audit only the delivery itself.

#include <sodium.h>

#include <set>

#include "core/records/names.hpp"
#include "store/sql/sql_store.hpp"
#include "store/sql/time_text.hpp"

namespace tessera::store {
namespace {

constexpr std::string_view kContactColumns =
    "SELECT version, email, mobile, email_consent, sms_consent, recorded_by, recorded_at "
    "FROM client_reminder_contacts ";

constexpr std::string_view kOutboxColumns =
    "SELECT id, idempotency_key, client_id, channel, recipient, template, link, state, attempts, "
    "next_attempt_at, claimed_until, last_error, created_by, created_at, updated_at, sent_at "
    "FROM outbox_messages ";

OutboxMessage MessageFromRow(const SqlRow& row) {
  OutboxMessage message;
  message.id = OutboxMessageId(row.Int(0));
  message.idempotency_key = row.Text(1);
  message.client = ClientId(row.Int(2));
  message.channel = ParseReminderChannel(row.Text(3)).value_or(ReminderChannel::kEmail);
  message.recipient = row.Text(4);
  message.template_name = row.Text(5);
  message.link = row.Text(6);
  message.state = ParseOutboxState(row.Text(7)).value_or(OutboxState::kQueued);
  message.attempts = row.Int(8);
  message.next_attempt_at = ParseUtc(row.Text(9)).value_or(TimePoint{});
  if (!row.IsNull(10)) message.claimed_until = ParseUtc(row.Text(10));
  message.last_error = row.Text(11);
  if (!row.IsNull(12)) message.created_by = UserId(row.Int(12));
  message.created_at = ParseUtc(row.Text(13)).value_or(TimePoint{});
  message.updated_at = ParseUtc(row.Text(14)).value_or(TimePoint{});
  if (!row.IsNull(15)) message.sent_at = ParseUtc(row.Text(15));
  return message;
}

// 128 random bits, hex: unguessable and unique without coordination between servers.
std::string RandomKey() {
  static const int initialised = sodium_init();  // thread-safe and idempotent
  (void)initialised;
  unsigned char bytes[16];
  randombytes_buf(bytes, sizeof bytes);
  char hex[2 * sizeof bytes + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return "rm-" + std::string(hex);
}

std::string ChannelList(const std::set<ReminderChannel>& channels) {
  std::string list;
  for (ReminderChannel channel : channels) {
    if (!list.empty()) list += ", ";
    list += "'" + std::string(ReminderChannelName(channel)) + "'";
  }
  return list;
}

}  // namespace

Result<ReminderContact> SqlStore::ReadReminderContact(ClientId client) {
  ReminderContact contact;
  contact.client = client;
  TRY_ASSIGN(SqlRows rows, database_->Query(std::string(kContactColumns) +
                                                "WHERE client_id = ? ORDER BY version DESC "
                                                "LIMIT 1",
                                            {client.value()}));
  if (!rows.empty()) {
    const SqlRow& row = rows[0];
    contact.version = row.Int(0);
    contact.email = row.Text(1);
    contact.mobile = row.Text(2);
    contact.email_consent = row.Int(3) == 1;
    contact.sms_consent = row.Int(4) == 1;
    if (!row.IsNull(5)) contact.recorded_by = UserId(row.Int(5));
    contact.recorded_at = ParseUtc(row.Text(6)).value_or(TimePoint{});
  }
  TRY_ASSIGN(SqlRows accounts,
             database_->Query("SELECT COUNT(*) FROM users WHERE client_id = ? AND status = "
                              "'active'",
                              {client.value()}));
  contact.client_has_account = accounts[0].Int(0) > 0;
  return contact;
}

Result<ReminderContact> SqlStore::GetReminderContact(const AccessContext& context,
                                                     ClientId client) {
  return Transact([&]() -> Result<ReminderContact> {
    TRY(RequireRole(context, {Role::kAdmin, Role::kClinician, Role::kSupervisor},
                    "read reminder contacts"));
    TRY(RequireClientAccess(context, client));
    TRY_ASSIGN(ReminderContact contact, ReadReminderContact(client));
    TRY(Audit(context, client, AuditAction::kRead, "reminder_contact",
              std::to_string(contact.version), Sensitivity::kIdentifying));
    return contact;
  });
}

Result<std::int64_t> SqlStore::SetReminderContact(const AccessContext& context,
                                                  const ReminderContact& contact,
                                                  std::int64_t expected_version) {
  TRY(ValidateReminderContact(contact));
  return Transact([&]() -> Result<std::int64_t> {
    TRY(RequireRole(context, {Role::kAdmin, Role::kClinician, Role::kSupervisor},
                    "record reminder contacts"));
    TRY(RequireClientAccess(context, contact.client));
    TRY_ASSIGN(ReminderContact current, ReadReminderContact(contact.client));
    if (current.version != expected_version)
      return Conflict("the reminder contact is at version " + std::to_string(current.version) +
                      " but the change was based on version " + std::to_string(expected_version) +
                      "; reload and retry");
    const std::int64_t version = current.version + 1;
    // The primary key (client_id, version) refuses a concurrent change based on the same one.
    TRY(database_->Execute(
        "INSERT INTO client_reminder_contacts (client_id, version, email, mobile, "
        "email_consent, sms_consent, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        {contact.client.value(), version, contact.email, contact.mobile,
         std::int64_t{contact.email_consent ? 1 : 0}, std::int64_t{contact.sms_consent ? 1 : 0},
         context.actor->value(), Now()}));
    TRY(Audit(context, contact.client, AuditAction::kAmend, "reminder_contact",
              std::to_string(version), Sensitivity::kIdentifying));
    return version;
  });
}

Result<OutboxMessage> SqlStore::EnqueueOutboxMessage(const AccessContext& context,
                                                     const NewOutboxMessage& message) {
  if (!message.idempotency_key.empty()) TRY(ValidateIdempotencyKey(message.idempotency_key));
  if (message.template_name.empty()) return InvalidArgument("template: must not be empty");
  if (message.link.empty()) return InvalidArgument("link: must not be empty");
  return Transact([&]() -> Result<OutboxMessage> {
    TRY(RequireRole(context, {Role::kAdmin, Role::kClinician, Role::kSupervisor},
                    "send reminders"));
    TRY(RequireClientAccess(context, message.client));
    if (!message.idempotency_key.empty()) {
      TRY_ASSIGN(SqlRows existing,
                 database_->Query(std::string(kOutboxColumns) + "WHERE idempotency_key = ?",
                                  {message.idempotency_key}));
      if (!existing.empty()) {
        OutboxMessage queued = MessageFromRow(existing[0]);
        if (queued.client != message.client || queued.channel != message.channel)
          return AlreadyExists("idempotency_key: already used for another reminder");
        TRY(Audit(context, queued.client, AuditAction::kRead, "reminder",
                  std::to_string(queued.id.value()), Sensitivity::kIdentifying));
        return queued;
      }
    }
    TRY_ASSIGN(ReminderContact contact, ReadReminderContact(message.client));
    const bool email = message.channel == ReminderChannel::kEmail;
    const std::string& recipient = email ? contact.email : contact.mobile;
    const bool consented = email ? contact.email_consent : contact.sms_consent;
    // The request is sound; the client's record does not allow it (yet): a conflict.
    if (recipient.empty() || !consented)
      return Conflict(std::string("channel: the client has not ") +
                      (recipient.empty() ? "given " : "consented to reminders by ") +
                      (email ? (recipient.empty() ? "an email address" : "email")
                             : (recipient.empty() ? "a mobile number" : "text message")) +
                      "; record it in their reminder contact first");
    const std::string key = message.idempotency_key.empty() ? RandomKey() : message.idempotency_key;
    const std::string now = Now();
    const std::string due = message.not_before ? FormatUtc(*message.not_before) : now;
    TRY_ASSIGN(std::int64_t id,
               InsertReturningId(
                   "INSERT INTO outbox_messages (idempotency_key, client_id, channel, recipient, "
                   "template, link, state, attempts, next_attempt_at, last_error, created_by, "
                   "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'queued', 0, ?, '', ?, ?, "
                   "?) RETURNING id",
                   {key, message.client.value(), std::string(ReminderChannelName(message.channel)),
                    recipient, message.template_name, message.link, due, context.actor->value(),
                    now, now}));
    TRY(Audit(context, message.client, AuditAction::kCreate, "reminder", std::to_string(id),
              Sensitivity::kIdentifying));
    TRY_ASSIGN(SqlRows rows, database_->Query(std::string(kOutboxColumns) + "WHERE id = ?", {id}));
    return MessageFromRow(rows.at(0));
  });
}

Result<std::vector<OutboxMessage>> SqlStore::ListOutboxMessages(const AccessContext& context,
                                                                std::optional<ClientId> client) {
  return Transact([&]() -> Result<std::vector<OutboxMessage>> {
    if (client) {
      TRY(RequireRole(context, {Role::kAdmin, Role::kClinician, Role::kSupervisor},
                      "read reminders"));
      TRY(RequireClientAccess(context, *client));
    } else {
      TRY(RequireRole(context, {Role::kAdmin}, "read every client's reminders"));
    }
    TRY_ASSIGN(SqlRows rows,
               client ? database_->Query(
                            std::string(kOutboxColumns) + "WHERE client_id = ? ORDER BY id DESC",
                            {client->value()})
                      : database_->Query(std::string(kOutboxColumns) + "ORDER BY id DESC", {}));
    std::vector<OutboxMessage> messages;
    std::set<std::int64_t> clients;
    for (const SqlRow& row : rows) {
      messages.push_back(MessageFromRow(row));
      clients.insert(messages.back().client.value());
    }
    if (client) clients.insert(client->value());  // an empty list was read too
    for (const std::int64_t listed : clients) {
      TRY(Audit(context, ClientId(listed), AuditAction::kRead, "reminder", "",
                Sensitivity::kIdentifying));
    }
    return messages;
  });
}

Result<std::optional<OutboxMessage>> SqlStore::ClaimDueOutboxMessage(
    const std::set<ReminderChannel>& channels, TimePoint lease_until) {
  if (channels.empty()) return std::optional<OutboxMessage>();
  return Transact([&]() -> Result<std::optional<OutboxMessage>> {
    // Every transaction takes the audit head's lock first (BeginTransaction), so two workers
    // (two servers on one PostgreSQL) cannot claim the same row: the second sees it sending.
    const std::string now = Now();
    TRY_ASSIGN(SqlRows due,
               database_->Query("SELECT id FROM outbox_messages WHERE channel IN (" +
                                    ChannelList(channels) +
                                    ") AND ((state IN ('queued', 'failed_retrying') AND "
                                    "next_attempt_at <= ?) OR (state = 'sending' AND "
                                    "claimed_until <= ?)) ORDER BY next_attempt_at, id LIMIT 1",
                                {now, now}));
    if (due.empty()) return std::optional<OutboxMessage>();
    const std::int64_t id = due[0].Int(0);
    TRY(
        database_->Execute("UPDATE outbox_messages SET state = 'sending', attempts = attempts + "
                           "1, claimed_until = ?, updated_at = ? WHERE id = ?",
                           {FormatUtc(lease_until), now, id}));
    TRY_ASSIGN(SqlRows rows, database_->Query(std::string(kOutboxColumns) + "WHERE id = ?", {id}));
    return std::optional<OutboxMessage>(MessageFromRow(rows.at(0)));
  });
}

Status SqlStore::MarkOutboxSent(OutboxMessageId id, std::int64_t attempt) {
  return Transact([&]() -> Status {
    TRY_ASSIGN(SqlRows owner,
               database_->Query("SELECT client_id FROM outbox_messages WHERE id = ? AND state = "
                                "'sending' AND attempts = ?",
                                {id.value(), attempt}));
    if (owner.empty()) return Ok();  // a later claim owns the message now
    const std::string now = Now();
    // The link may hold a single-use token: once delivered it is not kept.
    TRY(
        database_->Execute("UPDATE outbox_messages SET state = 'sent', link = '', "
                           "claimed_until = NULL, last_error = '', sent_at = ?, updated_at = ? "
                           "WHERE id = ?",
                           {now, now, id.value()}));
    return Audit(AccessContext{std::nullopt}, ClientId(owner[0].Int(0)), AuditAction::kExport,
                 "reminder_delivery", std::to_string(id.value()), Sensitivity::kIdentifying);
  });
}

Status SqlStore::MarkOutboxFailed(OutboxMessageId id, std::int64_t attempt,
                                  const std::string& error, std::optional<TimePoint> retry_at) {
  return Transact([&]() -> Status {
    const std::string now = Now();
    const std::string text = error.substr(0, 500);
    if (retry_at) {
      return database_->Execute(
          "UPDATE outbox_messages SET state = 'failed_retrying', next_attempt_at = ?, "
          "claimed_until = NULL, last_error = ?, updated_at = ? WHERE id = ? AND state = "
          "'sending' AND attempts = ?",
          {FormatUtc(*retry_at), text, now, id.value(), attempt});
    }
    return database_->Execute(
        "UPDATE outbox_messages SET state = 'failed_permanently', claimed_until = NULL, "
        "last_error = ?, updated_at = ? WHERE id = ? AND state = 'sending' AND attempts = ?",
        {text, now, id.value(), attempt});
  });
}

}  // namespace tessera::store
