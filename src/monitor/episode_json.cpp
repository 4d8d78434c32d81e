// Episode file parsing and report rendering for `tessera monitor` (and the HTTP API).

#include "monitor/episode_json.hpp"

#include <nlohmann/json.hpp>
#include <set>

#include "planner/plan_content.hpp"
#include "planner/profile.hpp"

namespace tessera::monitor {
namespace {

using Json = nlohmann::ordered_json;

// Throws std::invalid_argument with the field's path; ParseEpisode turns it into a Result.
[[noreturn]] void Fail(const std::string& where, const std::string& rule) {
  throw std::invalid_argument(where + ": " + rule);
}

void OnlyKeys(const Json& object, const std::string& where, const std::set<std::string>& allowed) {
  if (!object.is_object()) Fail(where, "must be an object");
  for (const auto& [key, value] : object.items()) {
    if (!allowed.contains(key)) Fail(where + "." + key, "unknown field");
  }
}

std::string Text(const Json& value, const std::string& where) {
  if (!value.is_string()) Fail(where, "must be a string");
  return value.get<std::string>();
}

MeasureInput ParseMeasure(const Json& value, const std::string& where) {
  OnlyKeys(value, where, {"instrument", "answers", "total"});
  if (!value.contains("instrument")) Fail(where + ".instrument", "is required");
  MeasureInput measure{.instrument = Text(value.at("instrument"), where + ".instrument")};
  if (value.contains("answers")) {
    const Json& answers = value.at("answers");
    if (!answers.is_array() || answers.empty())
      Fail(where + ".answers", "must be a non-empty list of numbers (null for a blank item)");
    for (std::size_t item = 0; item < answers.size(); ++item) {
      if (answers[item].is_null()) {
        measure.answers.emplace_back();
      } else if (answers[item].is_number()) {
        measure.answers.emplace_back(answers[item].get<double>());
      } else {
        Fail(where + ".answers[" + std::to_string(item) + "]", "must be a number or null");
      }
    }
  }
  if (value.contains("total")) {
    if (!value.at("total").is_number()) Fail(where + ".total", "must be a number");
    measure.total = value.at("total").get<double>();
  }
  if (measure.answers.empty() && !measure.total)
    Fail(where, "give \"answers\" (item answers) or a \"total\"");
  return measure;
}

SessionInput ParseSession(const Json& value, const std::string& where) {
  OnlyKeys(value, where,
           {"number", "date", "attended", "attendance", "measures", "techniques", "stage",
            "life_events"});
  if (!value.contains("number") || !value.at("number").is_number_integer())
    Fail(where + ".number", "is required, a whole number >= 1");
  SessionInput session{.number = value.at("number").get<int>()};
  if (session.number < 1) Fail(where + ".number", "must be >= 1");
  if (value.contains("date")) session.date = Text(value.at("date"), where + ".date");
  if (value.contains("attended")) {
    if (!value.at("attended").is_boolean()) Fail(where + ".attended", "must be true or false");
    session.attendance =
        value.at("attended").get<bool>() ? Attendance::kAttended : Attendance::kDidNotAttend;
  }
  if (value.contains("attendance")) {
    const std::string word = Text(value.at("attendance"), where + ".attendance");
    const std::optional<Attendance> attendance = ParseAttendanceWord(word);
    if (!attendance) {
      Fail(where + ".attendance", "'" + word + "' is not one of " + AllowedWords(kAttendanceWords) +
                                      ", " + AllowedWords(kEpisodeFileAttendanceWords));
    }
    session.attendance = *attendance;
  }
  if (value.contains("measures")) {
    const Json& measures = value.at("measures");
    if (!measures.is_array()) Fail(where + ".measures", "must be a list");
    for (std::size_t index = 0; index < measures.size(); ++index) {
      session.measures.push_back(
          ParseMeasure(measures[index], where + ".measures[" + std::to_string(index) + "]"));
    }
  }
  if (value.contains("techniques")) {
    const Json& techniques = value.at("techniques");
    if (!techniques.is_array()) Fail(where + ".techniques", "must be a list");
    for (std::size_t index = 0; index < techniques.size(); ++index) {
      const std::string at = where + ".techniques[" + std::to_string(index) + "]";
      OnlyKeys(techniques[index], at, {"id", "helpfulness"});
      if (!techniques[index].contains("id")) Fail(at + ".id", "is required");
      TechniqueUse use{.technique = Text(techniques[index].at("id"), at + ".id")};
      if (techniques[index].contains("helpfulness")) {
        if (!techniques[index].at("helpfulness").is_number())
          Fail(at + ".helpfulness", "must be a number");
        use.helpfulness = techniques[index].at("helpfulness").get<double>();
      }
      session.techniques.push_back(std::move(use));
    }
  }
  if (value.contains("stage")) {
    const std::string word = Text(value.at("stage"), where + ".stage");
    session.stage = ParseStageOfChangeWord(word);
    if (!session.stage) Fail(where + ".stage", "'" + word + "' is not a stage of change");
  }
  if (value.contains("life_events")) {
    for (const Json& event : value.at("life_events"))
      session.life_events.push_back(Text(event, where + ".life_events"));
  }
  return session;
}

PlanOutline OutlineFrom(const Json& plan) {
  PlanOutline outline;
  if (!plan.is_object() || !plan.contains("phases") || !plan.at("phases").is_array())
    Fail("plan.phases", "is required, a list");
  const Json& phases = plan.at("phases");
  for (std::size_t index = 0; index < phases.size(); ++index) {
    const std::string where = "plan.phases[" + std::to_string(index) + "]";
    const Json& phase = phases[index];
    PlanPhaseOutline item;
    item.name = phase.value("name", "");
    item.phase = phase.value("phase", "");
    if (phase.contains("techniques")) {
      for (const Json& technique : phase.at("techniques"))
        item.techniques.push_back(Text(technique.at("id"), where + ".techniques.id"));
    }
    item.sessions = phase.value("sessions", 0);
    if (!phase.contains("review_at_session") ||
        !phase.at("review_at_session").is_number_integer()) {
      Fail(where + ".review_at_session", "is required, a whole number");
    }
    item.review_at_session = phase.at("review_at_session").get<int>();
    if (phase.contains("switch_criteria")) {
      for (const Json& criterion : phase.at("switch_criteria"))
        item.switch_criteria.push_back(Text(criterion, where + ".switch_criteria"));
    }
    if (phase.contains("switch_triggers")) {
      for (const Json& trigger : phase.at("switch_triggers"))
        item.switch_triggers.push_back(Text(trigger, where + ".switch_triggers"));
      if (item.switch_triggers.size() != item.switch_criteria.size()) {
        Fail(where + ".switch_triggers", "must name one trigger per switch criterion (" +
                                             std::to_string(item.switch_criteria.size()) + ")");
      }
    }
    outline.phases.push_back(std::move(item));
  }
  if (plan.contains("common_factors")) {
    for (const Json& factor : plan.at("common_factors")) {
      CommonFactorOutline item{factor.value("id", ""), factor.value("name", ""), {}};
      if (factor.contains("actions"))
        item.actions = factor.at("actions").get<std::vector<std::string>>();
      outline.common_factors.push_back(std::move(item));
    }
  }
  if (plan.contains("ranking")) {
    for (const Json& technique : plan.at("ranking"))
      outline.ranking.push_back(Text(technique.at("id"), "plan.ranking.id"));
  }
  if (plan.contains("excluded") && plan.at("excluded").is_array()) {
    for (const Json& left_out : plan.at("excluded")) {
      if (left_out.is_object() && left_out.contains("id"))
        outline.excluded.push_back(Text(left_out.at("id"), "plan.excluded.id"));
    }
  }
  if (plan.contains("current_phase")) {
    if (!plan.at("current_phase").is_number_unsigned() ||
        plan.at("current_phase").get<std::size_t>() >= outline.phases.size()) {
      Fail("plan.current_phase", "must index one of the plan's phases");
    }
    outline.current_phase = plan.at("current_phase").get<int>();
  }
  return outline;
}

}  // namespace

Result<PlanOutline> ParsePlanOutline(const std::string& plan_json) {
  try {
    Result<Json> plan = planner::ReadPlanContent<Json>(plan_json);
    if (!plan) return InvalidArgument("plan: " + plan.error().message());
    return OutlineFrom(*plan);
  } catch (const std::invalid_argument& error) {
    return InvalidArgument(error.what());
  } catch (const Json::exception& error) {
    return InvalidArgument(std::string("plan: ") + error.what());
  }
}

Result<EpisodeInput> ParseEpisode(const std::string& json_text, const ProfileReader& read_profile) {
  EpisodeInput episode;
  try {
    const Json root = Json::parse(json_text);
    OnlyKeys(root, "episode", {"profile", "plan", "intake", "sessions"});
    if (!root.contains("profile"))
      Fail("episode.profile", "is required (the client-profile document)");
    Result<planner::ClientProfile> profile = read_profile(root.at("profile").dump());
    if (!profile) return InvalidArgument(profile.error().message());
    episode.profile = std::move(*profile);
    if (root.contains("plan") && !root.at("plan").is_null()) {
      episode.plan = OutlineFrom(root.at("plan"));
      episode.plan_json = root.at("plan").dump(2) + "\n";
    }
    if (root.contains("intake")) {
      for (std::size_t index = 0; index < root.at("intake").size(); ++index) {
        episode.intake.push_back(
            ParseMeasure(root.at("intake")[index], "intake[" + std::to_string(index) + "]"));
      }
    }
    if (!root.contains("sessions") || !root.at("sessions").is_array())
      Fail("episode.sessions", "is required, a list");
    const Json& sessions = root.at("sessions");
    for (std::size_t index = 0; index < sessions.size(); ++index) {
      episode.sessions.push_back(
          ParseSession(sessions[index], "sessions[" + std::to_string(index) + "]"));
    }
  } catch (const std::invalid_argument& error) {
    return InvalidArgument(error.what());
  } catch (const Json::exception& error) {
    return InvalidArgument(std::string("episode: ") + error.what());
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
    Json prompted = Json::array();
    for (AlertType type : proposal.prompted_by) prompted.push_back(Name(type));
    proposals.push_back({{"id", proposal.id},
                         {"kind", Name(proposal.kind)},
                         {"change", Name(proposal.change)},
                         {"session", proposal.session},
                         {"phase", proposal.phase},
                         {"criterion", proposal.criterion},
                         {"technique", proposal.technique},
                         {"text", proposal.text},
                         {"prompted_by", prompted}});
  }
  out["proposals"] = std::move(proposals);
  out["current_phase"] = report.current_phase ? Json(*report.current_phase) : Json(nullptr);
  return out.dump(2) + "\n";
}

}  // namespace tessera::monitor
