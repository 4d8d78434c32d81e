// Alerts: raising one (with its first trigger), adding triggers, handlings, and reading alerts
// with their handlings and triggers. Every row is append-only; the lifecycle state is derived
// from the handlings (app/alert_lifecycle.hpp).

#include <map>

#include "store/sql/alert_row.hpp"
#include "store/sql/sql_store.hpp"
#include "store/sql/time_text.hpp"

namespace tessera::store {
namespace {

SqlParams TriggerParams(std::int64_t alert, const AlertTrigger& trigger) {
  return {alert,
          trigger.administration ? SqlValue(trigger.administration->value()) : SqlValue(),
          FormatUtc(ToStoredPrecision(trigger.triggered_at)),
          trigger.severity.empty() ? std::string("warning") : trigger.severity,
          trigger.level ? SqlValue(*trigger.level) : SqlValue(),
          trigger.detail};
}

constexpr std::string_view kInsertTrigger =
    "INSERT INTO alert_triggers (alert_id, administration_id, triggered_at, severity, level, "
    "detail) VALUES (?, ?, ?, ?, ?, ?)";

}  // namespace

Result<std::vector<Alert>> SqlStore::AlertsWhere(std::string_view where, const SqlParams& params) {
  TRY_ASSIGN(SqlRows rows,
             database_->Query("SELECT " + std::string(kAlertColumns) + "FROM alerts a WHERE " +
                                  std::string(where) + " ORDER BY a.raised_at, a.id",
                              params));
  if (rows.empty()) return std::vector<Alert>{};
  // Every handling and trigger of the selected alerts in one query each (not one per alert).
  TRY_ASSIGN(SqlRows handlings,
             database_->Query("SELECT h.alert_id, h.handled_by, h.handled_at, h.action, h.note "
                              "FROM alerts a CROSS JOIN alert_handlings h WHERE h.alert_id = "
                              "a.id AND " +
                                  std::string(where) + " ORDER BY h.alert_id, h.id",
                              params));
  TRY_ASSIGN(SqlRows triggers,
             database_->Query("SELECT t.alert_id, t.administration_id, t.triggered_at, "
                              "t.severity, t.level, t.detail FROM alerts a CROSS JOIN "
                              "alert_triggers t WHERE t.alert_id = a.id AND " +
                                  std::string(where) + " ORDER BY t.alert_id, t.id",
                              params));
  std::map<std::int64_t, std::vector<AlertHandling>> handlings_of;
  for (const SqlRow& row : handlings) {
    handlings_of[row.Int(0)].push_back({UserId(row.Int(1)),
                                        ParseUtc(row.Text(2)).value_or(TimePoint{}), row.Text(3),
                                        row.Text(4)});
  }
  std::map<std::int64_t, std::vector<AlertTrigger>> triggers_of;
  for (const SqlRow& row : triggers) {
    AlertTrigger trigger;
    if (!row.IsNull(1)) trigger.administration = AdministrationId(row.Int(1));
    trigger.triggered_at = ParseUtc(row.Text(2)).value_or(TimePoint{});
    trigger.severity = row.Text(3);
    trigger.level = row.OptionalReal(4);
    trigger.detail = row.Text(5);
    triggers_of[row.Int(0)].push_back(std::move(trigger));
  }
  std::vector<Alert> alerts;
  alerts.reserve(rows.size());
  for (const SqlRow& row : rows) {
    Alert alert = AlertFromRow(row);
    if (auto found = handlings_of.find(alert.id.value()); found != handlings_of.end())
      alert.handlings = std::move(found->second);
    if (auto found = triggers_of.find(alert.id.value()); found != triggers_of.end())
      alert.triggers = std::move(found->second);
    alerts.push_back(std::move(alert));
  }
  return alerts;
}

Result<AlertId> SqlStore::RaiseAlert(const AccessContext& context, const Alert& alert) {
  if (alert.kind.empty()) return InvalidArgument("alert kind: must not be empty");
  return Transact([&]() -> Result<AlertId> {
    TRY(RequireClientAccess(context, alert.client));
    if (alert.administration) {
      TRY(RequireBelongsTo("measure_administrations", alert.administration->value(),
                           "administration", alert.client));
    }
    if (alert.episode) {
      TRY(RequireBelongsTo("episodes", alert.episode->value(), "episode", alert.client));
    }
    for (const AlertTrigger& trigger : alert.triggers) {
      if (trigger.administration) {
        TRY(RequireBelongsTo("measure_administrations", trigger.administration->value(),
                             "administration", alert.client));
      }
    }
    TRY_ASSIGN(const std::optional<std::int64_t> before, RevisionIfViewed(alert.client));
    TRY_ASSIGN(
        std::int64_t id,
        InsertReturningId(
            "INSERT INTO alerts (client_id, kind, raised_at, detail, administration_id, "
            "created_by, episode_id, instrument, severity) VALUES (?, ?, ?, ?, ?, ?, ?, "
            "?, ?) RETURNING id",
            {alert.client.value(), alert.kind, FormatUtc(ToStoredPrecision(alert.raised_at)),
             alert.detail,
             alert.administration ? SqlValue(alert.administration->value()) : SqlValue(),
             context.actor->value(), alert.episode ? SqlValue(alert.episode->value()) : SqlValue(),
             alert.instrument, alert.severity.empty() ? std::string("warning") : alert.severity}));
    for (const AlertTrigger& trigger : alert.triggers) {
      TRY(database_->Execute(kInsertTrigger, TriggerParams(id, trigger)));
    }
    TRY(Audit(context, alert.client, AuditAction::kCreate, "alert", std::to_string(id),
              Sensitivity::kClinical));
    // Episode views hold no alerts; the summary counts open ones, so it goes.
    if (before) {
      TRY_ASSIGN(std::int64_t after, ClientRevision(alert.client));
      views_.Advance(alert.client, *before, after, nullptr, ClientViews::Summaries::kDrop);
    }
    ++uncommitted_alerts_;
    return AlertId(id);
  });
}

Status SqlStore::AddAlertTrigger(const AccessContext& context, AlertId alert,
                                 const AlertTrigger& trigger) {
  return Transact([&]() -> Status {
    TRY_ASSIGN(ClientId client, RequireRecordAccess(context, "alerts", alert.value(), "alert"));
    if (trigger.administration) {
      TRY(RequireBelongsTo("measure_administrations", trigger.administration->value(),
                           "administration", client));
    }
    TRY(database_->Execute(kInsertTrigger, TriggerParams(alert.value(), trigger)));
    return Audit(context, client, AuditAction::kAmend, "alert", std::to_string(alert.value()),
                 Sensitivity::kClinical);
  });
}

Status SqlStore::HandleAlert(const AccessContext& context, AlertId alert,
                             const AlertHandling& handling) {
  if (handling.action.empty()) return InvalidArgument("alert handling action: must not be empty");
  return Transact([&]() -> Status {
    TRY_ASSIGN(ClientId client, RequireRecordAccess(context, "alerts", alert.value(), "alert"));
    TRY(database_->Execute(
        "INSERT INTO alert_handlings (alert_id, handled_by, handled_at, "
        "action, note) VALUES (?, ?, ?, ?, ?)",
        {alert.value(), context.actor->value(), FormatUtc(ToStoredPrecision(handling.handled_at)),
         handling.action, handling.note}));
    return Audit(context, client, AuditAction::kHandle, "alert", std::to_string(alert.value()),
                 Sensitivity::kClinical);
  });
}

Result<std::vector<Alert>> SqlStore::ListAlerts(const AccessContext& context, ClientId client) {
  return Transact([&]() -> Result<std::vector<Alert>> {
    TRY(RequireClientAccess(context, client));
    TRY(Audit(context, client, AuditAction::kRead, "alert", "", Sensitivity::kClinical));
    return AlertsWhere("a.client_id = ?", {client.value()});
  });
}

}  // namespace tessera::store
