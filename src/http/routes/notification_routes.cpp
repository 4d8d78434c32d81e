// The caller's in-app notifications (a client's own risk endorsement, for the lead clinician)
// and marking one read.
#include <nlohmann/json.hpp>

#include "app/notification_use_cases.hpp"
#include "http/json_body.hpp"
#include "http/routes/clinical_routes.hpp"
#include "http/routes/clinical_support.hpp"

namespace tessera::http {
namespace {

using nlohmann::json;

json NotificationJson(const app::NotificationView& view) {
  const Notification& notification = view.notification;
  return {
      {"id", notification.id.value()},
      {"kind", notification.kind},
      {"text", notification.text},
      {"client_id", notification.client ? json(notification.client->value()) : json(nullptr)},
      {"client_name", view.client_name},
      {"alert_id", notification.alert ? json(notification.alert->value()) : json(nullptr)},
      {"created_at", FormatUtc(notification.created_at)},
      {"read_at", notification.read_at ? json(FormatUtc(*notification.read_at)) : json(nullptr)}};
}

Result<bool> UnreadOnly(const std::map<std::string, std::string>& query) {
  const auto unread = query.find("unread");
  if (unread == query.end() || unread->second == "false") return false;
  if (unread->second == "true") return true;
  return InvalidArgument("query parameter 'unread' must be true or false");
}

}  // namespace

Status AddNotificationRoutes(RouteTable& table, const ClinicalRouteDeps& deps) {
  const std::vector<Role> staff = {Role::kAdmin, Role::kClinician, Role::kSupervisor};
  TRY(table.Add(
      {.method = Method::kGet,
       .pattern = "/api/v1/notifications",
       .roles = staff,
       .summary = "The caller's notifications, newest first (paged; ?unread=true for unread only)",
       .async_handler = WithStore(deps.stores,
                                  [deps](Store& store, const AccessContext& actor,
                                         const HandlerContext& context) -> Result<Response> {
                                    TRY_ASSIGN(const bool unread_only,
                                               UnreadOnly(context.target.query));
                                    TRY_ASSIGN(PageRequest page, PageOf(context, deps.pages));
                                    TRY_ASSIGN(std::vector<app::NotificationView> notifications,
                                               app::ListNotifications(store, actor, unread_only));
                                    return JsonOk(PagedJson(notifications, page, NotificationJson));
                                  }),
       .responses = {PagedReply("Notification")},
       .query = PageQuery(
           {{"unread", "true: only unread notifications (default: false)", "boolean"}})}));
  TRY(table.Add({.method = Method::kPost,
                 .pattern = "/api/v1/notifications/{notification_id}/read",
                 .roles = staff,
                 .summary = "Mark one of the caller's notifications read",
                 .async_handler = WithStore(
                     deps.stores,
                     [](Store& store, const AccessContext& actor,
                        const HandlerContext& context) -> Result<Response> {
                       TRY_ASSIGN(const std::int64_t id,
                                  PathId(context.path_params, "notification_id"));
                       TRY_ASSIGN(app::NotificationView notification,
                                  app::ReadNotification(store, actor, NotificationId(id)));
                       return JsonOk(NotificationJson(notification));
                     }),
                 .responses = {Reply(200, "Notification")}}));
  return Ok();
}

}  // namespace tessera::http
