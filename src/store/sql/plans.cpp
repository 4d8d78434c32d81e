// Treatment plans: versions are rows; revisions check the version they were based on.

#include "core/records/names.hpp"
#include "store/sql/sql_store.hpp"
#include "store/sql/time_text.hpp"

namespace tessera::store {
namespace {

Status ValidateVersion(const PlanVersion& version) {
  if (version.content.empty()) return InvalidArgument("plan content: must not be empty");
  if (version.reason.empty()) return InvalidArgument("plan reason: must not be empty");
  return Ok();
}

}  // namespace

Result<PlanId> SqlStore::CreatePlan(const AccessContext& context, const Plan& plan) {
  if (plan.versions.size() != 1)
    return InvalidArgument("a new plan must have exactly one version (has " +
                           std::to_string(plan.versions.size()) + ")");
  TRY(ValidateVersion(plan.versions[0]));
  return Transact([&]() -> Result<PlanId> {
    TRY(RequireClientAccess(context, plan.client));
    TRY(RequireRole(context, {Role::kClinician, Role::kSupervisor, Role::kAdmin}, "write plans"));
    TRY(RequireBelongsTo("episodes", plan.episode.value(), "episode", plan.client));
    TRY(RequireEpisodeOpen(plan.episode.value()));
    const std::string now = Now();
    TRY_ASSIGN(std::int64_t id,
               InsertReturningId(
                   "INSERT INTO plans (client_id, episode_id, created_by, "
                   "created_at) VALUES (?, ?, ?, ?) RETURNING id",
                   {plan.client.value(), plan.episode.value(), context.actor->value(), now}));
    const PlanVersion& first = plan.versions[0];
    TRY(database_->Execute(
        "INSERT INTO plan_versions (plan_id, version, content, reason, prompted_by_alert, "
        "prompted_by_administration, client_feedback, created_by, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {id, std::int64_t{1}, first.content, first.reason,
         first.prompted_by.alert ? SqlValue(first.prompted_by.alert->value()) : SqlValue(),
         first.prompted_by.administration ? SqlValue(first.prompted_by.administration->value())
                                          : SqlValue(),
         first.prompted_by.client_feedback, context.actor->value(), now}));
    TRY(Audit(context, plan.client, AuditAction::kCreate, "plan", std::to_string(id),
              Sensitivity::kClinical));
    return PlanId(id);
  });
}

Result<std::int64_t> SqlStore::RevisePlan(const AccessContext& context, PlanId plan,
                                          std::int64_t expected_version,
                                          const PlanVersion& revision) {
  TRY(ValidateVersion(revision));
  return Transact([&]() -> Result<std::int64_t> {
    TRY_ASSIGN(ClientId client, RequireRecordAccess(context, "plans", plan.value(), "plan"));
    TRY(RequireRole(context, {Role::kClinician, Role::kSupervisor, Role::kAdmin}, "revise plans"));
    for (const auto& [table, id] :
         {std::pair<std::string_view, std::optional<std::int64_t>>{
              "alerts", revision.prompted_by.alert
                            ? std::optional<std::int64_t>(revision.prompted_by.alert->value())
                            : std::nullopt},
          {"measure_administrations",
           revision.prompted_by.administration
               ? std::optional<std::int64_t>(revision.prompted_by.administration->value())
               : std::nullopt}}) {
      if (!id) continue;
      TRY(RequireBelongsTo(table, *id, "prompting record", client));
    }
    return AppendPlanVersion(context, client, plan, expected_version, revision);
  });
}

