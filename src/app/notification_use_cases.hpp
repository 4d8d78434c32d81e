#pragma once
// The caller's in-app notifications (core/notifications.hpp) with the names of the clients
// they are about, and marking one read.

#include <string>
#include <vector>

#include "core/access.hpp"
#include "core/store.hpp"

namespace tessera::app {

struct NotificationView {
  Notification notification;
  std::string client_name;  // empty when it names no client (or the caller no longer sees it)
};

/// The caller's notifications, newest first (unread only when `unread_only`).
Result<std::vector<NotificationView>> ListNotifications(Store& store, const AccessContext& context,
                                                        bool unread_only);

/// Marks one of the caller's notifications read. NotFound for anyone else's.
Result<NotificationView> ReadNotification(Store& store, const AccessContext& context,
                                          NotificationId id);

}  // namespace tessera::app
