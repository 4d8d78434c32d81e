// Loading data/monitor/*.json into MonitorRules through the one JSON layer (src/json).

#include "monitor/rules.hpp"

#include <fstream>
#include <limits>
#include <set>
#include <sstream>

#include "json/object.hpp"

namespace tessera::monitor {
namespace {

std::string_view kAreas[] = {"risk_and_crisis", "motivation_and_goals",
                             "alliance_and_interpersonal", "social_support_and_life_events",
                             "emotion_and_self_regulation"};
std::string_view kAlerts[] = {
    "not_on_track", "reliable_deterioration", "no_reliable_change", "alliance_rupture",
    "risk_item",    "low_motivation",         "dropout_risk"};

// Values of rules.json sit in {"value": ..., "source": ...} so that each carries its source.
Result<JsonObject> Sourced(const JsonObject& root, std::string_view key) {
  TRY_ASSIGN(JsonObject entry, root.Object(key, {"value", "source"}));
  TRY(entry.String("source"));
  return entry;
}

// A number above zero (the layer's ranges are inclusive; these thresholds exclude 0).
Result<double> Positive(const JsonObject& object, std::string_view key) {
  TRY_ASSIGN(double value, object.Number(key));
  if (!(value > 0)) return object.Fail(key, "must be > 0");
  return value;
}

Result<std::vector<std::string>> StringsOf(const JsonObject& object, std::string_view key) {
  if (!object.Has(key)) return object.Fail(key, "required");
  return object.Strings(key);
}

Result<PlanChange> ParseChange(const JsonObject& entry) {
  TRY_ASSIGN(std::string word, entry.String("change"));
  for (PlanChange change : {PlanChange::kNone, PlanChange::kMoveToNextPhase,
                            PlanChange::kReturnToEarlierPhase, PlanChange::kAddTechnique,
                            PlanChange::kRemoveTechnique, PlanChange::kAddCommonFactorAction}) {
    if (Name(change) == word) return change;
  }
  return entry.Fail("change", "unknown change '" + word + "'");
}

Status ParseRulesFile(const nlohmann::json& document, MonitorRules& rules) {
  TRY_ASSIGN(JsonObject root,
             JsonObject::Open(document, "rules",
                              {"description", "outcome_instruments", "band_coverage", "projection",
                               "minimum_practice_clients", "minimum_course_clients",
                               "default_review_session", "early_change", "alliance", "risk_items",
                               "dropout_risk", "low_motivation", "helpfulness", "suggestions"},
                              "rules.json"));
  TRY_ASSIGN(JsonObject outcome, Sourced(root, "outcome_instruments"));
  TRY_ASSIGN(rules.outcome_instruments, StringsOf(outcome, "value"));
  TRY_ASSIGN(JsonObject coverage, Sourced(root, "band_coverage"));
  TRY_ASSIGN(rules.band_coverage, coverage.Number("value", 0, 1));
  if (rules.band_coverage == 0 || rules.band_coverage == 1)
    return coverage.Fail("value", "must be inside (0, 1)");
  for (const auto& [key, target] :
       {std::pair<std::string_view, int*>{"minimum_practice_clients",
                                          &rules.minimum_practice_clients},
        {"minimum_course_clients", &rules.minimum_course_clients},
        {"default_review_session", &rules.default_review_session}}) {
    TRY_ASSIGN(JsonObject entry, Sourced(root, key));
    TRY_ASSIGN(*target, entry.Integer("value", 1, std::numeric_limits<int>::max()));
  }
  TRY_ASSIGN(JsonObject projection,
             root.Object("projection", {"from_session", "improvement_fraction_of_reliable_change",
                                        "default_last_session", "interval_coverage", "source"}));
  TRY(projection.String("source"));
  TRY_ASSIGN(rules.projection.from_session,
             projection.Integer("from_session", 1, std::numeric_limits<int>::max()));
  TRY_ASSIGN(rules.projection.default_last_session,
             projection.Integer("default_last_session", 1, std::numeric_limits<int>::max()));
  TRY_ASSIGN(rules.projection.improvement_fraction,
             Positive(projection, "improvement_fraction_of_reliable_change"));
  TRY_ASSIGN(rules.projection.interval_coverage, Positive(projection, "interval_coverage"));
  if (!(rules.projection.interval_coverage < 1))
    return projection.Fail("interval_coverage", "must be inside (0, 1)");
  TRY_ASSIGN(JsonObject early,
             root.Object("early_change", {"session", "fraction_of_reliable_change", "source"}));
  TRY(early.String("source"));
  TRY_ASSIGN(double early_session, Positive(early, "session"));
  rules.early_change_session = static_cast<int>(early_session);
  TRY_ASSIGN(rules.early_change_fraction, Positive(early, "fraction_of_reliable_change"));
  TRY_ASSIGN(JsonArray alliance, root.Array("alliance", JsonPresence::kRequired));
  for (std::size_t index = 0; index < alliance.size(); ++index) {
    TRY_ASSIGN(JsonObject entry,
               alliance.Object(index, {"instrument", "below", "marked_drop", "source"}));
    TRY(entry.String("source"));
    AllianceRule rule;
    TRY_ASSIGN(rule.instrument, entry.String("instrument"));
    TRY_ASSIGN(rule.below, Positive(entry, "below"));
    TRY_ASSIGN(rule.marked_drop, Positive(entry, "marked_drop"));
    rules.alliance.push_back(std::move(rule));
  }
  TRY_ASSIGN(JsonArray risk, root.Array("risk_items", JsonPresence::kRequired));
  for (std::size_t index = 0; index < risk.size(); ++index) {
    TRY_ASSIGN(JsonObject entry, risk.Object(index, {"instrument", "flag", "source"}));
    TRY(entry.String("source"));
    TRY_ASSIGN(std::string instrument, entry.String("instrument"));
    TRY_ASSIGN(std::string flag, entry.String("flag"));
    rules.risk_items.push_back({std::move(instrument), std::move(flag)});
  }
  TRY_ASSIGN(JsonObject dropout,
             root.Object("dropout_risk", {"per_missed_or_cancelled", "window_sessions",
                                          "alliance_low", "no_early_change", "precontemplation",
                                          "contemplation", "threshold", "source"}));
  TRY(dropout.String("source"));
  TRY_ASSIGN(rules.dropout.per_missed_or_cancelled, dropout.Number("per_missed_or_cancelled"));
  TRY_ASSIGN(double window, Positive(dropout, "window_sessions"));
  rules.dropout.window_sessions = static_cast<int>(window);
  TRY_ASSIGN(rules.dropout.alliance_low, dropout.Number("alliance_low"));
  TRY_ASSIGN(rules.dropout.no_early_change, dropout.Number("no_early_change"));
  TRY_ASSIGN(rules.dropout.precontemplation, dropout.Number("precontemplation"));
  TRY_ASSIGN(rules.dropout.contemplation, dropout.Number("contemplation"));
  TRY_ASSIGN(rules.dropout.threshold, Positive(dropout, "threshold"));
  TRY_ASSIGN(JsonObject motivation,
             root.Object("low_motivation", {"stages", "action_phases", "source"}));
  TRY(motivation.String("source"));
  TRY_ASSIGN(rules.low_motivation_stages, StringsOf(motivation, "stages"));
  TRY_ASSIGN(rules.action_phases, StringsOf(motivation, "action_phases"));
  TRY_ASSIGN(
      JsonObject helpfulness,
      root.Object("helpfulness", {"minimum", "maximum", "unhelpful_at_most", "repeats", "source"}));
  TRY(helpfulness.String("source"));
  TRY_ASSIGN(rules.helpfulness_minimum, helpfulness.Number("minimum"));
  TRY_ASSIGN(rules.helpfulness_maximum, helpfulness.Number("maximum"));
  TRY_ASSIGN(rules.unhelpful_at_most, helpfulness.Number("unhelpful_at_most"));
  TRY_ASSIGN(double repeats, Positive(helpfulness, "repeats"));
  rules.unhelpful_repeats = static_cast<int>(repeats);
  if (!(rules.helpfulness_minimum < rules.helpfulness_maximum))
    return helpfulness.Fail("minimum", "must be below maximum");
  TRY_ASSIGN(JsonObject suggestions,
             root.Object("suggestions",
                         {"not_on_track", "reliable_deterioration", "no_reliable_change",
                          "alliance_rupture", "risk_item", "low_motivation", "dropout_risk"}));
  for (std::string_view alert : kAlerts) {
    TRY_ASSIGN(rules.suggestions[std::string(alert)], StringsOf(suggestions, alert));
  }
  return Ok();
}

Status ParseSupportFile(const nlohmann::json& document, MonitorRules& rules) {
  TRY_ASSIGN(JsonObject root, JsonObject::Open(document, "support_prompts",
                                               {"description", "areas"}, "support_prompts.json"));
  // Only the five Trier Treatment Navigator areas are allowed.
  TRY_ASSIGN(
      JsonObject areas,
      root.Object("areas", {"risk_and_crisis", "motivation_and_goals", "alliance_and_interpersonal",
                            "social_support_and_life_events", "emotion_and_self_regulation"}));
  for (std::string_view area : kAreas) {
    TRY_ASSIGN(rules.support_prompts[std::string(area)], StringsOf(areas, area));
  }
  return Ok();
}

Status ParseSwitchFile(const nlohmann::json& document, MonitorRules& rules) {
  static const std::set<std::string> kTriggers = {"no_reliable_change_by_review",
                                                  "alliance_below_threshold", "deterioration",
                                                  "risk_rises", "gains_maintained"};
  TRY_ASSIGN(JsonObject root,
             JsonObject::Open(document, "switch_criteria", {"description", "triggers"},
                              "switch_criteria.json"));
  TRY_ASSIGN(JsonArray list, root.Array("triggers", JsonPresence::kRequired));
  for (std::size_t index = 0; index < list.size(); ++index) {
    TRY_ASSIGN(JsonObject entry, list.Object(index, {"trigger", "change"}));
    SwitchTrigger trigger;
    TRY_ASSIGN(trigger.trigger, entry.String("trigger"));
    TRY_ASSIGN(trigger.change, ParseChange(entry));
    if (!kTriggers.contains(trigger.trigger))
      return entry.Fail("trigger",
                        "'" + trigger.trigger + "' is not a trigger the monitor can test");
    if (rules.FindTrigger(trigger.trigger) != nullptr)
      return entry.Fail("trigger", "'" + trigger.trigger + "' is listed twice");
    rules.switch_triggers.push_back(std::move(trigger));
  }
  return Ok();
}

Result<std::string> ReadText(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) return NotFound(path.string() + ": cannot read the monitor rules file");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

const SwitchTrigger* MonitorRules::FindTrigger(std::string_view id) const {
  for (const SwitchTrigger& trigger : switch_triggers) {
    if (trigger.trigger == id) return &trigger;
  }
  return nullptr;
}

Status CheckSwitchTriggers(const catalog::Catalog& catalog, const MonitorRules& rules) {
  for (const catalog::PhaseInfo& phase : catalog.phases()) {
    for (std::size_t index = 0; index < phase.switch_triggers.size(); ++index) {
      const std::string& trigger = phase.switch_triggers[index];
      if (trigger == catalog::kClinicalJudgementTrigger || rules.FindTrigger(trigger) != nullptr)
        continue;
      std::string known;
      for (const SwitchTrigger& candidate : rules.switch_triggers)
        known += candidate.trigger + ", ";
      return InvalidArgument("data/catalog/phases.json: phase '" +
                             std::string(catalog::Name(phase.phase)) + "' switch criterion " +
                             std::to_string(index + 1) + " ('" + phase.switch_criteria.at(index) +
                             "'): unknown trigger '" + trigger + "' (known: " + known +
                             std::string(catalog::kClinicalJudgementTrigger) + ")");
    }
  }
  return Ok();
}

Result<MonitorRules> ParseMonitorRules(const std::string& rules_json,
                                       const std::string& support_json,
                                       const std::string& switch_json) {
  MonitorRules rules;
  TRY_ASSIGN(const nlohmann::json rules_document, ParseJson(rules_json, "rules.json"));
  TRY(ParseRulesFile(rules_document, rules));
  TRY_ASSIGN(const nlohmann::json support, ParseJson(support_json, "support_prompts.json"));
  TRY(ParseSupportFile(support, rules));
  TRY_ASSIGN(const nlohmann::json triggers, ParseJson(switch_json, "switch_criteria.json"));
  TRY(ParseSwitchFile(triggers, rules));
  return rules;
}

Result<MonitorRules> LoadMonitorRules(const std::filesystem::path& directory) {
  TRY_ASSIGN(const std::string rules, ReadText(directory / "rules.json"));
  TRY_ASSIGN(const std::string support, ReadText(directory / "support_prompts.json"));
  TRY_ASSIGN(const std::string triggers, ReadText(directory / "switch_criteria.json"));
  return ParseMonitorRules(rules, support, triggers);
}

}  // namespace tessera::monitor