Result<std::int64_t> SqlStore::AppendPlanVersion(const AccessContext& context, ClientId client,
                                                 PlanId plan, std::int64_t expected_version,
                                                 const PlanVersion& revision) {
  TRY(RequireOpenPlan(plan));
  TRY_ASSIGN(SqlRows rows, database_->Query("SELECT MAX(version) FROM plan_versions WHERE "
                                            "plan_id = ?",
                                            {plan.value()}));
  const std::int64_t current = rows.at(0).Int(0);
  if (current != expected_version)
    return Conflict("plan " + std::to_string(plan.value()) + " is at version " +
                    std::to_string(current) + " but the change was based on version " +
                    std::to_string(expected_version) + "; reload and retry");
  // The primary key (plan_id, version) is the last line of defence: two revisions of the same
  // version can never both commit.
  Status inserted = database_->Execute(
      "INSERT INTO plan_versions (plan_id, version, content, reason, prompted_by_alert, "
      "prompted_by_administration, client_feedback, created_by, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {plan.value(), current + 1, revision.content, revision.reason,
       revision.prompted_by.alert ? SqlValue(revision.prompted_by.alert->value()) : SqlValue(),
       revision.prompted_by.administration ? SqlValue(revision.prompted_by.administration->value())
                                           : SqlValue(),
       revision.prompted_by.client_feedback, context.actor->value(), Now()});
  if (!inserted && inserted.error().code() == ErrorCode::kAlreadyExists)
    return Conflict("plan " + std::to_string(plan.value()) +
                    " was revised by someone else; reload and retry");
  TRY(inserted);
  TRY(Audit(context, client, AuditAction::kAmend, "plan",
            std::to_string(plan.value()) + "/v" + std::to_string(current + 1),
            Sensitivity::kClinical));
  return current + 1;
}

Status SqlStore::SignOffPlan(const AccessContext& context, PlanId plan, std::int64_t version,
                             SignOffRole role) {
  return Transact([&]() -> Status {
    TRY_ASSIGN(ClientId client, RequireRecordAccess(context, "plans", plan.value(), "plan"));
    // The client's agreement comes from their own account; staff record it on the client's
    // behalf, saying how it was given (RecordClientAgreement), and a client signs only as one.
    TRY_ASSIGN(const Role actor_role, ActorRole(context));
    if ((role == SignOffRole::kClient) != (actor_role == Role::kClient))
      return PermissionDenied(actor_role == Role::kClient
                                  ? "a client account signs a plan off only as the client"
                                  : "staff record the client's agreement on their behalf with "
                                    "how it was given, not as the client's own sign-off");
    TRY(RequireOpenPlan(plan));
    Status inserted = database_->Execute(
        "INSERT INTO plan_sign_offs (plan_id, version, user_id, role, signed_at) "
        "VALUES (?, ?, ?, ?, ?)",
        {plan.value(), version, context.actor->value(), std::string(Name(role)), Now()});
    if (!inserted && inserted.error().code() == ErrorCode::kNotFound)
      return NotFound("plan " + std::to_string(plan.value()) + " has no version " +
                      std::to_string(version));
    if (!inserted && inserted.error().code() == ErrorCode::kAlreadyExists)
      return AlreadyExists("version " + std::to_string(version) + " of plan " +
                           std::to_string(plan.value()) + " is already signed by this account");
    TRY(inserted);
    TRY(Audit(context, client, AuditAction::kSignOff, "plan",
              std::to_string(plan.value()) + "/v" + std::to_string(version),
              Sensitivity::kClinical));
    return ActivateIfAgreed(context, client, plan, version);
  });
}

