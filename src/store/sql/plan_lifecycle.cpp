// The plan lifecycle (issue 14): draft -> active -> superseded, or draft -> discarded. A
// status is the plan's latest row in plan_status_changes; every change of an episode's plans
// takes the episode's next sequence number, so activating a plan and superseding the one it
// replaces commit together or not at all, and two concurrent activations cannot both commit.

#include "core/records/names.hpp"
#include "store/sql/sql_store.hpp"

namespace tessera::store {

Result<std::pair<PlanStatus, EpisodeId>> SqlStore::PlanStatusOf(PlanId plan) {
  TRY_ASSIGN(SqlRows rows,
             database_->Query("SELECT p.episode_id, (SELECT s.status FROM plan_status_changes s "
                              "WHERE s.plan_id = p.id ORDER BY s.episode_sequence DESC LIMIT 1) "
                              "FROM plans p WHERE p.id = ?",
                              {plan.value()}));
  if (rows.empty()) return NotFound("plan " + std::to_string(plan.value()) + " not found");
  PlanStatus status = PlanStatus::kDraft;
  if (!rows[0].IsNull(1)) {
    TRY_ASSIGN(status, ParsePlanStatus(rows[0].Text(1)));
  }
  return std::pair{status, EpisodeId(rows[0].Int(0))};
}

Status SqlStore::RequireOpenPlan(PlanId plan) {
  TRY_ASSIGN(auto status, PlanStatusOf(plan));
  if (status.first == PlanStatus::kSuperseded || status.first == PlanStatus::kDiscarded) {
    return Conflict("plan " + std::to_string(plan.value()) + " is " +
                    std::string(Name(status.first)) +
                    "; it can no longer change (make a new plan or work on the active one)");
  }
  // Nothing changes in a closed episode until it is reopened (issue 16).
  return RequireEpisodeOpen(status.second.value());
}

Status SqlStore::AppendPlanStatus(const AccessContext& context, PlanId plan, EpisodeId episode,
                                  PlanStatus status, std::int64_t version,
                                  const std::string& reason) {
  TRY_ASSIGN(SqlRows rows, database_->Query("SELECT MAX(episode_sequence) FROM "
                                            "plan_status_changes WHERE episode_id = ?",
                                            {episode.value()}));
  const std::int64_t next = rows.empty() || rows[0].IsNull(0) ? 1 : rows[0].Int(0) + 1;
  Status inserted = database_->Execute(
      "INSERT INTO plan_status_changes (episode_id, episode_sequence, plan_id, status, version, "
      "changed_by, changed_at, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {episode.value(), next, plan.value(), std::string(Name(status)), version,
       context.actor->value(), Now(), reason});
  if (!inserted && inserted.error().code() == ErrorCode::kAlreadyExists)
    return Conflict("the plans of episode " + std::to_string(episode.value()) +
                    " changed status at the same time; reload and retry");
  return inserted;
}

Status SqlStore::ActivateIfAgreed(const AccessContext& context, ClientId client, PlanId plan_id,
                                  std::int64_t version) {
  TRY_ASSIGN(auto status, PlanStatusOf(plan_id));
  if (status.first != PlanStatus::kDraft) return Ok();
  TRY_ASSIGN(Plan plan, LoadPlan(plan_id));
  if (plan.versions.empty() || plan.versions.back().version != version ||
      !AgreedByBoth(plan.versions.back()))
    return Ok();
  const EpisodeId episode = status.second;
  TRY_ASSIGN(SqlRows active,
             database_->Query("SELECT s.plan_id FROM plan_status_changes s WHERE "
                              "s.episode_id = ? AND s.status = 'active' AND "
                              "s.episode_sequence = (SELECT MAX(t.episode_sequence) FROM "
                              "plan_status_changes t WHERE t.plan_id = s.plan_id) "
                              "ORDER BY s.plan_id",
                              {episode.value()}));
  for (const SqlRow& row : active) {
    const PlanId replaced(row.Int(0));
    TRY_ASSIGN(Plan old_plan, LoadPlan(replaced));
    TRY(AppendPlanStatus(context, replaced, episode, PlanStatus::kSuperseded,
                         old_plan.versions.back().version,
                         "superseded by plan " + std::to_string(plan_id.value())));
    TRY(Audit(context, client, AuditAction::kAmend, "plan_status", std::to_string(replaced.value()),
              Sensitivity::kClinical));
  }
  TRY(AppendPlanStatus(context, plan_id, episode, PlanStatus::kActive, version,
                       "signed by a clinician and agreed by the client"));
  return Audit(context, client, AuditAction::kAmend, "plan_status", std::to_string(plan_id.value()),
               Sensitivity::kClinical);
}

Status SqlStore::RecordClientAgreement(const AccessContext& context, PlanId plan,
                                       std::int64_t version, AgreementGiven how) {
  if (how == AgreementGiven::kOwnAccount)
    return InvalidArgument(
        "agreement: a client's own account signs the plan itself; staff "
        "record how the client agreed (in_session, by_phone, in_writing)");
  return Transact([&]() -> Status {
    TRY_ASSIGN(ClientId client, RequireRecordAccess(context, "plans", plan.value(), "plan"));
    TRY(RequireRole(context, {Role::kClinician, Role::kSupervisor},
                    "record a client's agreement on their behalf"));
    TRY(RequireOpenPlan(plan));
    Status inserted = database_->Execute(
        "INSERT INTO plan_recorded_agreements (plan_id, version, recorded_by, agreement, "
        "recorded_at) VALUES (?, ?, ?, ?, ?)",
        {plan.value(), version, context.actor->value(), std::string(Name(how)), Now()});
    if (!inserted && inserted.error().code() == ErrorCode::kNotFound)
      return NotFound("plan " + std::to_string(plan.value()) + " has no version " +
                      std::to_string(version));
    if (!inserted && inserted.error().code() == ErrorCode::kAlreadyExists)
      return AlreadyExists("the client's agreement to version " + std::to_string(version) +
                           " of plan " + std::to_string(plan.value()) + " is already recorded");
    TRY(inserted);
    TRY(Audit(context, client, AuditAction::kSignOff, "plan",
              std::to_string(plan.value()) + "/v" + std::to_string(version) + "/client",
              Sensitivity::kClinical));
    return ActivateIfAgreed(context, client, plan, version);
  });
}

Status SqlStore::DiscardPlan(const AccessContext& context, PlanId plan, const std::string& reason) {
  if (reason.empty()) return InvalidArgument("reason: say why the draft is discarded");
  return Transact([&]() -> Status {
    TRY_ASSIGN(ClientId client, RequireRecordAccess(context, "plans", plan.value(), "plan"));
    TRY(RequireRole(context, {Role::kClinician, Role::kSupervisor}, "discard plans"));
    TRY_ASSIGN(auto status, PlanStatusOf(plan));
    if (status.first != PlanStatus::kDraft)
      return Conflict("plan " + std::to_string(plan.value()) + " is " +
                      std::string(Name(status.first)) + "; only a draft can be discarded");
    TRY(RequireEpisodeOpen(status.second.value()));
    TRY_ASSIGN(SqlRows rows, database_->Query("SELECT MAX(version) FROM plan_versions WHERE "
                                              "plan_id = ?",
                                              {plan.value()}));
    TRY(AppendPlanStatus(context, plan, status.second, PlanStatus::kDiscarded, rows.at(0).Int(0),
                         reason));
    return Audit(context, client, AuditAction::kAmend, "plan_status", std::to_string(plan.value()),
                 Sensitivity::kClinical);
  });
}

}  // namespace tessera::store
