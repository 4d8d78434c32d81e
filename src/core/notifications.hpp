#pragma once
// In-app notifications: short messages to one account about something that needs it now (a
// risk item a client endorsed on their own). Each belongs to its recipient alone; reading it
// is marked, nothing else about it changes. Delivery by email is a later step (DESIGN.md
// "Outgoing messages").

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/access.hpp"
#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/records/clinical.hpp"
#include "core/result.hpp"

namespace tessera {

using NotificationId = StrongId<struct NotificationIdTag, std::int64_t>;

struct Notification {
  NotificationId id;
  UserId recipient;
  std::optional<ClientId> client;
  std::string kind;  // e.g. "risk_item_endorsed_by_client"
  std::string text;  // for the recipient; no clinical detail beyond what the kind says
  std::optional<AlertId> alert;
  TimePoint created_at;
  std::optional<TimePoint> read_at;
};

class NotificationRepository {
 public:
  virtual ~NotificationRepository() = default;
  /// One notification per lead clinician on the client's care team (the actor needs access to
  /// the client, as any write). Returns how many were written. Audited as a create. With a
  /// non-empty `email_link`, each active lead whose account has an email address is also sent
  /// one email through the outbox, in the same transaction (kStaffAttentionTemplate: no
  /// clinical content, no client name; idempotency key "attention-<notification id>"), audited
  /// as a create of an "attention_email".
  virtual Result<std::int64_t> NotifyCareTeamLeads(const AccessContext& context, ClientId client,
                                                   const std::string& kind, const std::string& text,
                                                   std::optional<AlertId> alert,
                                                   const std::string& email_link = "") = 0;
  /// The actor's own notifications, newest first (unread only when `unread_only`). Audited as
  /// one read per client mentioned.
  virtual Result<std::vector<Notification>> ListMyNotifications(const AccessContext& context,
                                                                bool unread_only) = 0;
  /// Marks one of the actor's notifications read (again: no change). NotFound for another's.
  virtual Result<Notification> MarkNotificationRead(const AccessContext& context,
                                                    NotificationId id) = 0;
};

}  // namespace tessera
