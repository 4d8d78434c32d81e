#include "app/notification_use_cases.hpp"

#include <map>

namespace tessera::app {
namespace {

// The client's name as the caller may read it (an audited identifying read); empty when the
// caller has since lost access to the client: the notification stays theirs.
Result<std::string> NameOf(Store& store, const AccessContext& context, ClientId client,
                           std::map<std::int64_t, std::string>& names) {
  if (auto known = names.find(client.value()); known != names.end()) return known->second;
  Result<Client> record = store.GetClient(context, client);
  if (!record && record.error().code() != ErrorCode::kNotFound) return Propagate(record.error());
  std::string name = record ? record->identifiers.name : "";
  names[client.value()] = name;
  return name;
}

}  // namespace

Result<std::vector<NotificationView>> ListNotifications(Store& store, const AccessContext& context,
                                                        bool unread_only) {
  std::vector<NotificationView> views;
  TRY(store.Atomically([&]() -> Status {
    TRY_ASSIGN(std::vector<Notification> notifications,
               store.ListMyNotifications(context, unread_only));
    std::map<std::int64_t, std::string> names;
    for (Notification& notification : notifications) {
      NotificationView view{std::move(notification), ""};
      if (view.notification.client) {
        TRY_ASSIGN(view.client_name, NameOf(store, context, *view.notification.client, names));
      }
      views.push_back(std::move(view));
    }
    return Ok();
  }));
  return views;
}

Result<NotificationView> ReadNotification(Store& store, const AccessContext& context,
                                          NotificationId id) {
  NotificationView view;
  TRY(store.Atomically([&]() -> Status {
    TRY_ASSIGN(view.notification, store.MarkNotificationRead(context, id));
    if (view.notification.client) {
      std::map<std::int64_t, std::string> names;
      TRY_ASSIGN(view.client_name, NameOf(store, context, *view.notification.client, names));
    }
    return Ok();
  }));
  return view;
}

}  // namespace tessera::app
