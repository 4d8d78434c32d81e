// A client's own choices among a plan's offered options, recorded by the client account linked
// to the record (clinical-wiring, issue 7): a new plan version like RevisePlan's, but only for
// that account, and without prompting records. Staff record choices through RevisePlan.

#include "store/sql/sql_store.hpp"
#include "store/sql/time_text.hpp"

namespace tessera::store {

Result<std::int64_t> SqlStore::RecordOwnPlanChoices(const AccessContext& context, PlanId plan,
                                                    std::int64_t expected_version,
                                                    const PlanVersion& revision) {
  if (revision.content.empty()) return InvalidArgument("plan content: must not be empty");
  if (revision.reason.empty()) return InvalidArgument("plan reason: must not be empty");
  if (revision.prompted_by.alert || revision.prompted_by.administration) {
    return InvalidArgument("a client's choices are not prompted by alerts or administrations");
  }
  return Transact([&]() -> Result<std::int64_t> {
    TRY_ASSIGN(ClientId client, RequireRecordAccess(context, "plans", plan.value(), "plan"));
    TRY(RequireRole(context, {Role::kClient}, "record a client's own plan choices"));
    TRY_ASSIGN(SqlRows rows, database_->Query("SELECT MAX(version) FROM plan_versions WHERE "
                                              "plan_id = ?",
                                              {plan.value()}));
    const std::int64_t current = rows.at(0).Int(0);
    if (current != expected_version)
      return Conflict("plan " + std::to_string(plan.value()) + " is at version " +
                      std::to_string(current) + " but the choices were based on version " +
                      std::to_string(expected_version) + "; reload and retry");
    Status inserted = database_->Execute(
        "INSERT INTO plan_versions (plan_id, version, content, reason, prompted_by_alert, "
        "prompted_by_administration, client_feedback, created_by, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {plan.value(), current + 1, revision.content, revision.reason, SqlValue(), SqlValue(),
         revision.prompted_by.client_feedback, context.actor->value(), Now()});
    if (!inserted && inserted.error().code() == ErrorCode::kAlreadyExists)
      return Conflict("plan " + std::to_string(plan.value()) +
                      " was revised by someone else; reload and retry");
    TRY(inserted);
    TRY(Audit(context, client, AuditAction::kAmend, "plan",
              std::to_string(plan.value()) + "/v" + std::to_string(current + 1),
              Sensitivity::kClinical));
    return current + 1;
  });
}

}  // namespace tessera::store
