// Scenario files: parsing and turning setup lines into a plan request.

#include <algorithm>
#include <sstream>

#include "catalog/vocabulary.hpp"
#include "planner/measure_profile.hpp"
#include "planner/scenario.hpp"

namespace tessera::planner::scenario {

namespace {

Unexpected<Error> LineError(const Line& line, const std::string& message) {
  return InvalidArgument("line " + std::to_string(line.number) + ": " + message);
}

Result<int> Number(const Line& line, std::size_t index) {
  if (line.words.size() <= index) return LineError(line, "a number is missing");
  try {
    std::size_t used = 0;
    const int value = std::stoi(line.words[index], &used);
    if (used != line.words[index].size())
      return LineError(line, "'" + line.words[index] + "' is not a whole number");
    return value;
  } catch (const std::exception&) {
    return LineError(line, "'" + line.words[index] + "' is not a whole number");
  }
}

template <class E>
Result<E> Word(const Line& line, std::size_t index, std::optional<E> (*parse)(std::string_view)) {
  if (line.words.size() <= index) return LineError(line, "a word is missing");
  const auto value = parse(line.words[index]);
  if (!value) return LineError(line, "'" + line.words[index] + "' is not allowed here");
  return *value;
}

std::optional<bool> ParseBool(std::string_view word) {
  if (word == "true" || word == "yes") return true;
  if (word == "false" || word == "no") return false;
  return std::nullopt;
}

Therapist* FindTherapist(PlanRequest& request, const std::string& id) {
  for (auto& therapist : request.therapists) {
    if (therapist.id == id) return &therapist;
  }
  return nullptr;
}

std::optional<int> CnipScales::*ScaleMember(const std::string& name) {
  if (name == "directiveness") return &CnipScales::directiveness;
  if (name == "emotional_intensity") return &CnipScales::emotional_intensity;
  if (name == "past_orientation") return &CnipScales::past_orientation;
  if (name == "challenge") return &CnipScales::challenge;
  return nullptr;
}

Status Apply(const Line& line, PlanRequest& request, std::vector<MeasureSummary>& measures) {
  const std::string& key = line.words[0];
  ClientProfile& profile = request.profile;
  const auto need = [&](std::size_t count) -> Status {
    if (line.words.size() < count)
      return LineError(line, "'" + key + "' needs " + std::to_string(count - 1) + " values");
    return Ok();
  };
  if (key == "problem") {
    TRY(need(3));
    TRY_ASSIGN(Severity severity, Word<Severity>(line, 2, ParseSeverity));
    auto existing =
        std::find_if(profile.problems.begin(), profile.problems.end(),
                     [&](const ProblemEntry& entry) { return entry.id == line.words[1]; });
    if (existing != profile.problems.end())
      existing->severity = severity;
    else
      profile.problems.push_back({line.words[1], severity});
  } else if (key == "no_problem") {
    TRY(need(2));
    std::erase_if(profile.problems,
                  [&](const ProblemEntry& entry) { return entry.id == line.words[1]; });
  } else if (key == "sts") {
    TRY(need(3));
    const std::string& dimension = line.words[1];
    if (dimension == "coping_style") {
      TRY_ASSIGN(profile.sts.coping_style, Word<CopingStyle>(line, 2, ParseCopingStyle));
    } else {
      TRY_ASSIGN(StsLevel level, Word<StsLevel>(line, 2, ParseStsLevel));
      if (dimension == "functional_impairment")
        profile.sts.functional_impairment = level;
      else if (dimension == "reactance")
        profile.sts.reactance = level;
      else if (dimension == "distress")
        profile.sts.distress = level;
      else if (dimension == "social_support")
        profile.sts.social_support = level;
      else
        return LineError(line, "unknown STS dimension '" + dimension + "'");
    }
  } else if (key == "stage") {
    TRY(need(2));
    TRY_ASSIGN(profile.stage, Word<StageOfChange>(line, 1, ParseStageOfChangeWord));
  } else if (key == "preference") {
    TRY(need(3));
    const auto member = ScaleMember(line.words[1]);
    if (!member) return LineError(line, "unknown preference scale '" + line.words[1] + "'");
    TRY_ASSIGN(profile.preferences.*member, Number(line, 2));
  } else if (key == "risk") {
    TRY(need(3));
    const std::string& flag = line.words[1];
    if (flag == "suicidality") {
      TRY_ASSIGN(profile.risk.suicidality, Word<Suicidality>(line, 2, ParseSuicidality));
    } else if (flag == "dissociation") {
      TRY_ASSIGN(profile.risk.dissociation, Word<Dissociation>(line, 2, ParseDissociation));
    } else {
      TRY_ASSIGN(bool value, Word<bool>(line, 2, ParseBool));
      if (flag == "self_harm")
        profile.risk.self_harm = value;
      else if (flag == "psychosis")
        profile.risk.psychosis = value;
      else if (flag == "substance_intoxication")
        profile.risk.substance_intoxication = value;
      else
        return LineError(line, "unknown risk flag '" + flag + "'");
    }
  } else if (key == "goal") {
    if (line.rest.empty()) return LineError(line, "goal needs the client's words");
    profile.goals.push_back(line.rest);
  } else if (key == "history") {
    TRY(need(3));
    TRY_ASSIGN(Response response, Word<Response>(line, 2, ParseResponse));
    profile.history.push_back({line.words[1], response});
  } else if (key == "measure") {
    TRY(need(3));
    // The band label is the rest of the line: labels may contain spaces ("moderately severe").
    const std::string band = line.rest.substr(line.rest.find_first_of(" \t") + 1);
    measures.push_back({line.words[1], 0, band.substr(band.find_first_not_of(" \t"))});
  } else if (key == "therapist") {
    TRY(need(2));
    if (!FindTherapist(request, line.words[1]))
      request.therapists.push_back({line.words[1], "", {}, {}});
    if (line.words.size() >= 4 && line.words[2] == "home")
      FindTherapist(request, line.words[1])->home_model = line.words[3];
  } else if (key == "competence") {
    TRY(need(5));
    Therapist* therapist = FindTherapist(request, line.words[1]);
    if (!therapist) return LineError(line, "therapist '" + line.words[1] + "' is not declared");
    const CompetenceScope scope =
        line.words[2] == "technique" ? CompetenceScope::kTechnique : CompetenceScope::kModel;
    TRY_ASSIGN(Competence level, Word<Competence>(line, 4, ParseCompetence));
    therapist->competencies.push_back({scope, line.words[3], level});
  } else if (key == "style") {
    TRY(need(4));
    Therapist* therapist = FindTherapist(request, line.words[1]);
    const auto member = ScaleMember(line.words[2]);
    if (!therapist || !member)
      return LineError(line, "style needs a declared therapist and a C-NIP scale");
    TRY_ASSIGN(therapist->style.*member, Number(line, 3));
  } else if (key == "strategy") {
    TRY(need(2));
    TRY_ASSIGN(request.strategy, Word<Strategy>(line, 1, ParseStrategy));
  } else if (key == "sessions") {
    TRY_ASSIGN(request.constraints.session_budget, Number(line, 1));
  } else if (key == "max_per_phase") {
    TRY_ASSIGN(request.constraints.max_techniques_per_phase, Number(line, 1));
  } else if (key == "max_techniques") {
    TRY_ASSIGN(request.constraints.max_techniques, Number(line, 1));
  } else {
    return LineError(line, "unknown setting '" + key + "'");
  }
  return Ok();
}

}  // namespace

Result<Scenario> ParseScenario(std::string_view text, std::string_view stem) {
  TRY_ASSIGN(const auto file, ::tessera::scenario::Parse(text, stem));
  Scenario scenario;
  scenario.title = file.description;
  bool in_variant = false;
  for (const auto& line : file.lines) {
    if (line.words[0] == "variant") {
      in_variant = true;
    } else if (line.words[0] == "expect" || line.words[0] == "compare") {
      scenario.expectations.push_back(line);
    } else {
      (in_variant ? scenario.variant_setup : scenario.setup).push_back(line);
    }
  }
  if (scenario.expectations.empty())
    return InvalidArgument("a scenario needs at least one expectation");
  return scenario;
}

Result<PlanRequest> BuildRequest(const Scenario& scenario, bool variant,
                                 const catalog::Catalog& catalog) {
  PlanRequest request;
  request.strategy = Strategy::kAuto;
  std::vector<MeasureSummary> measures;
  for (const auto& line : scenario.setup) TRY(Apply(line, request, measures));
  if (variant) {
    for (const auto& line : scenario.variant_setup) TRY(Apply(line, request, measures));
  }
  for (const auto& therapist : request.therapists) {
    for (const auto& entry : therapist.competencies) {
      const bool known = entry.scope == CompetenceScope::kModel
                             ? catalog.FindModel(entry.id) != nullptr
                             : catalog.FindTechnique(entry.id) != nullptr;
      if (!known)
        return InvalidArgument("competence of " + therapist.id + ": '" + entry.id +
                               "' is not in the catalogue");
    }
  }
  if (!measures.empty()) {
    TRY_ASSIGN(auto derived, ProblemsFromMeasures(measures, catalog));
    MergeProblems(request.profile, derived);
  }
  return request;
}

}  // namespace tessera::planner::scenario
