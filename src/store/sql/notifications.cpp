// In-app notifications (core/notifications.hpp): written for a client's lead clinicians, read
// and marked read by their recipient only.

#include <set>

#include "store/sql/sql_store.hpp"
#include "store/sql/time_text.hpp"

namespace tessera::store {
namespace {

constexpr std::string_view kNotificationColumns =
    "SELECT id, user_id, client_id, kind, text, alert_id, created_at, read_at FROM notifications ";

Notification NotificationFromRow(const SqlRow& row) {
  Notification notification;
  notification.id = NotificationId(row.Int(0));
  notification.recipient = UserId(row.Int(1));
  if (!row.IsNull(2)) notification.client = ClientId(row.Int(2));
  notification.kind = row.Text(3);
  notification.text = row.Text(4);
  if (!row.IsNull(5)) notification.alert = AlertId(row.Int(5));
  notification.created_at = ParseUtc(row.Text(6)).value_or(TimePoint{});
  if (!row.IsNull(7)) notification.read_at = ParseUtc(row.Text(7)).value_or(TimePoint{});
  return notification;
}

}  // namespace

Result<std::int64_t> SqlStore::NotifyCareTeamLeads(const AccessContext& context, ClientId client,
                                                   const std::string& kind, const std::string& text,
                                                   std::optional<AlertId> alert,
                                                   const std::string& email_link) {
  if (kind.empty()) return InvalidArgument("notification kind: must not be empty");
  return Transact([&]() -> Result<std::int64_t> {
    TRY(RequireClientAccess(context, client));
    TRY_ASSIGN(SqlRows leads,
               database_->Query("SELECT m.user_id, u.email, u.status FROM care_team_members m "
                                "CROSS JOIN users u WHERE u.id = m.user_id AND m.client_id = ? "
                                "AND m.role = 'lead' ORDER BY m.user_id",
                                {client.value()}));
    for (const SqlRow& lead : leads) {
      TRY_ASSIGN(std::int64_t id,
                 InsertReturningId("INSERT INTO notifications (user_id, client_id, kind, text, "
                                   "alert_id, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                                   {lead.Int(0), client.value(), kind, text,
                                    alert ? SqlValue(alert->value()) : SqlValue(), Now()}));
      TRY(Audit(context, client, AuditAction::kCreate, "notification", std::to_string(id),
                Sensitivity::kClinical));
      const std::string email = lead.Text(1);
      if (email_link.empty() || email.empty() || lead.Text(2) != "active") continue;
      // Exactly one email per notification (its key), sent by the reminders' delivery worker
      // with its retries; it says only that a client needs attention, and links to the app.
      const std::string now = Now();
      TRY_ASSIGN(std::int64_t message,
                 InsertReturningId(
                     "INSERT INTO outbox_messages (idempotency_key, client_id, channel, "
                     "recipient, template, link, state, attempts, next_attempt_at, last_error, "
                     "created_by, created_at, updated_at) VALUES (?, ?, 'email', ?, ?, ?, "
                     "'queued', 0, ?, '', ?, ?, ?) RETURNING id",
                     {"attention-" + std::to_string(id), client.value(), email,
                      std::string(kStaffAttentionTemplate), email_link, now,
                      context.actor ? SqlValue(context.actor->value()) : SqlValue(), now, now}));
      TRY(Audit(context, client, AuditAction::kCreate, "attention_email", std::to_string(message),
                Sensitivity::kIdentifying));
    }
    return static_cast<std::int64_t>(leads.size());
  });
}

Result<std::vector<Notification>> SqlStore::ListMyNotifications(const AccessContext& context,
                                                                bool unread_only) {
  if (!context.actor) return Unauthenticated("sign in to read notifications");
  return Transact([&]() -> Result<std::vector<Notification>> {
    TRY_ASSIGN(
        SqlRows rows,
        database_->Query(std::string(kNotificationColumns) + "WHERE user_id = ? " +
                             (unread_only ? "AND read_at IS NULL " : "") + "ORDER BY id DESC",
                         {context.actor->value()}));
    std::vector<Notification> notifications;
    std::set<std::int64_t> clients;
    for (const SqlRow& row : rows) {
      notifications.push_back(NotificationFromRow(row));
      if (notifications.back().client) clients.insert(notifications.back().client->value());
    }
    // The texts name clients: one read entry per client mentioned.
    for (const std::int64_t client : clients) {
      TRY(Audit(context, ClientId(client), AuditAction::kRead, "notification", "",
                Sensitivity::kClinical));
    }
    return notifications;
  });
}

Result<Notification> SqlStore::MarkNotificationRead(const AccessContext& context,
                                                    NotificationId id) {
  if (!context.actor) return Unauthenticated("sign in to read notifications");
  return Transact([&]() -> Result<Notification> {
    const SqlParams mine{id.value(), context.actor->value()};
    TRY(
        database_->Execute("UPDATE notifications SET read_at = ? WHERE id = ? AND user_id = ? "
                           "AND read_at IS NULL",
                           {Now(), id.value(), context.actor->value()}));
    TRY_ASSIGN(
        SqlRows rows,
        database_->Query(std::string(kNotificationColumns) + "WHERE id = ? AND user_id = ?", mine));
    if (rows.empty()) return NotFound("notification " + std::to_string(id.value()) + " not found");
    Notification notification = NotificationFromRow(rows[0]);
    if (notification.client) {
      TRY(Audit(context, notification.client, AuditAction::kRead, "notification",
                std::to_string(id.value()), Sensitivity::kClinical));
    }
    return notification;
  });
}

}  // namespace tessera::store