Result<Plan> SqlStore::LoadPlan(PlanId id) {
  TRY_ASSIGN(SqlRows plans, database_->Query("SELECT client_id, episode_id FROM plans WHERE id = ?",
                                             {id.value()}));
  if (plans.empty()) return NotFound("plan " + std::to_string(id.value()) + " not found");
  Plan plan{id, ClientId(plans[0].Int(0)), EpisodeId(plans[0].Int(1)), {}};
  TRY_ASSIGN(SqlRows versions,
             database_->Query("SELECT version, content, reason, prompted_by_alert, "
                              "prompted_by_administration, client_feedback, created_by, "
                              "created_at FROM plan_versions WHERE plan_id = ? ORDER BY version",
                              {id.value()}));
  for (const SqlRow& row : versions) {
    PlanVersion version;
    version.version = row.Int(0);
    version.content = row.Text(1);
    version.reason = row.Text(2);
    if (!row.IsNull(3)) version.prompted_by.alert = AlertId(row.Int(3));
    if (!row.IsNull(4)) version.prompted_by.administration = AdministrationId(row.Int(4));
    version.prompted_by.client_feedback = row.Text(5);
    version.created_by = UserId(row.Int(6));
    version.created_at = ParseUtc(row.Text(7)).value_or(TimePoint{});
    TRY_ASSIGN(SqlRows signatures,
               database_->Query("SELECT user_id, role, signed_at FROM plan_sign_offs WHERE "
                                "plan_id = ? AND version = ? ORDER BY signed_at, user_id",
                                {id.value(), version.version}));
    for (const SqlRow& signature : signatures) {
      TRY_ASSIGN(SignOffRole role, ParseSignOffRole(signature.Text(1)));
      version.sign_offs.push_back(
          {UserId(signature.Int(0)), role, ParseUtc(signature.Text(2)).value_or(TimePoint{})});
    }
    TRY_ASSIGN(SqlRows agreements,
               database_->Query("SELECT recorded_by, agreement, recorded_at FROM "
                                "plan_recorded_agreements WHERE plan_id = ? AND version = ?",
                                {id.value(), version.version}));
    for (const SqlRow& agreement : agreements) {
      TRY_ASSIGN(AgreementGiven how, ParseAgreementGiven(agreement.Text(1)));
      version.sign_offs.push_back({UserId(agreement.Int(0)), SignOffRole::kClient,
                                   ParseUtc(agreement.Text(2)).value_or(TimePoint{}), how});
    }
    plan.versions.push_back(std::move(version));
  }
  TRY_ASSIGN(SqlRows changes,
             database_->Query("SELECT status, version, changed_by, changed_at, reason FROM "
                              "plan_status_changes WHERE plan_id = ? ORDER BY episode_sequence",
                              {id.value()}));
  for (const SqlRow& row : changes) {
    PlanStatusChange change;
    TRY_ASSIGN(change.status, ParsePlanStatus(row.Text(0)));
    change.version = row.Int(1);
    change.changed_by = UserId(row.IsNull(2) ? 0 : row.Int(2));
    change.changed_at = ParseUtc(row.Text(3)).value_or(TimePoint{});
    change.reason = row.Text(4);
    plan.status = change.status;
    plan.status_history.push_back(std::move(change));
  }
  return plan;
}

Result<Plan> SqlStore::GetPlan(const AccessContext& context, PlanId plan) {
  return Transact([&]() -> Result<Plan> {
    TRY_ASSIGN(ClientId client, RequireRecordAccess(context, "plans", plan.value(), "plan"));
    TRY(Audit(context, client, AuditAction::kRead, "plan", std::to_string(plan.value()),
              Sensitivity::kClinical));
    return LoadPlan(plan);
  });
}

Result<std::vector<Plan>> SqlStore::ListPlans(const AccessContext& context, ClientId client) {
  return Transact([&]() -> Result<std::vector<Plan>> {
    TRY(RequireClientAccess(context, client));
    TRY(Audit(context, client, AuditAction::kRead, "plan", "", Sensitivity::kClinical));
    TRY_ASSIGN(SqlRows rows, database_->Query("SELECT id FROM plans WHERE client_id = ? "
                                              "ORDER BY id",
                                              {client.value()}));
    std::vector<Plan> plans;
    for (const SqlRow& row : rows) {
      TRY_ASSIGN(Plan plan, LoadPlan(PlanId(row.Int(0))));
      plans.push_back(std::move(plan));
    }
    return plans;
  });
}

}  // namespace tessera::store
