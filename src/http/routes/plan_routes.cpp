// Treatment plans: create with a strategy (the planner over the stored profile and therapists),
// list, view with every version, record the client's choices, sign off, accept an adaptation.
// A change based on a stale version is a 409 ("reload and retry"). A client account may list
// its own plans, read a version and sign it off as the client; the store reaches only the
// record linked to the account, so another client's plan is the same 404 as a missing one.
#include <nlohmann/json.hpp>

#include "app/plan_use_cases.hpp"
#include "core/records/names.hpp"
#include "http/json_body.hpp"
#include "http/openapi_schemas.hpp"
#include "http/routes/clinical_routes.hpp"
#include "http/routes/clinical_support.hpp"
#include "planner/plan_output.hpp"

namespace tessera::http {
namespace {

using nlohmann::json;

constexpr std::int64_t kMaxId = std::numeric_limits<std::int64_t>::max();

Result<app::CreatePlanRequest> ParseCreate(const HandlerContext& context) {
  const json& body = *context.body;
  TRY(RequireOnlyFields(body, {"episode_id", "strategy", "therapist_ids", "session_budget"}));
  app::CreatePlanRequest request;
  TRY_ASSIGN(const std::int64_t client, PathId(context.path_params, "client_id"));
  request.client = ClientId(client);
  TRY_ASSIGN(const std::int64_t episode, RequireInteger(body, "episode_id", 1, kMaxId));
  request.episode = EpisodeId(episode);
  TRY_ASSIGN(std::optional<std::string> strategy, OptionalString(body, "strategy"));
  if (strategy) request.strategy = *strategy;
  if (const auto therapists = body.find("therapist_ids"); therapists != body.end()) {
    if (!therapists->is_array()) return InvalidArgument("field 'therapist_ids' must be an array");
    for (const json& therapist : *therapists) {
      if (!therapist.is_string()) {
        return InvalidArgument("field 'therapist_ids' must hold therapist id strings");
      }
      request.therapists.push_back(TherapistId(therapist.get<std::string>()));
    }
  }
  // The limit is the one the document states (src/http/schemas/CreatePlanRequest.json).
  static const IntegerRange kBudget = SchemaIntegerRange("CreatePlanRequest", "session_budget");
  TRY_ASSIGN(std::optional<std::int64_t> budget,
             OptionalInteger(body, "session_budget", kBudget.minimum, kBudget.maximum));
  if (budget) request.session_budget = static_cast<int>(*budget);
  return request;
}

Result<app::ChoicesRequest> ParseChoices(const HandlerContext& context) {
  const json& body = *context.body;
  TRY(RequireOnlyFields(body, {"expected_version", "choices", "declined"}));
  app::ChoicesRequest request;
  TRY_ASSIGN(const std::int64_t plan, PathId(context.path_params, "plan_id"));
  request.plan = PlanId(plan);
  TRY_ASSIGN(request.expected_version, RequireInteger(body, "expected_version", 1, kMaxId));
  const auto choices = body.find("choices");
  if (choices == body.end() || !choices->is_object()) {
    return InvalidArgument("field 'choices' must be an object of decision -> option");
  }
  for (const auto& [decision, option] : choices->items()) {
    if (!option.is_string()) {
      return InvalidArgument("choices." + decision + " must be a string (an offered option)");
    }
    request.choices[decision] = option.get<std::string>();
  }
  if (const auto declined = body.find("declined"); declined != body.end()) {
    if (!declined->is_array())
      return InvalidArgument("field 'declined' must be an array of technique ids");
    for (const json& technique : *declined) {
      if (!technique.is_string())
        return InvalidArgument("field 'declined' must hold technique id strings");
      request.declined.push_back(technique.get<std::string>());
    }
  }
  return request;
}

Result<app::AdaptationRequest> ParseAdaptation(const HandlerContext& context) {
  const json& body = *context.body;
  TRY(RequireOnlyFields(body, {"expected_version", "proposal_id", "proposal", "alert_id",
                               "administration_id", "client_feedback", "override_reason"}));
  app::AdaptationRequest request;
  TRY_ASSIGN(const std::int64_t plan, PathId(context.path_params, "plan_id"));
  request.plan = PlanId(plan);
  TRY_ASSIGN(request.expected_version, RequireInteger(body, "expected_version", 1, kMaxId));
  TRY_ASSIGN(auto proposal_id, OptionalString(body, "proposal_id"));
  request.proposal_id = proposal_id.value_or("");
  const auto proposal = body.find("proposal");
  if (proposal_id && proposal != body.end()) {
    return InvalidArgument("give either 'proposal_id' (the monitor's) or 'proposal' (your own)");
  }
  if (!proposal_id) {
    if (proposal == body.end() || !proposal->is_object()) {
      return InvalidArgument(
          "field 'proposal' must be an object with 'kind' and 'summary' "
          "(or give the monitor's 'proposal_id')");
    }
    TRY(RequireOnlyFields(*proposal,
                          {"kind", "summary", "rationale", "change", "phase", "technique"}));
    TRY_ASSIGN(request.proposal.kind, RequireString(*proposal, "kind"));
    TRY_ASSIGN(request.proposal.summary, RequireString(*proposal, "summary"));
    TRY_ASSIGN(auto rationale, OptionalString(*proposal, "rationale"));
    request.proposal.rationale = rationale.value_or("");
    TRY_ASSIGN(auto change, OptionalString(*proposal, "change"));
    request.proposal.change = change.value_or("");
    TRY_ASSIGN(auto phase, OptionalString(*proposal, "phase"));
    request.proposal.phase = phase.value_or("");
    TRY_ASSIGN(auto technique, OptionalString(*proposal, "technique"));
    request.proposal.technique = technique.value_or("");
  }
  TRY_ASSIGN(auto override_reason, OptionalString(body, "override_reason"));
  request.override_reason = override_reason.value_or("");
  TRY_ASSIGN(auto alert, OptionalInteger(body, "alert_id", 1, kMaxId));
  if (alert) request.alert = AlertId(*alert);
  TRY_ASSIGN(auto administration, OptionalInteger(body, "administration_id", 1, kMaxId));
  if (administration) request.administration = AdministrationId(*administration);
  TRY_ASSIGN(auto feedback, OptionalString(body, "client_feedback"));
  request.client_feedback = feedback.value_or("");
  return request;
}

Result<SignOffRole> ParseSignOffRole(const std::string& role) {
  if (role == "clinician") return SignOffRole::kClinician;
  if (role == "client") return SignOffRole::kClient;
  if (role == "supervisor") return SignOffRole::kSupervisor;
  return InvalidArgument("field 'role' must be one of clinician, client, supervisor");
}

Result<Response> SignOff(const ClinicalRouteDeps& deps, const HandlerContext& context) {
  const json& body = *context.body;
  TRY(RequireOnlyFields(body, {"version", "role", "agreement"}));
  TRY_ASSIGN(const PlanContentDetail detail, ParsePlanContentDetail(context));
  TRY_ASSIGN(const std::int64_t plan_id, PathId(context.path_params, "plan_id"));
  TRY_ASSIGN(const std::int64_t version, RequireInteger(body, "version", 1, kMaxId));
  TRY_ASSIGN(const std::string role_name, RequireString(body, "role"));
  TRY_ASSIGN(const SignOffRole role, ParseSignOffRole(role_name));
  TRY_ASSIGN(const std::optional<std::string> agreement_name, OptionalString(body, "agreement"));
  const bool client_account = context.principal->role == Role::kClient;
  if (client_account && role != SignOffRole::kClient) {
    return PermissionDenied("a client account signs a plan off only as 'client', not as '" +
                            role_name + "'");
  }
  // Staff record the client's agreement on the client's behalf, saying how it was given; the
  // client's own account signs without one.
  std::optional<AgreementGiven> agreement;
  if (client_account && agreement_name) {
    return InvalidArgument(
        "field 'agreement': a client account signs for itself; 'agreement' "
        "is for staff recording the client's agreement on their behalf");
  }
  if (!client_account && role == SignOffRole::kClient) {
    if (!agreement_name) {
      return InvalidArgument(
          "field 'agreement' is required when staff record the client's "
          "agreement (role 'client'): one of in_session, by_phone, in_writing");
    }
    auto parsed = ParseAgreementGiven(*agreement_name);
    if (!parsed || *parsed == AgreementGiven::kOwnAccount) {
      return InvalidArgument("field 'agreement' must be one of in_session, by_phone, in_writing");
    }
    agreement = *parsed;
  } else if (agreement_name) {
    return InvalidArgument(
        "field 'agreement' applies only to the client's agreement "
        "(role 'client')");
  }
  auto lease = deps.stores.Acquire();
  Store& store = *lease;
  Plan plan;
  TRY(store.Atomically([&]() -> Status {
    if (agreement) {
      TRY(store.RecordClientAgreement(ContextOf(context), PlanId(plan_id), version, *agreement));
    } else {
      TRY(store.SignOffPlan(ContextOf(context), PlanId(plan_id), version, role));
    }
    TRY_ASSIGN(plan, store.GetPlan(ContextOf(context), PlanId(plan_id)));
    return Ok();
  }));
  return JsonOk(PlanJson(plan, PlanDetail::kAllVersions, PlanAudienceOf(context), detail), 201);
}

Result<Response> Discard(const ClinicalRouteDeps& deps, const HandlerContext& context) {
  const json& body = *context.body;
  TRY(RequireOnlyFields(body, {"reason"}));
  TRY_ASSIGN(const PlanContentDetail detail, ParsePlanContentDetail(context));
  TRY_ASSIGN(const std::int64_t plan_id, PathId(context.path_params, "plan_id"));
  TRY_ASSIGN(const std::string reason, RequireString(body, "reason"));
  auto lease = deps.stores.Acquire();
  Store& store = *lease;
  Plan plan;
  TRY(store.Atomically([&]() -> Status {
    TRY(store.DiscardPlan(ContextOf(context), PlanId(plan_id), reason));
    TRY_ASSIGN(plan, store.GetPlan(ContextOf(context), PlanId(plan_id)));
    return Ok();
  }));
  return JsonOk(PlanJson(plan, PlanDetail::kAllVersions, PlanAudience::kStaff, detail));
}

// The version named by the path of a plan the caller may read (404 for a missing one).
Result<PlanVersion> FindVersion(const ClinicalRouteDeps& deps, const HandlerContext& context) {
  TRY_ASSIGN(const std::int64_t plan_id, PathId(context.path_params, "plan_id"));
  TRY_ASSIGN(const std::int64_t number, PathId(context.path_params, "version"));
  auto lease = deps.stores.Acquire();
  TRY_ASSIGN(Plan plan, lease->GetPlan(ContextOf(context), PlanId(plan_id)));
  for (PlanVersion& version : plan.versions) {
    if (version.version == number) return std::move(version);
  }
  return NotFound("plan " + std::to_string(plan_id) + " has no version " + std::to_string(number));
}

}  // namespace

Status AddPlanRoutes(RouteTable& table, const ClinicalRouteDeps& deps) {
  const std::vector<Role> staff = {Role::kAdmin, Role::kClinician, Role::kSupervisor};
  const std::vector<Role> clinicians = {Role::kClinician, Role::kSupervisor};
  const std::vector<Role> staff_and_client = {Role::kAdmin, Role::kClinician, Role::kSupervisor,
                                              Role::kClient};
  const std::vector<Role> signers = {Role::kClinician, Role::kSupervisor, Role::kClient};
  TRY(table.Add(
      {.method = Method::kPost,
       .pattern = "/api/v1/clients/{client_id}/plans",
       .roles = clinicians,
       .summary = "Make a plan with a strategy from the stored profile and therapists",
       .body = RequestBody::kJson,
       .handler = [deps](const HandlerContext& context) -> Result<Response> {
         TRY_ASSIGN(app::CreatePlanRequest request, ParseCreate(context));
         TRY_ASSIGN(const PlanContentDetail detail, ParsePlanContentDetail(context));
         auto lease = deps.stores.Acquire();
         TRY_ASSIGN(Plan plan, app::CreateTreatmentPlan(*lease, ContextOf(context), deps.library,
                                                        deps.clock, request));
         return JsonOk(PlanJson(plan, PlanDetail::kAllVersions, PlanAudience::kStaff, detail), 201);
       },
       .request_schema = "CreatePlanRequest",
       .responses = {Reply(201, "Plan")},
       .query = {PlanDetailQuery()}}));
  TRY(table.Add({.method = Method::kGet,
                 .pattern = "/api/v1/clients/{client_id}/plans",
                 .roles = staff_and_client,
                 .summary = "A client's plans with their current version (paged)",
                 .handler = [deps](const HandlerContext& context) -> Result<Response> {
                   TRY_ASSIGN(const std::int64_t client, PathId(context.path_params, "client_id"));
                   TRY(ParsePageRequest(context.target.query, deps.pages));
                   auto lease = deps.stores.Acquire();
                   TRY_ASSIGN(std::vector<Plan> plans,
                              lease->ListPlans(ContextOf(context), ClientId(client)));
                   json all = json::array();
                   for (const Plan& plan : plans)
                     all.push_back(PlanJson(plan, PlanDetail::kSummary));
                   return PagedList(all, context, deps.pages);
                 },
                 .responses = {PagedReply("PlanSummary")},
                 .query = PageQuery()}));
  TRY(table.Add({.method = Method::kGet,
                 .pattern = "/api/v1/plans/{plan_id}",
                 .roles = staff,
                 .summary = "One plan with every version, its reasons, prompts and sign-offs",
                 .handler = [deps](const HandlerContext& context) -> Result<Response> {
                   TRY_ASSIGN(const std::int64_t plan_id, PathId(context.path_params, "plan_id"));
                   TRY_ASSIGN(const PlanContentDetail detail, ParsePlanContentDetail(context));
                   auto lease = deps.stores.Acquire();
                   TRY_ASSIGN(Plan plan, lease->GetPlan(ContextOf(context), PlanId(plan_id)));
                   return JsonOk(
                       PlanJson(plan, PlanDetail::kAllVersions, PlanAudience::kStaff, detail));
                 },
                 .responses = {Reply(200, "Plan")},
                 .query = {PlanDetailQuery()}}));
  TRY(table.Add({.method = Method::kGet,
                 .pattern = "/api/v1/plans/{plan_id}/versions",
                 .roles = staff,
                 .summary = "A plan's versions, oldest first (paged)",
                 .handler = [deps](const HandlerContext& context) -> Result<Response> {
                   TRY_ASSIGN(const std::int64_t plan_id, PathId(context.path_params, "plan_id"));
                   TRY(ParsePageRequest(context.target.query, deps.pages));
                   TRY_ASSIGN(const PlanContentDetail detail, ParsePlanContentDetail(context));
                   auto lease = deps.stores.Acquire();
                   TRY_ASSIGN(Plan plan, lease->GetPlan(ContextOf(context), PlanId(plan_id)));
                   json all = json::array();
                   for (const PlanVersion& version : plan.versions)
                     all.push_back(PlanVersionJson(version, PlanAudience::kStaff, detail));
                   return PagedList(all, context, deps.pages);
                 },
                 .responses = {PagedReply("PlanVersion")},
                 .query = PageQuery({PlanDetailQuery()})}));
  TRY(table.Add({.method = Method::kGet,
                 .pattern = "/api/v1/plans/{plan_id}/versions/{version}",
                 .roles = staff_and_client,
                 .summary = "One version of a plan",
                 .handler = [deps](const HandlerContext& context) -> Result<Response> {
                   TRY_ASSIGN(const PlanContentDetail detail, ParsePlanContentDetail(context));
                   TRY_ASSIGN(const PlanVersion version, FindVersion(deps, context));
                   return JsonOk(PlanVersionJson(version, PlanAudienceOf(context), detail));
                 },
                 .responses = {Reply(200, "PlanVersion")},
                 .query = {PlanDetailQuery()}}));
  TRY(table.Add({.method = Method::kGet,
                 .pattern = "/api/v1/plans/{plan_id}/versions/{version}/text",
                 .roles = staff,
                 .summary = "One version of a plan as text for a person to read (the format of "
                            "`tessera plan`), with the version's reason",
                 .handler = [deps](const HandlerContext& context) -> Result<Response> {
                   TRY_ASSIGN(const PlanVersion version, FindVersion(deps, context));
                   TRY_ASSIGN(const std::string text,
                              planner::PlanContentToText(version.content, deps.library.catalog));
                   Response response;
                   response.content_type = "text/plain; charset=utf-8";
                   response.body = "Version " + std::to_string(version.version) + ": " +
                                   version.reason + "\n\n" + text;
                   return response;
                 },
                 .responses = {Reply(200, R"({"type": "string"})")},
                 .response_media_type = "text/plain"}));
  TRY(table.Add(
      {.method = Method::kPost,
       .pattern = "/api/v1/plans/{plan_id}/choices",
       .roles = signers,
       .summary = "Record the client's choices among the offered options (new version; "
                  "a client account: its own plan)",
       .body = RequestBody::kJson,
       .handler = [deps](const HandlerContext& context) -> Result<Response> {
         TRY_ASSIGN(app::ChoicesRequest request, ParseChoices(context));
         TRY_ASSIGN(const PlanContentDetail detail, ParsePlanContentDetail(context));
         if (context.principal->role == Role::kClient) {
           request.by = app::ChoicesBy::kClientThemselves;
         }
         auto lease = deps.stores.Acquire();
         TRY_ASSIGN(Plan plan, app::RecordClientChoices(*lease, ContextOf(context), deps.library,
                                                        deps.clock, request));
         return JsonOk(PlanJson(plan, PlanDetail::kAllVersions, PlanAudienceOf(context), detail),
                       201);
       },
       .request_schema = "PlanChoicesRequest",
       .responses = {Reply(201, "Plan")},
       .query = {PlanDetailQuery()}}));
  TRY(table.Add(
      {.method = Method::kPost,
       .pattern = "/api/v1/plans/{plan_id}/sign-offs",
       .roles = signers,
       .summary = "Sign a plan version off as clinician, supervisor or client (a client "
                  "account: its own plan, as client only)",
       .body = RequestBody::kJson,
       .handler = [deps](const HandlerContext& context) { return SignOff(deps, context); },
       .request_schema = "PlanSignOffRequest",
       .responses = {Reply(201, "Plan")},
       .query = {PlanDetailQuery()}}));
  TRY(table.Add(
      {.method = Method::kPost,
       .pattern = "/api/v1/plans/{plan_id}/discard",
       .roles = clinicians,
       .summary = "Discard a draft plan, with the reason (an active or superseded plan "
                  "cannot be discarded: 409)",
       .body = RequestBody::kJson,
       .handler = [deps](const HandlerContext& context) { return Discard(deps, context); },
       .request_schema = "DiscardPlanRequest",
       .responses = {Reply(200, "Plan")},
       .query = {PlanDetailQuery()}}));
  TRY(table.Add(
      {.method = Method::kPost,
       .pattern = "/api/v1/plans/{plan_id}/adaptations",
       .roles = clinicians,
       .summary = "Accept a monitor's adaptation proposal (new version naming its prompt)",
       .body = RequestBody::kJson,
       .handler = [deps](const HandlerContext& context) -> Result<Response> {
         TRY_ASSIGN(app::AdaptationRequest request, ParseAdaptation(context));
         TRY_ASSIGN(const PlanContentDetail detail, ParsePlanContentDetail(context));
         auto lease = deps.stores.Acquire();
         TRY_ASSIGN(Plan plan, app::AcceptAdaptation(*lease, ContextOf(context), deps.library,
                                                     deps.clock, deps.monitor, request));
         return JsonOk(PlanJson(plan, PlanDetail::kAllVersions, PlanAudience::kStaff, detail), 201);
       },
       .request_schema = "PlanAdaptationRequest",
       .responses = {Reply(201, "Plan")},
       .query = {PlanDetailQuery()}}));
  return Ok();
}

}  // namespace tessera::http
