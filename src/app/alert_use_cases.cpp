#include "app/alert_use_cases.hpp"

#include <algorithm>

namespace tessera::app {
namespace {

bool Matches(const Alert& alert, const AlertFilter& filter) {
  if (filter.kind && alert.kind != *filter.kind) return false;
  switch (filter.state) {
    case AlertState::kAny: return true;
    case AlertState::kOpen: return alert.handlings.empty();
    case AlertState::kHandled: return !alert.handlings.empty();
  }
  return true;
}

Result<std::vector<Alert>> ListUnsorted(Store& store, const AccessContext& context,
                                        const AlertFilter& filter) {
  std::vector<ClientId> clients;
  if (filter.client) {
    clients.push_back(*filter.client);
  } else {
    TRY_ASSIGN(clients, store.ListClients(context));
  }
  std::vector<Alert> matching;
  for (const ClientId client : clients) {
    TRY_ASSIGN(std::vector<Alert> alerts, store.ListAlerts(context, client));
    for (Alert& alert : alerts) {
      if (Matches(alert, filter)) matching.push_back(std::move(alert));
    }
  }
  return matching;
}

}  // namespace

Result<std::vector<Alert>> ListAlerts(Store& store, const AccessContext& context,
                                      const AlertFilter& filter) {
  std::vector<Alert> alerts;
  TRY(store.Atomically([&]() -> Status {
    TRY_ASSIGN(alerts, ListUnsorted(store, context, filter));
    return Ok();
  }));
  std::sort(alerts.begin(), alerts.end(), [](const Alert& left, const Alert& right) {
    if (left.raised_at != right.raised_at) return left.raised_at > right.raised_at;
    return left.id.value() > right.id.value();
  });
  return alerts;
}

Result<Alert> AcknowledgeAlert(Store& store, const AccessContext& context, const Clock& clock,
                               AlertId alert_id, const std::string& note) {
  if (note.empty()) return InvalidArgument("note: an acknowledgement needs a note");
  Alert handled;
  TRY(store.Atomically([&]() -> Status {
    AlertHandling handling;
    handling.handled_by = context.actor.value_or(UserId(0));
    handling.handled_at = clock.Now();
    handling.action = "acknowledged";
    handling.note = note;
    TRY(store.HandleAlert(context, alert_id, handling));
    // The store names no client for an alert id; find it among the actor's clients.
    TRY_ASSIGN(std::vector<Alert> alerts, ListUnsorted(store, context, AlertFilter{}));
    for (Alert& alert : alerts) {
      if (alert.id == alert_id) handled = std::move(alert);
    }
    return Ok();
  }));
  return handled;
}

}  // namespace tessera::app
