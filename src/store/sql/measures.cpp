// Measure administrations (item-level answers, scores stored as data) and alerts.

#include "store/exchange/record_json.hpp"
#include "store/sql/sql_store.hpp"
#include "store/sql/time_text.hpp"

namespace tessera::store {
namespace {

Status ValidateAdministration(const MeasureAdministration& administration) {
  if (administration.instrument.value().empty())
    return InvalidArgument("administration instrument: must not be empty");
  for (const ItemAnswer& answer : administration.answers)
    if (answer.item.empty()) return InvalidArgument("administration answer: item must not be empty");
  return Ok();
}

}  // namespace

Result<AdministrationId> SqlStore::RecordAdministration(
    const AccessContext& context, const MeasureAdministration& administration) {
  TRY(ValidateAdministration(administration));
  return Transact([&]() -> Result<AdministrationId> {
    TRY(RequireClientAccess(context, administration.client));
    if (administration.session) {
      TRY(RequireBelongsTo("sessions", administration.session->value(), "session", administration.client));
    }
    if (administration.supersedes) {
      TRY(RequireBelongsTo("measure_administrations",
                                              administration.supersedes->value(), "administration", administration.client));
    }
    auto inserted = InsertReturningId(
        "INSERT INTO measure_administrations (client_id, session_id, instrument, administered_at, "
        "total, band, subscales_json, flags_json, supersedes, created_by, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {administration.client.value(),
         administration.session ? SqlValue(administration.session->value()) : SqlValue(),
         administration.instrument.value(),
         FormatUtc(ToStoredPrecision(administration.administered_at)),
         OrNull(administration.total), administration.band,
         NumberMapToText(administration.subscales), StringListToText(administration.flags),
         administration.supersedes ? SqlValue(administration.supersedes->value()) : SqlValue(),
         context.actor->value(), Now()});
    if (!inserted && inserted.error().code() == ErrorCode::kAlreadyExists)
      return Conflict("administration " + std::to_string(administration.supersedes->value()) +
                      " was already amended by someone else; reload and retry");
    TRY_ASSIGN(std::int64_t id, std::move(inserted));
    for (std::size_t position = 0; position < administration.answers.size(); ++position) {
      const ItemAnswer& answer = administration.answers[position];
      TRY(database_->Execute("INSERT INTO administration_answers (administration_id, position, "
                             "item, value) VALUES (?, ?, ?, ?)",
                             {id, static_cast<std::int64_t>(position), answer.item,
                              OrNull(answer.value)}));
    }
    TRY(Audit(context, administration.client,
              administration.supersedes ? AuditAction::kAmend : AuditAction::kCreate,
              "measure_administration", std::to_string(id), Sensitivity::kClinical));
    return AdministrationId(id);
  });
}

Result<std::vector<ItemAnswer>> SqlStore::LoadAnswers(AdministrationId administration) {
  TRY_ASSIGN(SqlRows rows, database_->Query("SELECT item, value FROM administration_answers "
                                            "WHERE administration_id = ? ORDER BY position",
                                            {administration.value()}));
  std::vector<ItemAnswer> answers;
  for (const SqlRow& row : rows) answers.push_back({row.Text(0), row.OptionalReal(1)});
  return answers;
}

Result<std::vector<MeasureAdministration>> SqlStore::ListAdministrations(
    const AccessContext& context, ClientId client, Versions versions) {
  return Transact([&]() -> Result<std::vector<MeasureAdministration>> {
    TRY(RequireClientAccess(context, client));
    TRY(Audit(context, client, AuditAction::kRead, "measure_administration", "",
              Sensitivity::kClinical));
    const std::string select =
        "SELECT a.id, a.session_id, a.instrument, a.administered_at, a.total, a.band, "
        "a.subscales_json, a.flags_json, a.supersedes FROM measure_administrations a "
        "WHERE a.client_id = ? ";
    TRY_ASSIGN(SqlRows rows,
               database_->Query(versions == Versions::kWithHistory
                                    ? select + "ORDER BY a.id"
                                    : select + "AND NOT EXISTS (SELECT 1 FROM "
                                               "measure_administrations n WHERE n.supersedes = "
                                               "a.id) ORDER BY a.administered_at, a.id",
                                {client.value()}));
    std::vector<MeasureAdministration> administrations;
    for (const SqlRow& row : rows) {
      MeasureAdministration administration;
      administration.id = AdministrationId(row.Int(0));
      administration.client = client;
      if (!row.IsNull(1)) administration.session = SessionId(row.Int(1));
      administration.instrument = InstrumentId(row.Text(2));
      administration.administered_at = ParseUtc(row.Text(3)).value_or(TimePoint{});
      administration.total = row.OptionalReal(4);
      administration.band = row.Text(5);
      TRY_ASSIGN(administration.subscales, NumberMapFromText(row.Text(6)));
      TRY_ASSIGN(administration.flags, StringListFromText(row.Text(7)));
      if (!row.IsNull(8)) administration.supersedes = AdministrationId(row.Int(8));
      TRY_ASSIGN(administration.answers, LoadAnswers(administration.id));
      administrations.push_back(std::move(administration));
    }
    return administrations;
  });
}

