#include "planner/plan_builder.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <functional>
#include <map>
#include <optional>

#include "catalog/vocabulary.hpp"

namespace tessera::planner {

using catalog::Phase;

bool Incompatible(const catalog::Technique& first, const catalog::Technique& second) {
  const auto lists = [](const catalog::Technique& technique, const std::string& other) {
    return std::find(technique.incompatible_with.begin(), technique.incompatible_with.end(),
                     other) != technique.incompatible_with.end();
  };
  return lists(first, second.id) || lists(second, first.id);
}

bool AddWithPrerequisites(const std::string& id, const Assessment& assessment,
                          std::vector<std::string>& chosen) {
  std::vector<std::string> additions;
  // Depth-first: a prerequisite's own prerequisites come before it.
  const std::function<bool(const std::string&)> visit = [&](const std::string& next) {
    if (std::find(chosen.begin(), chosen.end(), next) != chosen.end()) return true;
    if (std::find(additions.begin(), additions.end(), next) != additions.end()) return true;
    const Candidate* candidate = assessment.Find(next);
    if (!candidate) return false;
    for (const auto& prerequisite : candidate->technique->prerequisites) {
      if (!visit(prerequisite)) return false;
    }
    for (const auto& existing : chosen) {
      if (Incompatible(*candidate->technique, *assessment.Find(existing)->technique)) return false;
    }
    additions.push_back(next);
    return true;
  };
  if (!visit(id)) return false;
  chosen.insert(chosen.end(), additions.begin(), additions.end());
  return true;
}

bool EnsureSafetyWork(const Assessment& assessment, std::vector<std::string>& chosen) {
  const std::string& id = assessment.safety_technique;
  if (id.empty() || std::find(chosen.begin(), chosen.end(), id) != chosen.end()) return false;
  std::vector<std::string> with_safety;
  if (!AddWithPrerequisites(id, assessment, with_safety)) return false;
  for (const auto& existing : chosen) {
    if (std::find(with_safety.begin(), with_safety.end(), existing) == with_safety.end())
      with_safety.push_back(existing);
  }
  chosen = std::move(with_safety);
  return true;
}

namespace {

// Work that actively regulates arousal and suits the stabilisation phase.
bool Stabilising(const catalog::Technique& technique) {
  return std::find(technique.phases.begin(), technique.phases.end(), Phase::kStabilisation) !=
             technique.phases.end() &&
         technique.sts.arousal == catalog::Arousal::kLowering;
}

}  // namespace

std::string EnsureStabilisation(const Assessment& assessment, std::vector<std::string>& chosen) {
  const auto needs = std::any_of(chosen.begin(), chosen.end(), [&](const std::string& id) {
    return assessment.Find(id)->after_stabilisation;
  });
  const auto has = std::any_of(chosen.begin(), chosen.end(), [&](const std::string& id) {
    return Stabilising(*assessment.Find(id)->technique);
  });
  if (!needs || has) return "";
  for (const auto& candidate : assessment.candidates) {  // best fit first
    if (!Stabilising(*candidate.technique)) continue;
    if (AddWithPrerequisites(candidate.scored.id, assessment, chosen)) return candidate.scored.id;
  }
  return "";
}

bool AllowedInPhase(const Candidate& candidate, Phase phase, const Assessment& assessment) {
  const catalog::Technique& technique = *candidate.technique;
  if (candidate.after_stabilisation && phase <= Phase::kStabilisation) return false;
  if (assessment.needs_motivation && technique.readiness == catalog::Readiness::kAction &&
      phase < Phase::kSkills) {
    return false;
  }
  if (assessment.needs_stabilisation && technique.sts.arousal == catalog::Arousal::kRaising &&
      phase <= Phase::kStabilisation) {
    return false;
  }
  return true;
}

namespace {

Phase Placement(const Candidate& candidate, const Assessment& assessment) {
  // When stabilisation is needed, regulating work goes there rather than into engagement.
  if (assessment.needs_stabilisation && Stabilising(*candidate.technique))
    return Phase::kStabilisation;
  // Without a need for stabilisation there is no stabilisation phase; its work joins skills.
  const auto usable = [&](Phase phase) {
    return AllowedInPhase(candidate, phase, assessment) &&
           (assessment.needs_stabilisation || phase != Phase::kStabilisation);
  };
  for (const Phase phase : candidate.technique->phases) {
    if (usable(phase)) return phase;
  }
  // None of its own phases is allowed: the earliest phase that is.
  for (const Phase phase : catalog::kAllPhases) {
    if (usable(phase) && phase >= candidate.technique->phases.front()) return phase;
  }
  return Phase::kProcessing;
}

}  // namespace

PlannedTechnique Planned(const std::string& id, const Assessment& assessment) {
  const Candidate* candidate = assessment.Find(id);
  assert(candidate != nullptr);
  return candidate->scored;
}

std::vector<PlanPhase> ArrangeIntoPhases(const std::vector<std::string>& chosen,
                                         const Assessment& assessment) {
  std::map<std::string, Phase> placement;
  for (const auto& id : chosen) placement[id] = Placement(*assessment.Find(id), assessment);
  // A technique never comes before its prerequisites; repeat until stable (chains are short).
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& id : chosen) {
      for (const auto& prerequisite : assessment.Find(id)->technique->prerequisites) {
        const auto found = placement.find(prerequisite);
        if (found != placement.end() && found->second > placement[id]) {
          placement[id] = found->second;
          changed = true;
        }
      }
    }
  }
  std::vector<PlanPhase> phases;
  for (const Phase phase : catalog::kAllPhases) {
    std::vector<std::string> members;
    for (const auto& candidate : assessment.candidates) {  // fit order
      const auto found = placement.find(candidate.scored.id);
      if (found != placement.end() && found->second == phase)
        members.push_back(candidate.scored.id);
    }
    if (members.empty()) continue;
    PlanPhase plan_phase;
    plan_phase.phase = phase;
    // Emit a technique only after its prerequisites in the same phase.
    std::vector<std::string> emitted;
    while (emitted.size() < members.size()) {
      for (const auto& id : members) {
        if (std::find(emitted.begin(), emitted.end(), id) != emitted.end()) continue;
        const auto& prerequisites = assessment.Find(id)->technique->prerequisites;
        const bool ready =
            std::all_of(prerequisites.begin(), prerequisites.end(), [&](const std::string& other) {
              return std::find(members.begin(), members.end(), other) == members.end() ||
                     std::find(emitted.begin(), emitted.end(), other) != emitted.end();
            });
        if (!ready) continue;
        emitted.push_back(id);
        plan_phase.techniques.push_back(Planned(id, assessment));
        break;
      }
    }
    phases.push_back(std::move(plan_phase));
  }
  return phases;
}

