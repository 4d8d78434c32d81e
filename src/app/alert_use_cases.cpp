#include "app/alert_use_cases.hpp"

#include <algorithm>
#include <map>

namespace tessera::app {
namespace {

constexpr std::size_t kMostAlertsAtOnce = 500;

bool Matches(const AlertView& view, const AlertFilter& filter) {
  if (filter.kind && view.alert.kind != *filter.kind) return false;
  switch (filter.state) {
    case AlertState::kAny:
      return true;
    case AlertState::kOpen:
      return view.state == AlertLifecycleState::kOpen;
    case AlertState::kAcknowledged:
      return view.state == AlertLifecycleState::kAcknowledged;
    case AlertState::kResolved:
      return view.state == AlertLifecycleState::kResolved;
    case AlertState::kActive:
      return view.state != AlertLifecycleState::kResolved;
    case AlertState::kHandled:
      return view.state != AlertLifecycleState::kOpen;
  }
  return true;
}

AlertView ViewOf(Alert alert, const std::string& client_name) {
  AlertView view;
  view.state = StateOf(alert);
  view.severity = CurrentSeverity(alert);
  view.client_name = client_name;
  view.alert = std::move(alert);
  return view;
}

// Every matching alert of the clients asked, with their names. The name is read only for a
// client with a matching alert (an identifying read is audited as one).
Result<std::vector<AlertView>> ListUnsorted(Store& store, const AccessContext& context,
                                            const AlertFilter& filter) {
  std::vector<ClientId> clients;
  if (filter.client) {
    clients.push_back(*filter.client);
  } else {
    TRY_ASSIGN(clients, store.ListClients(context));
  }
  std::vector<AlertView> matching;
  for (const ClientId client : clients) {
    TRY_ASSIGN(std::vector<Alert> alerts, store.ListAlerts(context, client));
    std::optional<std::string> name;
    for (Alert& alert : alerts) {
      AlertView view = ViewOf(std::move(alert), "");
      if (!Matches(view, filter)) continue;
      if (!name) {
        TRY_ASSIGN(Client record, store.GetClient(context, client));
        name = record.identifiers.name;
      }
      view.client_name = *name;
      matching.push_back(std::move(view));
    }
  }
  return matching;
}

void SortForWork(std::vector<AlertView>& views) {
  std::sort(views.begin(), views.end(), [](const AlertView& left, const AlertView& right) {
    const int left_rank = SeverityRank(left.severity);
    const int right_rank = SeverityRank(right.severity);
    if (left_rank != right_rank) return left_rank > right_rank;
    if (left.alert.raised_at != right.alert.raised_at)
      return left.alert.raised_at < right.alert.raised_at;
    return left.alert.id.value() < right.alert.id.value();
  });
}

// Records one handling on each alert (after checking every one), then reads them back.
Result<std::vector<AlertView>> Handle(Store& store, const AccessContext& context,
                                      const Clock& clock, const std::vector<AlertId>& ids,
                                      std::string_view action, const std::string& note) {
  if (note.empty()) return InvalidArgument("note: must not be empty (say what was done)");
  if (ids.empty()) return InvalidArgument("alert_ids: give at least one alert id");
  if (ids.size() > kMostAlertsAtOnce) {
    return InvalidArgument("alert_ids: at most " + std::to_string(kMostAlertsAtOnce) + " at once");
  }
  std::vector<AlertView> handled;
  TRY(store.Atomically([&]() -> Status {
    // The store names no client for an alert id; find them among the actor's clients.
    TRY_ASSIGN(std::vector<AlertView> visible, ListUnsorted(store, context, AlertFilter{}));
    std::map<std::int64_t, const AlertView*> by_id;
    for (const AlertView& view : visible) by_id[view.alert.id.value()] = &view;
    for (const AlertId id : ids) {
      const auto found = by_id.find(id.value());
      if (found == by_id.end()) {
        // Not among the caller's own alerts: the store's access rule decides what to say
        // (404 for no access, 403 for a supervisor reading the client for supervision). A
        // handling it would accept is still refused here, and the transaction rolls back.
        TRY(store.HandleAlert(
            context, id,
            {context.actor.value_or(UserId(0)), clock.Now(), std::string(action), note}));
        return NotFound("alert " + std::to_string(id.value()) + " not found");
      }
      if (found->second->state == AlertLifecycleState::kResolved) {
        return Conflict("alert " + std::to_string(id.value()) +
                        " is resolved; nothing was recorded");
      }
    }
    const TimePoint now = clock.Now();
    for (const AlertId id : ids) {
      TRY(store.HandleAlert(context, id,
                            {context.actor.value_or(UserId(0)), now, std::string(action), note}));
    }
    for (const AlertId id : ids) {
      AlertView view = *by_id.at(id.value());
      view.alert.handlings.push_back(
          {context.actor.value_or(UserId(0)), now, std::string(action), note});
      view.state = StateOf(view.alert);
      handled.push_back(std::move(view));
    }
    return Ok();
  }));
  return handled;
}

}  // namespace

Result<std::vector<AlertView>> ListAlerts(Store& store, const AccessContext& context,
                                          const AlertFilter& filter) {
  std::vector<AlertView> alerts;
  TRY(store.Atomically([&]() -> Status {
    TRY_ASSIGN(alerts, ListUnsorted(store, context, filter));
    return Ok();
  }));
  SortForWork(alerts);
  return alerts;
}

Result<std::vector<AlertView>> AcknowledgeAlerts(Store& store, const AccessContext& context,
                                                 const Clock& clock,
                                                 const std::vector<AlertId>& alerts,
                                                 const std::string& note) {
  return Handle(store, context, clock, alerts, kAcknowledgedAction, note);
}

Result<AlertView> AcknowledgeAlert(Store& store, const AccessContext& context, const Clock& clock,
                                   AlertId alert, const std::string& note) {
  TRY_ASSIGN(std::vector<AlertView> handled,
             AcknowledgeAlerts(store, context, clock, {alert}, note));
  return std::move(handled.front());
}

Result<AlertView> ResolveAlert(Store& store, const AccessContext& context, const Clock& clock,
                               AlertId alert, const std::string& note) {
  TRY_ASSIGN(std::vector<AlertView> handled,
             Handle(store, context, clock, {alert}, kResolvedAction, note));
  return std::move(handled.front());
}

}  // namespace tessera::app
