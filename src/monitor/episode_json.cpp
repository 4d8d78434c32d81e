// Episode file parsing and report rendering for `tessera monitor` (and the HTTP API).

#include "monitor/episode_json.hpp"

#include <limits>
#include <nlohmann/json.hpp>

#include "json/object.hpp"
#include "monitor/proposal_json.hpp"
#include "planner/plan_content.hpp"
#include "planner/profile.hpp"

namespace tessera::monitor {
namespace {

using Json = nlohmann::ordered_json;

// Episode files are read through the one JSON layer (src/json): "<path>: <rule>" messages.

Result<MeasureInput> ParseMeasure(const JsonObject& value) {
  MeasureInput measure;
  TRY_ASSIGN(measure.instrument, value.String("instrument"));
  if (value.Has("answers")) {
    TRY_ASSIGN(JsonArray answers, value.Array("answers", JsonPresence::kNonEmpty));
    for (std::size_t item = 0; item < answers.size(); ++item) {
      if (answers[item].is_null()) {
        measure.answers.emplace_back();
        continue;
      }
      if (!answers[item].is_number()) return answers.Fail(item, "expected a number or null");
      TRY_ASSIGN(double answer, answers.Number(item));
      measure.answers.emplace_back(answer);
    }
  }
  TRY_ASSIGN(measure.total, value.OptionalNumber("total"));
  if (measure.answers.empty() && !measure.total)
    return value.Fail("", "give \"answers\" (item answers) or a \"total\"");
  return measure;
}

Result<std::vector<MeasureInput>> ParseMeasures(const JsonObject& parent, std::string_view key) {
  TRY_ASSIGN(JsonArray list, parent.Array(key));
  std::vector<MeasureInput> measures;
  for (std::size_t index = 0; index < list.size(); ++index) {
    TRY_ASSIGN(JsonObject measure, list.Object(index, {"instrument", "answers", "total"}));
    TRY_ASSIGN(MeasureInput parsed, ParseMeasure(measure));
    measures.push_back(std::move(parsed));
  }
  return measures;
}

Result<SessionInput> ParseSession(const JsonObject& value) {
  SessionInput session;
  TRY_ASSIGN(session.number, value.Integer("number", 1, std::numeric_limits<int>::max()));
  TRY_ASSIGN(session.date, value.OptionalString("date"));
  TRY_ASSIGN(std::optional<bool> attended, value.OptionalBool("attended"));
  if (attended) session.attendance = *attended ? Attendance::kAttended : Attendance::kDidNotAttend;
  if (value.Has("attendance")) {
    TRY_ASSIGN(std::string word, value.String("attendance"));
    const std::optional<Attendance> attendance = ParseAttendanceWord(word);
    if (!attendance) {
      return value.Fail("attendance", "'" + word + "' is not one of " +
                                          AllowedWords(kAttendanceWords) + ", " +
                                          AllowedWords(kEpisodeFileAttendanceWords));
    }
    session.attendance = *attendance;
  }
  TRY_ASSIGN(session.measures, ParseMeasures(value, "measures"));
  TRY_ASSIGN(JsonArray techniques, value.Array("techniques"));
  for (std::size_t index = 0; index < techniques.size(); ++index) {
    TRY_ASSIGN(JsonObject technique, techniques.Object(index, {"id", "helpfulness"}));
    TechniqueUse use;
    TRY_ASSIGN(use.technique, technique.String("id"));
    TRY_ASSIGN(use.helpfulness, technique.OptionalNumber("helpfulness"));
    session.techniques.push_back(std::move(use));
  }
  if (value.Has("stage")) {
    TRY_ASSIGN(std::string word, value.String("stage"));
    session.stage = ParseStageOfChangeWord(word);
    if (!session.stage) return value.Fail("stage", "'" + word + "' is not a stage of change");
  }
  TRY_ASSIGN(session.life_events, value.Strings("life_events"));
  return session;
}

// The plan is the planner's document (docs/planner.md): the monitor reads only its outline and
// leaves the planner's other fields alone, so member names are not checked here.
Result<PlanOutline> OutlineFrom(const nlohmann::json& content, const std::string& path) {
  const JsonObject plan = JsonObject::View(content, path);
  if (!content.is_object()) return plan.Fail("", "expected an object");
  PlanOutline outline;
  TRY_ASSIGN(JsonArray phases, plan.Array("phases", JsonPresence::kRequired));
  for (std::size_t index = 0; index < phases.size(); ++index) {
    if (!phases[index].is_object()) return phases.Fail(index, "expected an object");
    const JsonObject phase = JsonObject::View(phases[index], phases.PathOf(index));
    PlanPhaseOutline item;
    TRY_ASSIGN(item.name, phase.OptionalString("name"));
    TRY_ASSIGN(item.phase, phase.OptionalString("phase"));
    TRY_ASSIGN(JsonArray techniques, phase.Array("techniques"));
    for (std::size_t technique = 0; technique < techniques.size(); ++technique) {
      if (!techniques[technique].is_object())
        return techniques.Fail(technique, "expected an object");
      TRY_ASSIGN(
          std::string id,
          JsonObject::View(techniques[technique], techniques.PathOf(technique)).String("id"));
      item.techniques.push_back(std::move(id));
    }
    TRY_ASSIGN(std::optional<std::int64_t> sessions,
               phase.OptionalInteger("sessions", 0, std::numeric_limits<int>::max()));
    item.sessions = static_cast<int>(sessions.value_or(0));
    TRY_ASSIGN(item.review_at_session,
               phase.Integer("review_at_session", 0, std::numeric_limits<int>::max()));
    TRY_ASSIGN(item.switch_criteria, phase.Strings("switch_criteria"));
    TRY_ASSIGN(item.switch_triggers, phase.Strings("switch_triggers"));
    if (phase.Has("switch_triggers") &&
        item.switch_triggers.size() != item.switch_criteria.size()) {
      return phase.Fail("switch_triggers", "must name one trigger per switch criterion (" +
                                               std::to_string(item.switch_criteria.size()) + ")");
    }
    outline.phases.push_back(std::move(item));
  }
  TRY_ASSIGN(JsonArray factors, plan.Array("common_factors"));
  for (std::size_t index = 0; index < factors.size(); ++index) {
    if (!factors[index].is_object()) return factors.Fail(index, "expected an object");
    const JsonObject factor = JsonObject::View(factors[index], factors.PathOf(index));
    CommonFactorOutline item;
    TRY_ASSIGN(item.id, factor.OptionalString("id"));
    TRY_ASSIGN(item.name, factor.OptionalString("name"));
    TRY_ASSIGN(item.actions, factor.Strings("actions"));
    outline.common_factors.push_back(std::move(item));
  }
  TRY_ASSIGN(JsonArray ranking, plan.Array("ranking"));
  for (std::size_t index = 0; index < ranking.size(); ++index) {
    if (!ranking[index].is_object()) return ranking.Fail(index, "expected an object");
    TRY_ASSIGN(std::string id,
               JsonObject::View(ranking[index], ranking.PathOf(index)).String("id"));
    outline.ranking.push_back(std::move(id));
  }
  // Excluded techniques are only ever left out of proposals: an entry without an id is skipped.
  if (const nlohmann::json* excluded = plan.Member("excluded"); excluded && excluded->is_array()) {
    for (const nlohmann::json& left_out : *excluded) {
      if (left_out.is_object() && left_out.contains("id") && left_out.at("id").is_string())
        outline.excluded.push_back(left_out.at("id").get<std::string>());
    }
  }
  if (plan.Has("current_phase")) {
    const std::int64_t last = static_cast<std::int64_t>(outline.phases.size()) - 1;
    TRY_ASSIGN(std::int64_t current, plan.Integer("current_phase", 0, last));
    outline.current_phase = static_cast<int>(current);
  }
  return outline;
}

}  // namespace

Result<PlanOutline> ParsePlanOutline(const std::string& plan_json) {
  TRY_ASSIGN(nlohmann::json content, planner::ReadPlanContent<nlohmann::json>(plan_json));
  return OutlineFrom(content, "plan");
}

Result<EpisodeInput> ParseEpisode(const std::string& json_text, const ProfileReader& read_profile) {
  EpisodeInput episode;
  TRY_ASSIGN(const nlohmann::json document, ParseJson(json_text, "episode"));
  TRY_ASSIGN(JsonObject root,
             JsonObject::Open(document, "episode", {"profile", "plan", "intake", "sessions"}));
  const nlohmann::json* profile_json = root.Member("profile");
  if (!profile_json) return root.Fail("profile", "required (the client-profile document)");
  Result<planner::ClientProfile> profile = read_profile(profile_json->dump());
  if (!profile) return Propagate(profile.error());
  episode.profile = std::move(*profile);
  if (const nlohmann::json* plan = root.Member("plan")) {
    TRY_ASSIGN(PlanOutline outline, OutlineFrom(*plan, root.PathOf("plan")));
    episode.plan = std::move(outline);
    // Kept as written (member order too) for revisions: parsed again, in order.
    episode.plan_json = Json::parse(json_text).at("plan").dump(2) + "\n";
  }
  TRY_ASSIGN(episode.intake, ParseMeasures(root, "intake"));
  TRY_ASSIGN(JsonArray sessions, root.Array("sessions", JsonPresence::kRequired));
  for (std::size_t index = 0; index < sessions.size(); ++index) {
    TRY_ASSIGN(JsonObject session,
               sessions.Object(index, {"number", "date", "attended", "attendance", "measures",
                                       "techniques", "stage", "life_events"}));
    TRY_ASSIGN(SessionInput parsed, ParseSession(session));
    episode.sessions.push_back(std::move(parsed));
  }
  return episode;
}

namespace {

Json Optional(const std::optional<double>& value) { return value ? Json(*value) : Json(nullptr); }

Json ProjectionJson(const MeasureResult& measure) {
  if (!measure.projected_end) return nullptr;
  const ProjectedEnd& end = *measure.projected_end;
  return {{"session", end.session},
          {"expected", end.expected},
          {"low", end.low},
          {"high", end.high},
          {"improvement", end.improvement},
          {"required_improvement", end.required}};
}

Json MeasureJson(const MeasureResult& measure) {
  return {{"instrument", measure.instrument},
          {"score", measure.score},
          {"baseline", Optional(measure.baseline)},
          {"expected", Optional(measure.expected)},
          {"band_low", Optional(measure.band_low)},
          {"band_high", Optional(measure.band_high)},
          {"method", measure.expected ? Json(Name(measure.method)) : Json(nullptr)},
          {"status", Name(measure.status)},
          {"not_on_track_rule",
           measure.expected ? Json(Name(measure.not_on_track_rule)) : Json(nullptr)},
          {"projected_end", ProjectionJson(measure)}};
}

Json AlertJson(const Alert& alert) {
  Json evidence = Json::array();
  for (const Evidence& item : alert.evidence)
    evidence.push_back({{"measure", item.measure}, {"detail", item.detail}});
  Json out = {{"type", Name(alert.type)},
              {"severity", Name(alert.severity)},
              {"reason", alert.reason},
              {"evidence", evidence},
              {"suggestions", alert.suggestions}};
  out["method"] = alert.method ? Json(Name(*alert.method)) : Json(nullptr);
  return out;
}

}  // namespace

std::string ReportToJson(const EpisodeReport& report) {
  Json out;
  out["primary_instrument"] = report.primary_instrument;
  Json sessions = Json::array();
  for (const SessionResult& session : report.sessions) {
    Json item;
    item["session"] = session.session;
    item["attended"] = session.attended;
    if (session.primary) {
      const Json primary = MeasureJson(*session.primary);
      for (const char* key : {"score", "expected", "band_low", "band_high", "method", "status",
                              "not_on_track_rule", "projected_end"}) {
        item[key] = primary.at(key);
      }
    } else {
      for (const char* key : {"score", "expected", "band_low", "band_high", "method", "status",
                              "not_on_track_rule", "projected_end"}) {
        item[key] = nullptr;
      }
    }
    Json others = Json::array();
    for (const MeasureResult& other : session.others) others.push_back(MeasureJson(other));
    item["other_measures"] = std::move(others);
    Json alerts = Json::array();
    for (const Alert& alert : session.alerts) alerts.push_back(AlertJson(alert));
    item["alerts"] = std::move(alerts);
    sessions.push_back(std::move(item));
  }
  out["sessions"] = std::move(sessions);
  Json support = Json::array();
  for (const SupportPrompt& prompt : report.support) {
    support.push_back(
        {{"area", Name(prompt.area)}, {"why", prompt.why}, {"prompts", prompt.prompts}});
  }
  out["support"] = std::move(support);
  Json unhelpful = Json::array();
  for (const UnhelpfulTechnique& technique : report.unhelpful_techniques) {
    unhelpful.push_back({{"technique", technique.technique},
                         {"sessions", technique.sessions},
                         {"ratings", technique.ratings}});
  }
  out["unhelpful_techniques"] = std::move(unhelpful);
  Json proposals = Json::array();
  for (const AdaptationProposal& proposal : report.proposals) {
    proposals.push_back(ProposalJson(proposal, "id"));
  }
  out["proposals"] = std::move(proposals);
  out["current_phase"] = report.current_phase ? Json(*report.current_phase) : Json(nullptr);
  return out.dump(2) + "\n";
}

}  // namespace tessera::monitor