void OpenWithSafetyWork(Plan& plan, const Assessment& assessment) {
  const std::string& id = assessment.safety_technique;
  if (id.empty()) return;
  const Candidate* safety = assessment.Find(id);
  std::optional<PlannedTechnique> planned;
  for (auto phase = plan.phases.begin(); phase != plan.phases.end(); ++phase) {
    const auto found =
        std::find_if(phase->techniques.begin(), phase->techniques.end(),
                     [&](const PlannedTechnique& technique) { return technique.id == id; });
    if (found == phase->techniques.end()) continue;
    planned = *found;
    phase->techniques.erase(found);
    if (phase->techniques.empty()) plan.phases.erase(phase);
    break;
  }
  if (!planned) {
    for (const auto& phase : plan.phases) {
      for (const auto& technique : phase.techniques) {
        if (Incompatible(*safety->technique, *assessment.Find(technique.id)->technique)) {
          plan.explanation.push_back("risk reported, but " + id + " conflicts with " +
                                     technique.id +
                                     ": arrange safety planning before any other work");
          return;
        }
      }
    }
    planned = Planned(id, assessment);
  }
  const auto& own = safety->technique->phases;
  const bool suits_first =
      !plan.phases.empty() &&
      std::find(own.begin(), own.end(), plan.phases.front().phase) != own.end();
  if (!suits_first) {
    PlanPhase opening;
    opening.phase = own.empty() ? Phase::kEngagement : own.front();
    plan.phases.insert(plan.phases.begin(), std::move(opening));
  }
  plan.phases.front().techniques.insert(plan.phases.front().techniques.begin(),
                                        std::move(*planned));
  // Safety planning before any other work when risk is reported (docs/planner.md; clinical
  // sources in the technique's catalogue entry and data/catalog/sources.json).
  plan.explanation.push_back("risk reported: " + id + " opens the first phase (" +
                             std::string(catalog::Name(plan.phases.front().phase)) +
                             "), before any other work");
}

