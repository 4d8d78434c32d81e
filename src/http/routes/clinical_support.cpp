#include "http/routes/clinical_support.hpp"

#include "core/records/names.hpp"
#include "http/error_response.hpp"
#include "http/json_body.hpp"
#include "http/routes/alert_json.hpp"
#include "json/object.hpp"
#include "planner/plan_output.hpp"

namespace tessera::http {
namespace {

using nlohmann::json;

std::string_view SignOffRoleName(SignOffRole role) {
  switch (role) {
    case SignOffRole::kClinician:
      return "clinician";
    case SignOffRole::kClient:
      return "client";
    case SignOffRole::kSupervisor:
      return "supervisor";
  }
  return "clinician";
}

json OptionalId(const auto& id) { return id ? json(id->value()) : json(nullptr); }

}  // namespace

AccessContext ContextOf(const HandlerContext& context) {
  return AccessContext::For(context.principal->user_id);
}

Result<std::optional<std::string>> OptionalString(const json& object, std::string_view field) {
  return JsonObject::View(object).NullableString(field);
}

Result<Response> PagedList(const json& all, const HandlerContext& context,
                           const PageLimits& limits) {
  TRY_ASSIGN(PageRequest page, ParsePageRequest(context.target.query, limits));
  json window = json::array();
  for (std::size_t index = page.offset; index < all.size() && index <= page.offset + page.limit;
       ++index) {
    window.push_back(all[index]);
  }
  return JsonOk(PageResponse(std::move(window), page));
}

Response JsonOk(const json& body, int status) { return JsonResponse(status, DumpJson(body)); }

json AdministrationJson(const MeasureAdministration& administration) {
  json answers = json::array();
  for (const ItemAnswer& answer : administration.answers) {
    answers.push_back(
        {{"item", answer.item}, {"value", answer.value ? json(*answer.value) : json(nullptr)}});
  }
  return {{"id", administration.id.value()},
          {"client_id", administration.client.value()},
          {"session_id", OptionalId(administration.session)},
          {"instrument", administration.instrument.value()},
          {"administered_at", FormatUtc(administration.administered_at)},
          {"answers", std::move(answers)},
          {"total", administration.total ? json(*administration.total) : json(nullptr)},
          {"band", administration.band},
          {"subscales", administration.subscales},
          {"flags", administration.flags},
          {"supersedes", OptionalId(administration.supersedes)},
          {"submitted_at", FormatUtc(administration.submitted_at)},
          {"entry", administration.entry == AdministrationEntry::kVoid ? "void" : "measure"},
          {"reason", administration.reason}};
}

PlanAudience PlanAudienceOf(const HandlerContext& context) {
  return context.principal && context.principal->role == Role::kClient ? PlanAudience::kClient
                                                                       : PlanAudience::kStaff;
}

QueryParameter PlanDetailQuery() {
  return {"detail",
          "summary (default: phases, techniques with a one-line why, goals, choices, gaps, "
          "referrals) or full (the planner's whole document: every fit component, every "
          "excluded technique with its reason, the explanation)"};
}

Result<PlanContentDetail> ParsePlanContentDetail(const HandlerContext& context) {
  const auto detail = context.target.query.find("detail");
  if (detail == context.target.query.end() || detail->second == "summary")
    return PlanContentDetail::kSummary;
  if (detail->second == "full") return PlanContentDetail::kFull;
  return InvalidArgument("query parameter 'detail' must be summary or full");
}

json PlanVersionJson(const PlanVersion& version, PlanAudience audience, PlanContentDetail detail) {
  json sign_offs = json::array();
  for (const PlanSignOff& sign_off : version.sign_offs) {
    // `agreement`: own_account for a signature; for the client's agreement recorded by
    // staff on the client's behalf, how it was given (user_id is then the recorder).
    sign_offs.push_back({{"user_id", sign_off.user.value()},
                         {"role", SignOffRoleName(sign_off.role)},
                         {"signed_at", FormatUtc(sign_off.signed_at)},
                         {"agreement", Name(sign_off.agreement)}});
  }
  // A summary that cannot be made (content that is not a plan document) falls back to the
  // stored text, as the full view does for unparsable content.
  const Result<std::string> summary = detail == PlanContentDetail::kSummary
                                          ? planner::PlanContentSummary(version.content)
                                          : Result<std::string>(version.content);
  json content = json::parse(summary ? *summary : version.content, nullptr,
                             /*allow_exceptions=*/false);
  json prompted_by = {{"client_feedback", version.prompted_by.client_feedback}};
  if (audience == PlanAudience::kStaff) {
    prompted_by["alert_id"] = OptionalId(version.prompted_by.alert);
    prompted_by["administration_id"] = OptionalId(version.prompted_by.administration);
  }
  return {{"version", version.version},
          {"reason", version.reason},
          {"prompted_by", std::move(prompted_by)},
          {"created_by", version.created_by.value()},
          {"created_at", FormatUtc(version.created_at)},
          {"sign_offs", std::move(sign_offs)},
          {"content", content.is_discarded() ? json(version.content) : std::move(content)}};
}

json PlanJson(const Plan& plan, PlanDetail detail, PlanAudience audience,
              PlanContentDetail content) {
  json body = {{"id", plan.id.value()},
               {"client_id", plan.client.value()},
               {"episode_id", plan.episode.value()},
               {"current_version", plan.versions.empty() ? 0 : plan.versions.back().version},
               {"status", Name(plan.status)}};
  json history = json::array();
  for (const PlanStatusChange& change : plan.status_history) {
    history.push_back({{"status", Name(change.status)},
                       {"version", change.version},
                       {"changed_by", change.changed_by.value()},
                       {"changed_at", FormatUtc(change.changed_at)},
                       {"reason", change.reason}});
  }
  body["status_history"] = std::move(history);
  if (detail == PlanDetail::kAllVersions) {
    json versions = json::array();
    for (const PlanVersion& version : plan.versions)
      versions.push_back(PlanVersionJson(version, audience, content));
    body["versions"] = std::move(versions);
  } else if (!plan.versions.empty()) {
    body["current_reason"] = plan.versions.back().reason;
  }
  return body;
}

json ProposalsJson(const std::vector<app::AdaptationProposal>& proposals) {
  json all = json::array();
  for (const app::AdaptationProposal& proposal : proposals) {
    all.push_back({{"id", proposal.id},
                   {"kind", proposal.kind},
                   {"change", proposal.change},
                   {"phase", proposal.phase},
                   {"technique", proposal.technique},
                   {"summary", proposal.summary},
                   {"rationale", proposal.rationale}});
  }
  return all;
}

json SubmissionJson(const app::SubmissionResult& result, const app::EpisodeMonitor* monitor) {
  json score = nullptr;
  if (result.score) {
    json subscales = json::object();
    for (const auto& subscale : result.score->subscales) subscales[subscale.id] = subscale.score;
    json flags = json::array();
    for (const auto& flag : result.score->flags) {
      flags.push_back({{"id", flag.id}, {"message", flag.message}, {"item", flag.item}});
    }
    score = {{"answered", result.score->answered},
             {"item_count", result.score->item_count},
             {"prorated", result.score->prorated},
             {"subscales", std::move(subscales)},
             {"flags", std::move(flags)}};
    if (result.score->screening) {
      // Provisional screening results (PHQ-9, PCL-5): only the rules met, with the caution
      // that they are not diagnoses.
      json positive = json::array();
      for (const auto& met : result.score->screening->positive) {
        positive.push_back({{"id", met.id}, {"label", met.label}});
      }
      score["screening"] = {{"symptoms", result.score->screening->symptoms},
                            {"provisional_results", std::move(positive)},
                            {"caution", result.score->screening->caution}};
    }
  }
  json alerts = json::array();
  for (const auto& alert : result.alerts) {
    alerts.push_back(RaisedAlertJson(alert, monitor));
  }
  json proposals = ProposalsJson(result.monitoring.proposals);
  const app::MonitoringOutcome& monitoring = result.monitoring;
  const auto optional_number = [](const std::optional<double>& value) {
    return value ? json(*value) : json(nullptr);
  };
  json projected_end = nullptr;
  if (monitoring.projected_end) {
    const app::ProjectedEndDraft& end = *monitoring.projected_end;
    projected_end = {{"session", end.session},
                     {"expected", end.expected},
                     {"low", end.low},
                     {"high", end.high},
                     {"improvement", end.improvement},
                     {"required_improvement", end.required}};
  }
  const auto empty_as_null = [](const std::string& text) {
    return text.empty() ? json(nullptr) : json(text);
  };
  return {{"administration_id", result.administration.value()},
          {"episode_id", result.episode.value()},
          {"total", result.total ? json(*result.total) : json(nullptr)},
          {"band", result.band},
          {"score", std::move(score)},
          {"monitoring",
           {{"status", monitoring.status},
            {"detail", monitoring.detail},
            {"method", empty_as_null(monitoring.method)},
            {"not_on_track_rule", empty_as_null(monitoring.not_on_track_rule)},
            {"expected", optional_number(monitoring.expected)},
            {"band_low", optional_number(monitoring.band_low)},
            {"band_high", optional_number(monitoring.band_high)},
            {"projected_end", std::move(projected_end)},
            {"expected_model", empty_as_null(monitoring.expected_model)},
            {"proposals", std::move(proposals)}}},
          {"alerts", std::move(alerts)}};
}

}  // namespace tessera::http
