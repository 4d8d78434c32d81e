// Strong client preferences move the plan (issue 14). The fit score's preference component
// alone barely changes which techniques are chosen (weight 0.10 of the fit), so a strong
// preference on a C-NIP scale (|value| >= 2) also acts on the plan: one technique at the
// opposite pole of that scale is replaced by the best-fitting eligible technique at the
// preferred pole that suits the same phase — unless the technique at the opposite pole is the
// evidence-based option (strong evidence for one of the client's problems): then it stays and
// the preferred alternative is offered to the client as a choice, in plain words. Why:
// accommodating client preferences reduced drop-out (odds ratio about 1.8) and improved
// outcomes a little (d about 0.28) in a meta-analysis of 53 studies (Swift, Callahan, Cooper &
// Parkin 2018, J Clin Psychol); where a preference conflicts with the evidence for the
// client's problem, both are offered and the client's choice recorded
// (docs/clinical-sources.md, "Client preferences"). One technique per strong scale is the
// documented amount (docs/planner.md); it is a planning setting, not a clinical number.

#include <algorithm>
#include <cstdlib>

#include "catalog/vocabulary.hpp"
#include "planner/plan_builder.hpp"

namespace tessera::planner {
namespace {

struct Scale {
  const char* name;
  std::optional<int> CnipScales::*member;
  int (*pole)(const catalog::Technique&);
  const char* high_words;  // what a client who scores +3 asks for, in their words
  const char* low_words;
};

const Scale kScales[] = {
    {"directiveness", &CnipScales::directiveness,
     [](const catalog::Technique& t) { return Signed(t.sts.directiveness); },
     "the therapist taking the lead", "leading the work yourself"},
    {"emotional_intensity", &CnipScales::emotional_intensity,
     [](const catalog::Technique& t) { return Signed(t.sts.arousal); },
     "work that brings feelings up strongly", "calmer work that keeps feelings manageable"},
    {"past_orientation", &CnipScales::past_orientation,
     [](const catalog::Technique& t) { return Signed(t.sts.focus); },
     "looking at your past and how it shapes you now", "focusing on the here and now"},
    {"challenge", &CnipScales::challenge,
     [](const catalog::Technique& t) { return Signed(t.sts.challenge); }, "being challenged",
     "warm support"},
};

constexpr int kStrongPreference = 2;

bool StrongEvidenceForClient(const catalog::Technique& technique, const ClientProfile& profile,
                             std::string* problem) {
  for (const auto& evidence : technique.evidence) {
    if (evidence.strength != catalog::Strength::kStrong) continue;
    for (const auto& entry : profile.problems) {
      if (entry.id != evidence.problem) continue;
      *problem = entry.id;
      return true;
    }
  }
  return false;
}

bool IsPlanned(const Plan& plan, const std::string& id) {
  for (const auto& phase : plan.phases) {
    for (const auto& technique : phase.techniques) {
      if (technique.id == id) return true;
    }
  }
  return false;
}

// Whether removing `id` keeps the plan whole: not safety work, not needed first by another.
bool Removable(const Plan& plan, const std::string& id, const Assessment& assessment) {
  if (id == assessment.safety_technique) return false;
  for (const auto& phase : plan.phases) {
    for (const auto& technique : phase.techniques) {
      const auto& needs = assessment.Find(technique.id)->technique->prerequisites;
      if (std::find(needs.begin(), needs.end(), id) != needs.end()) return false;
    }
  }
  return true;
}

// The best-fitting eligible technique at `pole` that could take `replaced`'s place in `phase`.
const Candidate* Alternative(const Plan& plan, const Scale& scale, int pole, catalog::Phase phase,
                             const std::string& replaced, const Assessment& assessment) {
  for (const auto& candidate : assessment.candidates) {  // best fit first
    const catalog::Technique& technique = *candidate.technique;
    if (scale.pole(technique) != pole || candidate.scored.fit <= 0) continue;
    if (IsPlanned(plan, technique.id) || CoveredWeight(technique, assessment.targets) <= 0)
      continue;
    if (std::find(technique.phases.begin(), technique.phases.end(), phase) ==
        technique.phases.end())
      continue;
    if (!AllowedInPhase(candidate, phase, assessment)) continue;
    const bool ready = std::all_of(
        technique.prerequisites.begin(), technique.prerequisites.end(),
        [&](const std::string& needed) { return IsPlanned(plan, needed) && needed != replaced; });
    if (!ready) continue;
    bool conflicts = false;
    for (const auto& planned_phase : plan.phases) {
      for (const auto& other : planned_phase.techniques) {
        conflicts = conflicts || (other.id != replaced &&
                                  Incompatible(technique, *assessment.Find(other.id)->technique));
      }
    }
    if (!conflicts) return &candidate;
  }
  return nullptr;
}

}  // namespace

void HonourStrongPreferences(Plan& plan, const StrategyContext& context) {
  const Assessment& assessment = context.assessment;
  const ClientProfile& profile = context.request.profile;
  // A proven-optimal synthesis and a template keep their technique set; the preference is
  // offered as a choice instead.
  const bool may_swap = plan.strategy != Strategy::kSelectiveSynthesis &&
                        plan.strategy != Strategy::kIntegrativeModel;
  for (const Scale& scale : kScales) {
    const std::optional<int>& value = profile.preferences.*scale.member;
    if (!value || std::abs(*value) < kStrongPreference) continue;
    const int pole = *value > 0 ? 1 : -1;
    const std::string wanted = pole > 0 ? scale.high_words : scale.low_words;
    // The worst-fitting planned technique at the opposite pole that may be replaced.
    PlanPhase* worst_phase = nullptr;
    const PlannedTechnique* worst = nullptr;
    for (auto& phase : plan.phases) {
      for (const auto& technique : phase.techniques) {
        if (scale.pole(*assessment.Find(technique.id)->technique) != -pole) continue;
        if (!Removable(plan, technique.id, assessment)) continue;
        if (worst == nullptr || technique.fit < worst->fit) {
          worst = &technique;
          worst_phase = &phase;
        }
      }
    }
    if (worst == nullptr) continue;
    const Candidate* alternative =
        Alternative(plan, scale, pole, worst_phase->phase, worst->id, assessment);
    if (alternative == nullptr) continue;
    const std::string out = worst->id;
    const std::string in = alternative->scored.id;
    std::string problem;
    const bool evidence_based =
        StrongEvidenceForClient(*assessment.Find(out)->technique, profile, &problem);
    if (!may_swap || evidence_based) {
      plan.offered_options.push_back({"preference:" + std::string(scale.name), {in}});
      plan.explanation.push_back(
          "you told us you prefer " + wanted + " (C-NIP " + scale.name + " " +
          std::to_string(*value) + "); " + out +
          (evidence_based
               ? " has the strongest evidence for " + problem + ", so it stays in the plan"
               : " stays in the plan") +
          ", and " + in + " is offered as an alternative you can choose (Swift et al. 2018)");
      continue;
    }
    auto& techniques = worst_phase->techniques;
    const auto position =
        std::find_if(techniques.begin(), techniques.end(),
                     [&](const PlannedTechnique& technique) { return technique.id == out; });
    *position = alternative->scored;
    plan.explanation.push_back(
        "the client's strong preference for " + wanted + " (C-NIP " + scale.name + " " +
        std::to_string(*value) + "): " + in + " replaces " + out + " in the " +
        std::string(catalog::Name(worst_phase->phase)) + " phase (Swift et al. 2018)");
  }
}

}  // namespace tessera::planner