void FinishPhases(Plan& plan, const StrategyContext& context) {
  const auto& catalog = context.catalog;
  const auto& request = context.request;
  std::vector<double> raw;
  double total = 0;
  for (const auto& phase : plan.phases) {
    double sessions = 0;
    for (const auto& technique : phase.techniques)
      sessions += catalog.FindTechnique(technique.id)->sessions;
    raw.push_back(std::max(1.0, sessions));
    total += raw.back();
  }
  // Share the budget in proportion to the techniques' planning estimates (largest remainder).
  const int budget = request.constraints.session_budget;
  std::vector<int> allocated(raw.size(), 1);
  if (!raw.empty()) {
    std::vector<std::pair<double, std::size_t>> remainders;
    int used = 0;
    for (std::size_t index = 0; index < raw.size(); ++index) {
      const double exact = raw[index] * budget / total;
      allocated[index] = std::max(1, static_cast<int>(std::floor(exact)));
      used += allocated[index];
      remainders.emplace_back(exact - std::floor(exact), index);
    }
    std::stable_sort(remainders.begin(), remainders.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t step = 0; used < budget && step < remainders.size(); ++step, ++used) {
      ++allocated[remainders[step].second];
    }
  }
  if (total > budget) {
    plan.explanation.push_back(
        "the techniques' planning estimates add up to " + std::to_string(static_cast<int>(total)) +
        " sessions, more than the budget of " + std::to_string(budget) +
        ": sessions were shared in proportion; consider fewer techniques or more sessions");
  }
  int cumulative = 0;
  for (std::size_t index = 0; index < plan.phases.size(); ++index) {
    PlanPhase& phase = plan.phases[index];
    const catalog::PhaseInfo* info = catalog.FindPhase(phase.phase);
    phase.name = info ? info->name : std::string(catalog::Name(phase.phase));
    if (info) {
      phase.switch_criteria = info->switch_criteria;
      phase.switch_triggers = info->switch_triggers;
    }
    phase.models.clear();
    for (const auto& technique : phase.techniques) {
      if (std::find(phase.models.begin(), phase.models.end(), technique.model) ==
          phase.models.end()) {
        phase.models.push_back(technique.model);
      }
    }
    phase.sessions = allocated[index];
    cumulative += phase.sessions;
    phase.review_at_session = cumulative;
    phase.goals.clear();
    if (info) phase.goals.push_back(info->purpose);
    const bool change_phase = phase.phase >= Phase::kSkills && phase.phase <= Phase::kConsolidation;
    for (const auto& goal : request.profile.goals) {
      if (change_phase) phase.goals.push_back("client goal: " + goal);
    }
    if (phase.phase == Phase::kEngagement && !request.profile.goals.empty()) {
      phase.goals.push_back(
          "agree the client's goals in their own words and how progress will be reviewed");
    }
    // Lead: the team member who delivers most of the phase; ties go to the first listed.
    phase.lead_therapist.clear();
    int best = 0;
    for (const auto& therapist : request.therapists) {
      const int count = static_cast<int>(
          std::count_if(phase.techniques.begin(), phase.techniques.end(),
                        [&](const PlannedTechnique& t) { return t.therapist == therapist.id; }));
      if (count > best) {
        best = count;
        phase.lead_therapist = therapist.id;
      }
    }
  }
}

}  // namespace tessera::planner
