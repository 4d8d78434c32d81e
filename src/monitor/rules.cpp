// Loading data/monitor/*.json into MonitorRules. nlohmann exceptions stay inside this file.

#include "monitor/rules.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace tessera::monitor {
namespace {

using Json = nlohmann::json;

std::string_view kAreas[] = {"risk_and_crisis", "motivation_and_goals",
                             "alliance_and_interpersonal", "social_support_and_life_events",
                             "emotion_and_self_regulation"};
std::string_view kAlerts[] = {
    "not_on_track", "reliable_deterioration", "no_reliable_change", "alliance_rupture",
    "risk_item",    "low_motivation",         "dropout_risk"};

// Reads a required field; throws a message naming it (caught below and made a Result).
const Json& Field(const Json& object, const std::string& key, const std::string& where) {
  if (!object.is_object() || !object.contains(key)) {
    throw std::invalid_argument(where + "." + key + ": is required");
  }
  return object.at(key);
}

double Number(const Json& object, const std::string& key, const std::string& where) {
  const Json& value = Field(object, key, where);
  if (!value.is_number()) throw std::invalid_argument(where + "." + key + ": must be a number");
  return value.get<double>();
}

double Positive(const Json& object, const std::string& key, const std::string& where) {
  const double value = Number(object, key, where);
  if (!(value > 0)) throw std::invalid_argument(where + "." + key + ": must be > 0");
  return value;
}

// Values of rules.json sit in {"value": ..., "source": ...} so that each carries its source.
const Json& Sourced(const Json& root, const std::string& key) {
  const Json& entry = Field(root, key, "rules");
  Field(entry, "source", "rules." + key);
  return Field(entry, "value", "rules." + key);
}

void RequireSource(const Json& entry, const std::string& where) {
  const Json& source = Field(entry, "source", where);
  if (!source.is_string() || source.get<std::string>().empty()) {
    throw std::invalid_argument(where + ".source: must name a source");
  }
}

std::vector<std::string> Strings(const Json& value, const std::string& where) {
  if (!value.is_array()) throw std::invalid_argument(where + ": must be a list of strings");
  std::vector<std::string> out;
  for (const Json& item : value) {
    if (!item.is_string()) throw std::invalid_argument(where + ": must be a list of strings");
    out.push_back(item.get<std::string>());
  }
  return out;
}

PlanChange ParseChange(const std::string& word, const std::string& where) {
  for (PlanChange change : {PlanChange::kNone, PlanChange::kMoveToNextPhase,
                            PlanChange::kReturnToEarlierPhase, PlanChange::kAddTechnique,
                            PlanChange::kRemoveTechnique, PlanChange::kAddCommonFactorAction}) {
    if (Name(change) == word) return change;
  }
  throw std::invalid_argument(where + ": unknown change '" + word + "'");
}

void ParseRulesFile(const Json& root, MonitorRules& rules) {
  rules.outcome_instruments =
      Strings(Sourced(root, "outcome_instruments"), "rules.outcome_instruments");
  const Json& coverage = Sourced(root, "band_coverage");
  if (!coverage.is_number() || !(coverage.get<double>() > 0 && coverage.get<double>() < 1)) {
    throw std::invalid_argument("rules.band_coverage.value: must be a number in (0, 1)");
  }
  rules.band_coverage = coverage.get<double>();
  auto positive_int = [&](const std::string& key) {
    const Json& value = Sourced(root, key);
    if (!value.is_number_integer() || value.get<int>() < 1) {
      throw std::invalid_argument("rules." + key + ".value: must be a whole number >= 1");
    }
    return value.get<int>();
  };
  rules.minimum_practice_clients = positive_int("minimum_practice_clients");
  rules.minimum_course_clients = positive_int("minimum_course_clients");
  rules.default_review_session = positive_int("default_review_session");
  const Json& projection = Field(root, "projection", "rules");
  RequireSource(projection, "rules.projection");
  const std::string w = "rules.projection";
  auto whole = [&](const std::string& key) {
    const Json& value = Field(projection, key, w);
    if (!value.is_number_integer() || value.get<int>() < 1)
      throw std::invalid_argument(w + "." + key + ": must be a whole number >= 1");
    return value.get<int>();
  };
  rules.projection.from_session = whole("from_session");
  rules.projection.default_last_session = whole("default_last_session");
  rules.projection.improvement_fraction =
      Positive(projection, "improvement_fraction_of_reliable_change", w);
  rules.projection.interval_coverage = Positive(projection, "interval_coverage", w);
  if (!(rules.projection.interval_coverage < 1))
    throw std::invalid_argument(w + ".interval_coverage: must be in (0, 1)");
  const Json& early = Field(root, "early_change", "rules");
  RequireSource(early, "rules.early_change");
  rules.early_change_session = static_cast<int>(Positive(early, "session", "rules.early_change"));
  rules.early_change_fraction =
      Positive(early, "fraction_of_reliable_change", "rules.early_change");
  const Json& alliance = Field(root, "alliance", "rules");
  for (std::size_t index = 0; index < alliance.size(); ++index) {
    const std::string where = "rules.alliance[" + std::to_string(index) + "]";
    const Json& entry = alliance.at(index);
    RequireSource(entry, where);
    rules.alliance.push_back({Field(entry, "instrument", where).get<std::string>(),
                              Positive(entry, "below", where),
                              Positive(entry, "marked_drop", where)});
  }
  const Json& risk = Field(root, "risk_items", "rules");
  for (std::size_t index = 0; index < risk.size(); ++index) {
    const std::string where = "rules.risk_items[" + std::to_string(index) + "]";
    RequireSource(risk.at(index), where);
    rules.risk_items.push_back({Field(risk.at(index), "instrument", where).get<std::string>(),
                                Field(risk.at(index), "flag", where).get<std::string>()});
  }
  const Json& dropout = Field(root, "dropout_risk", "rules");
  RequireSource(dropout, "rules.dropout_risk");
  const std::string d = "rules.dropout_risk";
  rules.dropout = {Number(dropout, "per_missed_or_cancelled", d),
                   static_cast<int>(Positive(dropout, "window_sessions", d)),
                   Number(dropout, "alliance_low", d),
                   Number(dropout, "no_early_change", d),
                   Number(dropout, "precontemplation", d),
                   Number(dropout, "contemplation", d),
                   Positive(dropout, "threshold", d)};
  const Json& motivation = Field(root, "low_motivation", "rules");
  RequireSource(motivation, "rules.low_motivation");
  rules.low_motivation_stages =
      Strings(Field(motivation, "stages", "rules.low_motivation"), "rules.low_motivation.stages");
  rules.action_phases = Strings(Field(motivation, "action_phases", "rules.low_motivation"),
                                "rules.low_motivation.action_phases");
  const Json& helpfulness = Field(root, "helpfulness", "rules");
  RequireSource(helpfulness, "rules.helpfulness");
  rules.helpfulness_minimum = Number(helpfulness, "minimum", "rules.helpfulness");
  rules.helpfulness_maximum = Number(helpfulness, "maximum", "rules.helpfulness");
  rules.unhelpful_at_most = Number(helpfulness, "unhelpful_at_most", "rules.helpfulness");
  rules.unhelpful_repeats = static_cast<int>(Positive(helpfulness, "repeats", "rules.helpfulness"));
  if (!(rules.helpfulness_minimum < rules.helpfulness_maximum)) {
    throw std::invalid_argument("rules.helpfulness: minimum must be below maximum");
  }
  const Json& suggestions = Field(root, "suggestions", "rules");
  for (std::string_view alert : kAlerts) {
    const std::string key(alert);
    rules.suggestions[key] =
        Strings(Field(suggestions, key, "rules.suggestions"), "rules.suggestions." + key);
  }
  for (const auto& [key, value] : suggestions.items()) {
    if (!rules.suggestions.contains(key)) {
      throw std::invalid_argument("rules.suggestions." + key + ": not an alert type");
    }
  }
}

Json ParseText(const std::string& text, const std::string& file) {
  try {
    return Json::parse(text);
  } catch (const Json::exception& error) {
    throw std::invalid_argument(file + ": not valid JSON: " + error.what());
  }
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
  try {
    ParseRulesFile(ParseText(rules_json, "rules.json"), rules);
    const Json support = ParseText(support_json, "support_prompts.json");
    const Json& areas = Field(support, "areas", "support_prompts");
    for (std::string_view area : kAreas) {
      const std::string key(area);
      rules.support_prompts[key] =
          Strings(Field(areas, key, "support_prompts.areas"), "support_prompts.areas." + key);
    }
    if (areas.size() != rules.support_prompts.size()) {
      throw std::invalid_argument(
          "support_prompts.areas: only the five Trier Treatment Navigator areas are allowed");
    }
    const Json triggers = ParseText(switch_json, "switch_criteria.json");
    static const std::set<std::string> kTriggers = {"no_reliable_change_by_review",
                                                    "alliance_below_threshold", "deterioration",
                                                    "risk_rises", "gains_maintained"};
    const Json& list = Field(triggers, "triggers", "switch_criteria");
    for (std::size_t index = 0; index < list.size(); ++index) {
      const std::string where = "switch_criteria.triggers[" + std::to_string(index) + "]";
      const Json& entry = list.at(index);
      for (const auto& [key, value] : entry.items()) {
        if (key != "trigger" && key != "change")
          throw std::invalid_argument(where + ": unknown key '" + key + "'");
      }
      SwitchTrigger trigger{
          Field(entry, "trigger", where).get<std::string>(),
          ParseChange(Field(entry, "change", where).get<std::string>(), where + ".change")};
      if (!kTriggers.contains(trigger.trigger)) {
        throw std::invalid_argument(where + ".trigger: '" + trigger.trigger +
                                    "' is not a trigger the monitor can test");
      }
      if (rules.FindTrigger(trigger.trigger) != nullptr) {
        throw std::invalid_argument(where + ".trigger: '" + trigger.trigger + "' is listed twice");
      }
      rules.switch_triggers.push_back(std::move(trigger));
    }
  } catch (const std::invalid_argument& error) {
    return InvalidArgument(error.what());
  } catch (const Json::exception& error) {
    return InvalidArgument(std::string("monitor rules: ") + error.what());
  }
  return rules;
}

Result<MonitorRules> LoadMonitorRules(const std::filesystem::path& directory) {
  TRY_ASSIGN(const std::string rules, ReadText(directory / "rules.json"));
  TRY_ASSIGN(const std::string support, ReadText(directory / "support_prompts.json"));
  TRY_ASSIGN(const std::string triggers, ReadText(directory / "switch_criteria.json"));
  return ParseMonitorRules(rules, support, triggers);
}

}  // namespace tessera::monitor
