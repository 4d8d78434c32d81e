// Scenario expectations: each one checks one property of the plan and explains a failure in
// the scenario's own words.

#include <algorithm>
#include <cmath>

#include "catalog/vocabulary.hpp"
#include "planner/plan_output.hpp"
#include "planner/planner.hpp"
#include "planner/scenario.hpp"

namespace tessera::planner::scenario {

namespace {

std::string Join(const std::vector<std::string>& words, std::size_t from) {
  std::string joined;
  for (std::size_t index = from; index < words.size(); ++index)
    joined += (joined.empty() ? "" : " ") + words[index];
  return joined;
}

bool Has(const std::string& text, const std::string& fragment) {
  return text.find(fragment) != std::string::npos;
}

std::vector<std::string> Ids(const Plan& plan) {
  std::vector<std::string> ids;
  for (const auto& phase : plan.phases) {
    for (const auto& technique : phase.techniques) ids.push_back(technique.id);
  }
  return ids;
}

const PlannedTechnique* FindPlanned(const Plan& plan, const std::string& id,
                                    int* phase_index = nullptr, int* position = nullptr) {
  for (std::size_t index = 0; index < plan.phases.size(); ++index) {
    const auto& techniques = plan.phases[index].techniques;
    for (std::size_t place = 0; place < techniques.size(); ++place) {
      if (techniques[place].id != id) continue;
      if (phase_index) *phase_index = static_cast<int>(index);
      if (position) *position = static_cast<int>(place);
      return &techniques[place];
    }
  }
  return nullptr;
}

int PhaseIndex(const Plan& plan, const std::string& phase) {
  for (std::size_t index = 0; index < plan.phases.size(); ++index) {
    if (catalog::Name(plan.phases[index].phase) == phase) return static_cast<int>(index);
  }
  return -1;
}

// The mean of a signed attribute (-1, 0, +1) over the plan's techniques.
double MeanAttribute(const Plan& plan, const catalog::Catalog& catalog,
                     const std::string& attribute) {
  double sum = 0;
  int count = 0;
  for (const auto& id : Ids(plan)) {
    const catalog::StsAttributes& sts = catalog.FindTechnique(id)->sts;
    int value = 0;
    if (attribute == "mean_directiveness")
      value = static_cast<int>(sts.directiveness) - 1;
    else if (attribute == "mean_insight")
      value = static_cast<int>(sts.focus) - 1;
    else if (attribute == "mean_arousal")
      value = static_cast<int>(sts.arousal) - 1;
    else if (attribute == "mean_intensity")
      value = static_cast<int>(sts.intensity) - 1;
    else if (attribute == "mean_challenge")
      value = static_cast<int>(sts.challenge) - 1;
    sum += value;
    ++count;
  }
  return count ? sum / count : 0;
}

Result<double> Metric(const Plan& plan, const catalog::Catalog& catalog,
                      const std::vector<std::string>& words) {
  const std::string& metric = words.at(1);
  if (metric.rfind("mean_", 0) == 0) return MeanAttribute(plan, catalog, metric);
  if (metric == "technique_count") return static_cast<double>(Ids(plan).size());
  if (metric == "objective") {
    if (!plan.objective)
      return InvalidArgument("the plan has no objective (not selective synthesis)");
    return *plan.objective;
  }
  if (words.size() < 4) return InvalidArgument("compare " + metric + " needs an argument");
  const std::string& argument = words[2];
  if (metric == "fit") {
    if (const PlannedTechnique* planned = FindPlanned(plan, argument)) return planned->fit;
    for (const auto& ranked : plan.ranking) {
      if (ranked.id == argument) return ranked.fit;
    }
    return InvalidArgument("fit of " + argument + ": not in the plan or its ranking");
  }
  if (metric == "count_model") {
    const auto ids = Ids(plan);
    return static_cast<double>(std::count_if(ids.begin(), ids.end(), [&](const std::string& id) {
      return catalog.FindTechnique(id)->model == argument;
    }));
  }
  if (metric == "phase_of") {
    int phase = -1;
    FindPlanned(plan, argument, &phase);
    if (phase < 0) return InvalidArgument("phase_of " + argument + ": not in the plan");
    return static_cast<double>(plan.phases[phase].phase);
  }
  if (metric == "sessions_of_phase") {
    const int index = PhaseIndex(plan, argument);
    return index < 0 ? 0.0 : static_cast<double>(plan.phases[index].sessions);
  }
  return InvalidArgument("unknown metric '" + metric + "'");
}

// Checks one "expect" line against a plan (or the error it produced); returns "" when it holds.
std::string CheckOne(const std::vector<std::string>& words, const Result<Plan>& made,
                     const catalog::Catalog& catalog) {
  const std::string what = words.size() > 1 ? words[1] : "";
  if (what == "error") {
    const std::string fragment = Join(words, 2);
    if (made) return "expected an error containing '" + fragment + "', got a plan";
    return Has(made.error().message(), fragment) ? "" : "error was: " + made.error().message();
  }
  if (!made) return "planning failed: " + made.error().message();
  const Plan& plan = *made;
  const auto ids = Ids(plan);
  const auto arg = [&](std::size_t index) {
    return index < words.size() ? words[index] : std::string();
  };
  if (what == "strategy")
    return std::string(Name(plan.strategy)) == arg(2)
               ? ""
               : "strategy is " + std::string(Name(plan.strategy));
  if (what == "template")
    return plan.template_id == arg(2) ? "" : "template is '" + plan.template_id + "'";
  if (what == "home_model")
    return plan.home_model == arg(2) ? "" : "home model is '" + plan.home_model + "'";
  if (what == "technique") {
    const std::string id = arg(2);
    int phase = -1;
    int position = -1;
    const PlannedTechnique* planned = FindPlanned(plan, id, &phase, &position);
    const std::string how = arg(3);
    if (how == "included") return planned ? "" : id + " is not in the plan";
    if (how == "not" && arg(4) == "included") return planned ? id + " is in the plan" : "";
    if (!planned) return id + " is not in the plan";
    if (how == "in" && arg(4) == "phase") {
      const std::string actual(catalog::Name(plan.phases[phase].phase));
      return actual == arg(5) ? "" : id + " is in phase " + actual;
    }
    if (how == "before") {
      int other_phase = -1;
      int other_position = -1;
      if (!FindPlanned(plan, arg(4), &other_phase, &other_position))
        return arg(4) + " is not in the plan";
      const bool before =
          phase < other_phase || (phase == other_phase && position < other_position);
      return before ? "" : id + " does not come before " + arg(4);
    }
    if (how == "therapist")
      return planned->therapist == arg(4) ? "" : id + " goes to '" + planned->therapist + "'";
    if (how == "competence") {
      return std::string(Name(planned->competence_action)) == arg(4)
                 ? ""
                 : id + " competence is " + std::string(Name(planned->competence_action));
    }
    if (how == "reason") {
      const std::string fragment = Join(words, 4);
      for (const auto& reason : planned->reasons) {
        if (Has(reason, fragment)) return "";
      }
      return id + " has no reason containing '" + fragment + "'";
    }
    if (how == "assimilated")
      return planned->assimilation_note.empty() ? id + " has no assimilation note" : "";
  }
  if (what == "model") {
    const bool present = std::any_of(ids.begin(), ids.end(), [&](const std::string& id) {
      return catalog.FindTechnique(id)->model == arg(2);
    });
    if (arg(3) == "included") return present ? "" : "no technique of " + arg(2) + " in the plan";
    if (arg(3) == "not") return present ? "a technique of " + arg(2) + " is in the plan" : "";
  }
  if (what == "excluded") {
    const auto found = std::find_if(plan.excluded.begin(), plan.excluded.end(),
                                    [&](const Exclusion& e) { return e.id == arg(2); });
    if (found == plan.excluded.end()) return arg(2) + " is not excluded";
    const std::string fragment = arg(3) == "reason" ? Join(words, 4) : "";
    return Has(found->reason, fragment) ? "" : arg(2) + " excluded for: " + found->reason;
  }
  if (what == "first" && arg(2) == "technique") {
    if (plan.phases.empty() || plan.phases.front().techniques.empty())
      return "the plan has no techniques";
    const std::string& first = plan.phases.front().techniques.front().id;
    return first == arg(3) ? "" : "the plan opens with " + first;
  }
  if (what == "first" && arg(2) == "phase") {
    if (plan.phases.empty()) return "the plan has no phases";
    const PlanPhase& first = plan.phases.front();
    if (arg(3) == "model") {
      return std::find(first.models.begin(), first.models.end(), arg(4)) != first.models.end()
                 ? ""
                 : "first phase has no " + arg(4) + " technique";
    }
    return std::string(catalog::Name(first.phase)) == arg(3)
               ? ""
               : "first phase is " + std::string(catalog::Name(first.phase));
  }
  if (what == "phase") {
    const int index = PhaseIndex(plan, arg(2));
    if (arg(3) == "present") return index >= 0 ? "" : "no " + arg(2) + " phase";
    if (arg(3) == "absent") return index < 0 ? "" : "there is a " + arg(2) + " phase";
    if (index < 0) return "no " + arg(2) + " phase";
    if (arg(3) == "before") {
      const int other = PhaseIndex(plan, arg(4));
      if (other < 0) return "no " + arg(4) + " phase";
      return index < other ? "" : arg(2) + " does not come before " + arg(4);
    }
    if (arg(3) == "lead")
      return plan.phases[index].lead_therapist == arg(4)
                 ? ""
                 : "lead is '" + plan.phases[index].lead_therapist + "'";
    if (arg(3) == "has" && arg(4) == "no" && arg(5) == "action") {
      for (const auto& technique : plan.phases[index].techniques) {
        if (catalog.FindTechnique(technique.id)->readiness == catalog::Readiness::kAction)
          return technique.id + " is an action technique";
      }
      return "";
    }
    if (arg(3) == "has" && arg(4) == "no" && arg(5) == "arousal-raising") {
      for (const auto& technique : plan.phases[index].techniques) {
        if (catalog.FindTechnique(technique.id)->sts.arousal == catalog::Arousal::kRaising)
          return technique.id + " raises arousal";
      }
      return "";
    }
  }
  if (what == "competence_gap") {
    for (const auto& gap : plan.competence_gaps) {
      if ((arg(2) == "any" || gap.technique == arg(2)) && std::string(Name(gap.action)) == arg(3))
        return "";
    }
    return "no competence gap " + arg(2) + " " + arg(3);
  }
  if (what == "no" && arg(2) == "competence_gaps")
    return plan.competence_gaps.empty() ? "" : "there are competence gaps";
  if (what == "preference_gap") {
    for (const auto& gap : plan.preference_gaps) {
      if (gap.dimension == arg(2)) return "";
    }
    return "no preference gap on " + arg(2);
  }
  if (what == "no" && arg(2) == "preference_gaps")
    return plan.preference_gaps.empty() ? "" : "there are preference gaps";
  if (what == "referral") {
    for (const auto& referral : plan.referrals) {
      if (referral.problem == arg(2)) return "";
    }
    return "no referral for " + arg(2);
  }
  if (what == "objective" && arg(2) == "equals" && arg(3) == "bound") {
    if (!plan.objective || !plan.bound) return "no objective reported";
    return *plan.objective == *plan.bound && plan.proven_optimal
               ? ""
               : "objective differs from the bound";
  }
  if (what == "goals" && arg(2) == "carried") {
    for (const auto& goal : plan.client_goals) {
      bool found = false;
      for (const auto& phase : plan.phases) {
        found = found || std::find(phase.goals.begin(), phase.goals.end(),
                                   "client goal: " + goal) != phase.goals.end();
      }
      if (!found) return "goal '" + goal + "' is in no phase";
    }
    return plan.client_goals.empty() ? "the plan has no client goals" : "";
  }
  if (what == "total" && arg(2) == "sessions") {
    const int total = plan.phases.empty() ? 0 : plan.phases.back().review_at_session;
    return std::to_string(total) == arg(3) ? "" : "total sessions " + std::to_string(total);
  }
  if (what == "explanation") {
    const std::string fragment = Join(words, 2);
    for (const auto& line : plan.explanation) {
      if (Has(line, fragment)) return "";
    }
    return "no explanation line contains '" + fragment + "'";
  }
  if (what == "common_factor") {
    for (const auto& factor : plan.common_factors) {
      if (factor.id == arg(2)) return "";
    }
    return "no common factor " + arg(2);
  }
  if (what == "options" && arg(2) == "offered")
    return plan.offered_options.empty() ? "no options offered" : "";
  if (what == "option") {
    const bool offered =
        std::any_of(plan.offered_options.begin(), plan.offered_options.end(),
                    [&](const OfferedOption& option) { return option.phase == arg(2); });
    return offered ? "" : "no option offered for " + arg(2);
  }
  return "unknown expectation";
}

}  // namespace

std::vector<std::string> Check(const Scenario& scenario, const catalog::Catalog& catalog) {
  std::vector<std::string> failures;
  auto base_request = BuildRequest(scenario, false, catalog);
  if (!base_request) return {base_request.error().message()};
  const Result<Plan> base = MakePlan(*base_request, catalog);
  std::optional<Result<Plan>> variant;
  if (!scenario.variant_setup.empty()) {
    auto variant_request = BuildRequest(scenario, true, catalog);
    if (!variant_request) return {variant_request.error().message()};
    variant.emplace(MakePlan(*variant_request, catalog));
  }
  for (const auto& line : scenario.expectations) {
    const std::string where =
        "line " + std::to_string(line.number) + " (" + Join(line.words, 0) + "): ";
    if (line.words[0] == "compare") {
      if (!variant) {
        failures.push_back(where + "compare needs a variant");
        continue;
      }
      if (!base || !*variant) {
        failures.push_back(where + "a plan failed: " +
                           (!base ? base.error().message() : variant->error().message()));
        continue;
      }
      const auto before = Metric(*base, catalog, line.words);
      const auto after = Metric(**variant, catalog, line.words);
      if (!before || !after) {
        failures.push_back(where + (!before ? before.error().message() : after.error().message()));
        continue;
      }
      const std::string direction = line.words.back();
      const bool holds = direction == "increases"   ? *after > *before + 1e-9
                         : direction == "decreases" ? *after < *before - 1e-9
                         : direction == "same"      ? std::abs(*after - *before) <= 1e-9
                                                    : false;
      if (!holds) {
        failures.push_back(where + "base " + std::to_string(*before) + ", variant " +
                           std::to_string(*after));
      }
      continue;
    }
    std::vector<std::string> words = line.words;
    const Result<Plan>* plan = &base;
    if (words.size() > 1 && words[1] == "variant") {
      if (!variant) {
        failures.push_back(where + "no variant given");
        continue;
      }
      plan = &*variant;
      words.erase(words.begin() + 1);
    }
    if (words.size() > 1 && words[1] == "deterministic") {
      const Result<Plan> again = MakePlan(*BuildRequest(scenario, plan != &base, catalog), catalog);
      if (!*plan || !again || PlanToJson(**plan) != PlanToJson(*again))
        failures.push_back(where + "plans differ");
      continue;
    }
    const std::string failure = CheckOne(words, *plan, catalog);
    if (!failure.empty()) failures.push_back(where + failure);
  }
  return failures;
}

}  // namespace tessera::planner::scenario
