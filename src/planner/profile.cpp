// Profile files (JSON) into ClientProfile, refusing bad input with the field named.

#include "planner/profile.hpp"

#include <set>

#include "catalog/internal/json_fields.hpp"
#include "planner/internal/cnip_json.hpp"

namespace tessera::planner {

using catalog::JsonFields;
using nlohmann::json;

namespace {

template <class E, std::size_t N>
Result<std::optional<E>> OptionalWord(const JsonFields& fields, std::string_view key,
                                      const WordTable<E, N>& words) {
  if (!fields.Has(key)) return std::optional<E>();
  TRY_ASSIGN(std::string word, fields.String(key));
  const std::optional<E> value = ValueFor(words, word);
  if (!value) return fields.Fail(key, "'" + word + "' is not one of " + AllowedWords(words));
  return value;
}

Result<CnipScales> ParseScales(const JsonFields& parent, std::string_view key) {
  CnipScales scales;
  TRY_ASSIGN(std::optional<json> object, parent.OptionalObject(key));
  if (!object) return scales;
  const JsonFields fields(*object, parent.context() + ": " + std::string(key));
  TRY(fields.OnlyKeys({"directiveness", "emotional_intensity", "past_orientation", "challenge"}));
  TRY_ASSIGN(scales.directiveness, fields.OptionalInt("directiveness", -3, 3));
  TRY_ASSIGN(scales.emotional_intensity, fields.OptionalInt("emotional_intensity", -3, 3));
  TRY_ASSIGN(scales.past_orientation, fields.OptionalInt("past_orientation", -3, 3));
  TRY_ASSIGN(scales.challenge, fields.OptionalInt("challenge", -3, 3));
  return scales;
}

}  // namespace

Result<CnipScales> ParseCnipScales(const JsonFields& parent, std::string_view key) {
  return ParseScales(parent, key);
}

Result<ClientProfile> ParseProfile(const std::string& json_text, const catalog::Catalog& catalog) {
  TRY_ASSIGN(json document, catalog::ParseJson(json_text, "profile"));
  if (!document.is_object()) return InvalidArgument("profile: must be a JSON object");
  const JsonFields fields(document, "profile");
  TRY(fields.OnlyKeys(
      {"id", "problems", "sts", "stage_of_change", "preferences", "goals", "risk", "history"}));
  ClientProfile profile;

  TRY_ASSIGN(std::vector<json> problems, fields.Array("problems", true));
  for (std::size_t index = 0; index < problems.size(); ++index) {
    const JsonFields item(problems[index], "profile: problems[" + std::to_string(index) + "]");
    if (!problems[index].is_object()) return InvalidArgument(item.context() + " must be an object");
    TRY(item.OnlyKeys({"id", "severity"}));
    ProblemEntry entry;
    TRY_ASSIGN(entry.id, item.String("id"));
    if (!item.Has("severity")) return item.Fail("severity", "is missing");
    TRY_ASSIGN(std::optional<Severity> severity, OptionalWord(item, "severity", kSeverityWords));
    entry.severity = *severity;
    profile.problems.push_back(std::move(entry));
  }

  TRY_ASSIGN(std::optional<json> sts, fields.OptionalObject("sts"));
  if (sts) {
    const JsonFields item(*sts, "profile: sts");
    TRY(item.OnlyKeys(
        {"functional_impairment", "coping_style", "reactance", "distress", "social_support"}));
    TRY_ASSIGN(profile.sts.functional_impairment,
               OptionalWord(item, "functional_impairment", kStsLevelWords));
    TRY_ASSIGN(profile.sts.coping_style, OptionalWord(item, "coping_style", kCopingStyleWords));
    TRY_ASSIGN(profile.sts.reactance, OptionalWord(item, "reactance", kStsLevelWords));
    TRY_ASSIGN(profile.sts.distress, OptionalWord(item, "distress", kStsLevelWords));
    TRY_ASSIGN(profile.sts.social_support, OptionalWord(item, "social_support", kStsLevelWords));
  }
  TRY_ASSIGN(profile.stage, OptionalWord(fields, "stage_of_change", kStageOfChangeWords));
  TRY_ASSIGN(profile.preferences, ParseScales(fields, "preferences"));
  TRY_ASSIGN(profile.goals, fields.Strings("goals"));

  TRY_ASSIGN(std::optional<json> risk, fields.OptionalObject("risk"));
  if (risk) {
    const JsonFields item(*risk, "profile: risk");
    TRY(item.OnlyKeys(
        {"suicidality", "self_harm", "psychosis", "substance_intoxication", "dissociation"}));
    TRY_ASSIGN(profile.risk.suicidality, OptionalWord(item, "suicidality", kSuicidalityWords));
    TRY_ASSIGN(profile.risk.self_harm, item.OptionalBool("self_harm"));
    TRY_ASSIGN(profile.risk.psychosis, item.OptionalBool("psychosis"));
    TRY_ASSIGN(profile.risk.substance_intoxication, item.OptionalBool("substance_intoxication"));
    TRY_ASSIGN(profile.risk.dissociation, OptionalWord(item, "dissociation", kDissociationWords));
  }

  TRY_ASSIGN(std::vector<json> history, fields.Array("history", false));
  for (std::size_t index = 0; index < history.size(); ++index) {
    const JsonFields item(history[index], "profile: history[" + std::to_string(index) + "]");
    if (!history[index].is_object()) return InvalidArgument(item.context() + " must be an object");
    TRY(item.OnlyKeys({"technique", "response"}));
    HistoryEntry entry;
    TRY_ASSIGN(entry.technique, item.String("technique"));
    if (!item.Has("response")) return item.Fail("response", "is missing");
    TRY_ASSIGN(std::optional<Response> response, OptionalWord(item, "response", kResponseWords));
    entry.response = *response;
    profile.history.push_back(std::move(entry));
  }
  TRY(ValidateProfile(profile, catalog));
  return profile;
}

Status ValidateProfile(const ClientProfile& profile, const catalog::Catalog& catalog) {
  if (profile.problems.empty())
    return InvalidArgument("profile: problems must name at least one problem");
  std::set<std::string> seen;
  for (std::size_t index = 0; index < profile.problems.size(); ++index) {
    const std::string& id = profile.problems[index].id;
    const std::string field = "profile: problems[" + std::to_string(index) + "].id";
    if (!catalog.FindProblem(id))
      return InvalidArgument(field + " '" + id + "' is not a known problem area");
    if (!seen.insert(id).second) return InvalidArgument(field + " '" + id + "' is listed twice");
  }
  for (std::size_t index = 0; index < profile.history.size(); ++index) {
    const std::string& id = profile.history[index].technique;
    if (!catalog.FindTechnique(id)) {
      return InvalidArgument("profile: history[" + std::to_string(index) + "].technique '" + id +
                             "' is not a known technique");
    }
  }
  for (std::size_t index = 0; index < profile.goals.size(); ++index) {
    if (profile.goals[index].empty()) {
      return InvalidArgument("profile: goals[" + std::to_string(index) + "] must not be empty");
    }
  }
  return Ok();
}

}  // namespace tessera::planner