Result<AlertId> SqlStore::RaiseAlert(const AccessContext& context, const Alert& alert) {
  if (alert.kind.empty()) return InvalidArgument("alert kind: must not be empty");
  return Transact([&]() -> Result<AlertId> {
    TRY(RequireClientAccess(context, alert.client));
    if (alert.administration) {
      TRY(RequireBelongsTo("measure_administrations",
                                              alert.administration->value(), "administration", alert.client));
    }
    TRY_ASSIGN(std::int64_t id,
               InsertReturningId("INSERT INTO alerts (client_id, kind, raised_at, detail, "
                                 "administration_id, created_by) VALUES (?, ?, ?, ?, ?, ?) "
                                 "RETURNING id",
                                 {alert.client.value(), alert.kind,
                                  FormatUtc(ToStoredPrecision(alert.raised_at)), alert.detail,
                                  alert.administration ? SqlValue(alert.administration->value())
                                                       : SqlValue(),
                                  context.actor->value()}));
    TRY(Audit(context, alert.client, AuditAction::kCreate, "alert", std::to_string(id),
              Sensitivity::kClinical));
    return AlertId(id);
  });
}

Status SqlStore::HandleAlert(const AccessContext& context, AlertId alert,
                             const AlertHandling& handling) {
  if (handling.action.empty()) return InvalidArgument("alert handling action: must not be empty");
  return Transact([&]() -> Status {
    TRY_ASSIGN(ClientId client, RequireRecordAccess(context, "alerts", alert.value(), "alert"));
    TRY(database_->Execute("INSERT INTO alert_handlings (alert_id, handled_by, handled_at, "
                           "action, note) VALUES (?, ?, ?, ?, ?)",
                           {alert.value(), context.actor->value(),
                            FormatUtc(ToStoredPrecision(handling.handled_at)), handling.action,
                            handling.note}));
    return Audit(context, client, AuditAction::kHandle, "alert", std::to_string(alert.value()),
                 Sensitivity::kClinical);
  });
}

Result<std::vector<Alert>> SqlStore::ListAlerts(const AccessContext& context, ClientId client) {
  return Transact([&]() -> Result<std::vector<Alert>> {
    TRY(RequireClientAccess(context, client));
    TRY(Audit(context, client, AuditAction::kRead, "alert", "", Sensitivity::kClinical));
    TRY_ASSIGN(SqlRows rows,
               database_->Query("SELECT id, kind, raised_at, detail, administration_id FROM "
                                "alerts WHERE client_id = ? ORDER BY raised_at, id",
                                {client.value()}));
    std::vector<Alert> alerts;
    for (const SqlRow& row : rows) {
      Alert alert;
      alert.id = AlertId(row.Int(0));
      alert.client = client;
      alert.kind = row.Text(1);
      alert.raised_at = ParseUtc(row.Text(2)).value_or(TimePoint{});
      alert.detail = row.Text(3);
      if (!row.IsNull(4)) alert.administration = AdministrationId(row.Int(4));
      TRY_ASSIGN(SqlRows handlings,
                 database_->Query("SELECT handled_by, handled_at, action, note FROM "
                                  "alert_handlings WHERE alert_id = ? ORDER BY id",
                                  {alert.id.value()}));
      for (const SqlRow& handling : handlings)
        alert.handlings.push_back({UserId(handling.Int(0)),
                                   ParseUtc(handling.Text(1)).value_or(TimePoint{}),
                                   handling.Text(2), handling.Text(3)});
      alerts.push_back(std::move(alert));
    }
    return alerts;
  });
}

}  // namespace tessera::store
