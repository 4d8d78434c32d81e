// Profile files (JSON) into ClientProfile, refusing bad input with the field named.

#include "planner/profile.hpp"

#include <set>

#include "json/object.hpp"
#include "planner/internal/cnip_json.hpp"

namespace tessera::planner {

using nlohmann::json;

namespace {

template <class E, std::size_t N>
Result<std::optional<E>> OptionalWord(const JsonObject& fields, std::string_view key,
                                      const WordTable<E, N>& words) {
  if (!fields.Has(key)) return std::optional<E>();
  TRY_ASSIGN(std::string word, fields.String(key));
  const std::optional<E> value = ValueFor(words, word);
  if (!value) return fields.Fail(key, "'" + word + "' is not one of " + AllowedWords(words));
  return value;
}

}  // namespace

Result<CnipScales> ParseCnipScales(const JsonObject& parent, std::string_view key) {
  CnipScales scales;
  TRY_ASSIGN(std::optional<JsonObject> object,
             parent.OptionalObject(
                 key, {"directiveness", "emotional_intensity", "past_orientation", "challenge"}));
  if (!object) return scales;
  TRY_ASSIGN(scales.directiveness, object->OptionalInteger("directiveness", -3, 3));
  TRY_ASSIGN(scales.emotional_intensity, object->OptionalInteger("emotional_intensity", -3, 3));
  TRY_ASSIGN(scales.past_orientation, object->OptionalInteger("past_orientation", -3, 3));
  TRY_ASSIGN(scales.challenge, object->OptionalInteger("challenge", -3, 3));
  return scales;
}

Result<ClientProfile> ParseProfile(const std::string& json_text, const catalog::Catalog& catalog) {
  TRY_ASSIGN(json document, ParseJson(json_text, "profile"));
  TRY_ASSIGN(JsonObject fields, JsonObject::Open(document, "profile",
                                                 {"id", "problems", "sts", "stage_of_change",
                                                  "preferences", "goals", "risk", "history"}));
  ClientProfile profile;

  TRY_ASSIGN(JsonArray problems, fields.Array("problems", JsonPresence::kNonEmpty));
  for (std::size_t index = 0; index < problems.size(); ++index) {
    TRY_ASSIGN(JsonObject item, problems.Object(index, {"id", "severity"}));
    ProblemEntry entry;
    TRY_ASSIGN(entry.id, item.String("id"));
    if (!item.Has("severity")) return item.Fail("severity", "required");
    TRY_ASSIGN(std::optional<Severity> severity, OptionalWord(item, "severity", kSeverityWords));
    entry.severity = *severity;
    profile.problems.push_back(std::move(entry));
  }

  TRY_ASSIGN(std::optional<JsonObject> sts,
             fields.OptionalObject("sts", {"functional_impairment", "coping_style", "reactance",
                                           "distress", "social_support"}));
  if (sts) {
    const JsonObject& item = *sts;
    TRY_ASSIGN(profile.sts.functional_impairment,
               OptionalWord(item, "functional_impairment", kStsLevelWords));
    TRY_ASSIGN(profile.sts.coping_style, OptionalWord(item, "coping_style", kCopingStyleWords));
    TRY_ASSIGN(profile.sts.reactance, OptionalWord(item, "reactance", kStsLevelWords));
    TRY_ASSIGN(profile.sts.distress, OptionalWord(item, "distress", kStsLevelWords));
    TRY_ASSIGN(profile.sts.social_support, OptionalWord(item, "social_support", kStsLevelWords));
  }
  TRY_ASSIGN(profile.stage, OptionalWord(fields, "stage_of_change", kStageOfChangeWords));
  TRY_ASSIGN(profile.preferences, ParseCnipScales(fields, "preferences"));
  TRY_ASSIGN(profile.goals, fields.Strings("goals"));

  TRY_ASSIGN(std::optional<JsonObject> risk,
             fields.OptionalObject("risk", {"suicidality", "self_harm", "psychosis",
                                            "substance_intoxication", "dissociation"}));
  if (risk) {
    const JsonObject& item = *risk;
    TRY_ASSIGN(profile.risk.suicidality, OptionalWord(item, "suicidality", kSuicidalityWords));
    TRY_ASSIGN(profile.risk.self_harm, item.OptionalBool("self_harm"));
    TRY_ASSIGN(profile.risk.psychosis, item.OptionalBool("psychosis"));
    TRY_ASSIGN(profile.risk.substance_intoxication, item.OptionalBool("substance_intoxication"));
    TRY_ASSIGN(profile.risk.dissociation, OptionalWord(item, "dissociation", kDissociationWords));
  }

  TRY_ASSIGN(JsonArray history, fields.Array("history"));
  for (std::size_t index = 0; index < history.size(); ++index) {
    TRY_ASSIGN(JsonObject item, history.Object(index, {"technique", "response"}));
    HistoryEntry entry;
    TRY_ASSIGN(entry.technique, item.String("technique"));
    if (!item.Has("response")) return item.Fail("response", "required");
    TRY_ASSIGN(std::optional<Response> response, OptionalWord(item, "response", kResponseWords));
    entry.response = *response;
    profile.history.push_back(std::move(entry));
  }
  TRY(ValidateProfile(profile, catalog));
  return profile;
}

Status ValidateProfile(const ClientProfile& profile, const catalog::Catalog& catalog) {
  if (profile.problems.empty()) return JsonFail({}, "profile.problems", "must not be empty");
  std::set<std::string> seen;
  for (std::size_t index = 0; index < profile.problems.size(); ++index) {
    const std::string& id = profile.problems[index].id;
    const std::string field = JsonElementPath("profile.problems", index) + ".id";
    if (!catalog.FindProblem(id))
      return JsonFail({}, field, "'" + id + "' is not a known problem area");
    if (!seen.insert(id).second) return JsonFail({}, field, "'" + id + "' is listed twice");
  }
  for (std::size_t index = 0; index < profile.history.size(); ++index) {
    const std::string& id = profile.history[index].technique;
    if (!catalog.FindTechnique(id)) {
      return JsonFail({}, JsonElementPath("profile.history", index) + ".technique",
                      "'" + id + "' is not a known technique");
    }
  }
  for (std::size_t index = 0; index < profile.goals.size(); ++index) {
    if (profile.goals[index].empty()) {
      return JsonFail({}, JsonElementPath("profile.goals", index), "must not be empty");
    }
  }
  return Ok();
}

}  // namespace tessera::planner
