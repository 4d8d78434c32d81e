// A client's own choices among a plan's offered options, recorded by the client account linked
// to the record (clinical-wiring, issue 7): a new plan version like RevisePlan's, but only for
// that account, and without prompting records. Staff record choices through RevisePlan.

#include "store/sql/sql_store.hpp"

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
    return AppendPlanVersion(context, client, plan, expected_version, revision);
  });
}

}  // namespace tessera::store
