// Fit scoring and exclusion. The component weights below are planning settings, not clinical
// facts: docs/planner.md lists them, and every component is reported so a clinician can see
// how the total was made.

#include "planner/assessment.hpp"

#include <algorithm>
#include <cmath>

#include "catalog/vocabulary.hpp"

namespace tessera::planner {

using catalog::Technique;

namespace {

constexpr double kEvidenceWeight = 0.30;
constexpr double kCoverageWeight = 0.30;
constexpr double kStsWeight = 0.20;
constexpr double kPreferenceWeight = 0.10;
constexpr double kHistoryWeight = 0.10;
constexpr double kCompetenceWeight = 0.10;
constexpr double kPracticeEvidenceWeight = 0.10;  // editorial, like the weights above

// Outcomes of similar clients in this practice: the technique's own entry, else its model's.
// Only called when the request carries practice evidence, so plans without it are unchanged.
FitComponent PracticeEvidenceComponent(const Technique& technique,
                                       const std::map<std::string, PracticeEvidence>& evidence) {
  auto found = evidence.find(technique.id);
  if (found == evidence.end()) found = evidence.find(technique.model);
  if (found == evidence.end()) {
    return {"practice_evidence", 0, kPracticeEvidenceWeight,
            "off: no similar closed episodes in this practice received it or its model"};
  }
  const PracticeEvidence& entry = found->second;
  return {
      "practice_evidence", std::clamp(entry.value, 0.0, 1.0), kPracticeEvidenceWeight,
      "similar clients in this practice (n = " + std::to_string(entry.n) + "): " + entry.reason};
}

std::string AttributeWord(const Technique& technique, std::string_view attribute) {
  if (attribute == "directiveness") return std::string(catalog::Name(technique.sts.directiveness));
  if (attribute == "intensity") return std::string(catalog::Name(technique.sts.intensity));
  if (attribute == "challenge") return std::string(catalog::Name(technique.sts.challenge));
  if (attribute == "focus") return std::string(catalog::Name(technique.sts.focus));
  if (attribute == "arousal") return std::string(catalog::Name(technique.sts.arousal));
  return std::string(catalog::Name(technique.readiness));
}

// +1 when the technique has the preferred value, -1 at the opposite end, 0 in between.
int RuleScore(const catalog::MatchingRule& rule, const std::string& actual) {
  // Readiness: techniques that ask for no action suit every stage, so they are neutral;
  // action techniques gain in the action stages and lose before them.
  if (rule.attribute == "readiness") {
    if (actual != "action") return 0;
    return rule.prefer == "action" ? 1 : -1;
  }
  if (actual == rule.prefer) return 1;
  const auto values = catalog::AttributeValues(rule.attribute);
  if (values.size() == 2) return -1;
  const auto position = [&](std::string_view word) {
    return static_cast<int>(std::find(values.begin(), values.end(), word) - values.begin());
  };
  return std::abs(position(actual) - position(rule.prefer)) == 2 ? -1 : 0;
}

std::map<std::string, double> ClientTargets(const ClientProfile& profile,
                                            const catalog::Catalog& catalog,
                                            std::vector<Referral>& referrals) {
  std::map<std::string, double> targets;
  for (const auto& problem : profile.problems) {
    const catalog::ProblemArea& area = *catalog.FindProblem(problem.id);
    if (area.scope == catalog::Scope::kRefer) {
      referrals.push_back({problem.id, area.refer_note});
      continue;
    }
    const double severity = SeverityWeight(problem.severity);
    targets[problem.id] += severity;
    for (const auto& mechanism : area.mechanisms)
      targets[mechanism.id] += severity * mechanism.weight / 3.0;
  }
  // Motivation is a target in its own right before the action stages (Prochaska).
  if (profile.stage == StageOfChange::kPrecontemplation) targets["ambivalence"] += 3;
  if (profile.stage == StageOfChange::kContemplation) targets["ambivalence"] += 2;
  // Risk makes safety work a target even when self-harm is not a presenting problem.
  const bool risk =
      profile.risk.self_harm.value_or(false) ||
      (profile.risk.suicidality && *profile.risk.suicidality >= Suicidality::kModerate);
  if (risk && catalog.FindProblem("self_harm"))
    targets["self_harm"] = std::max(targets["self_harm"], 2.0);
  return targets;
}

FitComponent EvidenceComponent(const Technique& technique, const ClientProfile& profile,
                               const catalog::Catalog& catalog) {
  double total = 0;
  double achieved = 0;
  std::string reason;
  for (const auto& problem : profile.problems) {
    if (catalog.FindProblem(problem.id)->scope == catalog::Scope::kRefer) continue;
    const double severity = SeverityWeight(problem.severity);
    total += severity * 3;
    const catalog::Evidence* best = nullptr;
    for (const auto& evidence : technique.evidence) {
      if (evidence.problem == problem.id && (!best || evidence.strength > best->strength))
        best = &evidence;
    }
    if (!best) continue;
    achieved += severity * (static_cast<int>(best->strength) + 1);
    if (!reason.empty()) reason += "; ";
    reason += std::string(catalog::Name(best->strength)) + " evidence for " + problem.id + " (" +
              best->source + ")";
  }
  const double value = total > 0 ? achieved / total : 0;
  if (reason.empty()) reason = "no graded evidence for the client's problems";
  return {"evidence", value, kEvidenceWeight, reason};
}

FitComponent CoverageComponent(const Technique& technique,
                               const std::map<std::string, double>& targets,
                               const catalog::Catalog& catalog) {
  double total = 0;
  for (const auto& [id, weight] : targets) total += weight;
  std::string reason;
  for (const auto& target : technique.targets) {
    if (!targets.contains(target.id)) continue;
    if (!reason.empty()) reason += ", ";
    reason += catalog.TargetName(target.id);
  }
  const double value = total > 0 ? CoveredWeight(technique, targets) / total : 0;
  return {"target_coverage", value, kCoverageWeight,
          reason.empty() ? "covers none of the client's targets" : "targets " + reason};
}

FitComponent StsComponent(const Technique& technique, const ClientProfile& profile,
                          const catalog::Catalog& catalog) {
  double weighted = 0;
  double total = 0;
  std::string reason;
  for (const auto& rule : catalog.matching_rules()) {
    const auto word = DimensionWord(profile, rule.dimension);
    if (!word || *word != rule.value) continue;
    const std::string actual = AttributeWord(technique, rule.attribute);
    const int score = RuleScore(rule, actual);
    weighted += rule.weight * score;
    total += rule.weight;
    if (!reason.empty()) reason += "; ";
    reason += rule.explanation + " [" + rule.source + "]: " + rule.attribute + " " + actual +
              (score > 0   ? " fits"
               : score < 0 ? " does not fit"
                           : " is in between");
  }
  if (total == 0) return {"sts_match", 0, kStsWeight, "no STS dimension or stage of change known"};
  return {"sts_match", weighted / total, kStsWeight, reason};
}

FitComponent PreferenceComponent(const Technique& technique, const CnipScales& preferences) {
  double sum = 0;
  int known = 0;
  std::string reason;
  const auto add = [&](const std::optional<int>& preference, int attribute, std::string_view what) {
    if (!preference) return;
    const double part = *preference / 3.0 * attribute;
    sum += part;
    ++known;
    if (*preference == 0 || attribute == 0) return;
    if (!reason.empty()) reason += "; ";
    reason += std::string(part > 0 ? "matches" : "goes against") + " the client's preference on " +
              std::string(what) + " (" + std::to_string(*preference) + ")";
  };
  add(preferences.directiveness, Signed(technique.sts.directiveness), "directiveness");
  add(preferences.emotional_intensity, Signed(technique.sts.arousal), "emotional intensity");
  add(preferences.past_orientation, Signed(technique.sts.focus), "past orientation");
  add(preferences.challenge, Signed(technique.sts.challenge), "challenge");
  if (known == 0) return {"preference_match", 0, kPreferenceWeight, "no C-NIP preferences known"};
  return {"preference_match", sum / known, kPreferenceWeight,
          reason.empty() ? "neutral to the client's preferences" : reason};
}

FitComponent HistoryComponent(const Technique& technique, const ClientProfile& profile,
                              const catalog::Catalog& catalog) {
  double value = 0;
  std::string reason;
  for (const auto& entry : profile.history) {
    const Technique& tried = *catalog.FindTechnique(entry.technique);
    double part = 0;
    if (tried.id == technique.id) {
      part = entry.response == Response::kHelped     ? 1.0
             : entry.response == Response::kNoChange ? -0.5
                                                     : -1.0;
    } else if (tried.model == technique.model) {
      part = entry.response == Response::kHelped     ? 0.3
             : entry.response == Response::kNoChange ? -0.2
                                                     : -0.5;
    } else {
      continue;
    }
    value += part;
    if (!reason.empty()) reason += "; ";
    reason += entry.technique + " " + std::string(Name(entry.response)) + " before";
  }
  value = std::clamp(value, -1.0, 1.0);
  return {"history", value, kHistoryWeight, reason.empty() ? "not tried before" : reason};
}

}  // namespace

int Signed(catalog::Ordinal value) { return static_cast<int>(value) - 1; }
int Signed(catalog::Focus value) { return static_cast<int>(value) - 1; }
int Signed(catalog::Arousal value) { return static_cast<int>(value) - 1; }

double Round3(double value) {
  const double rounded = std::round(value * 1000.0) / 1000.0;
  return rounded == 0 ? 0.0 : rounded;  // no "-0" in output
}

double CoveredWeight(const Technique& technique, const std::map<std::string, double>& targets) {
  double covered = 0;
  for (const auto& target : technique.targets) {
    const auto found = targets.find(target.id);
    if (found != targets.end()) covered += found->second * target.weight / 3.0;
  }
  return covered;
}

bool Assessment::IsSafetyWork(const Technique& technique) {
  const bool central = std::any_of(technique.targets.begin(), technique.targets.end(),
                                   [](const catalog::WeightedTarget& target) {
                                     return target.id == "self_harm" && target.weight == 3;
                                   });
  const bool early =
      std::any_of(technique.phases.begin(), technique.phases.end(), [](catalog::Phase phase) {
        return phase == catalog::Phase::kEngagement || phase == catalog::Phase::kStabilisation;
      });
  return central && early && technique.sts.arousal != catalog::Arousal::kRaising;
}

const Candidate* Assessment::Find(std::string_view id) const {
  for (const auto& candidate : candidates) {
    if (candidate.scored.id == id) return &candidate;
  }
  return nullptr;
}

Assessment Assess(const PlanRequest& request, const catalog::Catalog& catalog) {
  const ClientProfile& profile = request.profile;
  Assessment assessment;
  assessment.targets = ClientTargets(profile, catalog, assessment.referrals);
  const auto conditions = ActiveConditions(profile);
  assessment.needs_motivation = profile.stage == StageOfChange::kPrecontemplation ||
                                profile.stage == StageOfChange::kContemplation;

  for (const auto& [id, technique] : catalog.techniques()) {
    // Contraindications first: a technique that must not be used is never scored.
    std::string exclusion;
    Candidate candidate;
    for (const auto& contraindication : technique.contraindications) {
      if (std::find(conditions.begin(), conditions.end(), contraindication.condition) ==
          conditions.end())
        continue;
      const std::string why =
          std::string(catalog::Name(contraindication.condition)) + " (" + contraindication.source +
          (contraindication.note.empty() ? "" : ": " + contraindication.note) + ")";
      if (contraindication.effect == catalog::ContraEffect::kExclude) {
        exclusion = "contraindication: " + why;
        break;
      }
      if (!candidate.after_stabilisation) {
        candidate.after_stabilisation = true;
        candidate.after_stabilisation_reason = "only after a stabilisation phase: " + why;
      }
    }
    // Problem-specific work (e.g. trauma-focused protocols) only for the problems it is for.
    const auto& indicated = catalog.IndicatedFor(technique);
    if (exclusion.empty() && !indicated.empty() &&
        std::none_of(
            profile.problems.begin(), profile.problems.end(), [&](const ProblemEntry& problem) {
              return std::find(indicated.begin(), indicated.end(), problem.id) != indicated.end();
            })) {
      std::string list;
      for (const auto& problem : indicated) list += (list.empty() ? "" : ", ") + problem;
      exclusion = "not indicated: reserved for " + list;
    }
    for (const auto& entry : profile.history) {
      if (exclusion.empty() && entry.technique == id && entry.response == Response::kWorsened) {
        exclusion = "history: the client got worse with it before";
      }
    }
    // Competence: the best-placed therapist on the case decides.
    std::string best_home;
    for (const auto& therapist : request.therapists) {
      const Competence level = therapist.LevelFor(technique, catalog);
      // Ties go to the member whose home model it is, then to the first listed.
      const bool home_tie = level == candidate.best_level &&
                            therapist.home_model == technique.model &&
                            !candidate.best_therapist.empty() && best_home != technique.model;
      if (candidate.best_therapist.empty() || level > candidate.best_level || home_tie) {
        best_home = therapist.home_model;
        candidate.best_level = level;
        candidate.best_therapist = therapist.id;
      }
    }
    const bool competence_checked = !request.therapists.empty();
    if (exclusion.empty() && competence_checked && candidate.best_level == Competence::kNone) {
      exclusion = "competence: no therapist on the case is trained in " + technique.model +
                  " (refer, or train first)";
      assessment.competence_left_out.push_back({id, exclusion});
    }
    if (!exclusion.empty()) {
      assessment.excluded.push_back({id, exclusion});
      continue;
    }

    candidate.technique = &technique;
    PlannedTechnique& scored = candidate.scored;
    scored.id = id;
    scored.model = technique.model;
    scored.therapist = candidate.best_therapist;
    scored.components.push_back(EvidenceComponent(technique, profile, catalog));
    scored.components.push_back(CoverageComponent(technique, assessment.targets, catalog));
    scored.components.push_back(StsComponent(technique, profile, catalog));
    scored.components.push_back(PreferenceComponent(technique, profile.preferences));
    scored.components.push_back(HistoryComponent(technique, profile, catalog));
    double competence = 0;
    std::string competence_reason = "competence not checked (no therapist given)";
    if (competence_checked) {
      const int shortfall =
          static_cast<int>(technique.competence) - static_cast<int>(candidate.best_level);
      competence = shortfall <= 0 ? 0.0 : shortfall == 1 ? -0.5 : -1.0;
      scored.competence_action = shortfall <= 0   ? CompetenceAction::kNone
                                 : shortfall == 1 ? CompetenceAction::kSupervision
                                                  : CompetenceAction::kCoTherapy;
      competence_reason =
          candidate.best_therapist + " is " + std::string(Name(candidate.best_level)) + ", " +
          std::string(Name(technique.competence)) + " needed" +
          (shortfall > 0 ? ": " + std::string(Name(scored.competence_action)) + " needed" : "");
    }
    scored.components.push_back({"competence", competence, kCompetenceWeight, competence_reason});
    if (!request.practice_evidence.empty()) {
      scored.components.push_back(PracticeEvidenceComponent(technique, request.practice_evidence));
    }
    double fit = 0;
    for (auto& component : scored.components) {
      component.value = Round3(component.value);
      fit += component.weight * component.value;
      scored.reasons.push_back(component.name + ": " + component.reason);
    }
    scored.fit = Round3(fit);
    if (candidate.after_stabilisation)
      scored.reasons.push_back(candidate.after_stabilisation_reason);
    if (assessment.needs_motivation && technique.readiness == catalog::Readiness::kAction) {
      scored.reasons.push_back("action technique: only after motivational work (stage " +
                               std::string(Name(*profile.stage)) + ")");
    }
    candidate.evidence = scored.components[0].value;
    candidate.match = 0.6 * scored.components[2].value + 0.2 * scored.components[3].value +
                      0.2 * scored.components[4].value;
    candidate.suitability =
        std::clamp(1.0 + 0.5 * candidate.match, 0.5, 1.5) * (0.75 + 0.25 * candidate.evidence);
    assessment.candidates.push_back(std::move(candidate));
  }
  std::stable_sort(assessment.candidates.begin(), assessment.candidates.end(),
                   [](const Candidate& a, const Candidate& b) {
                     if (a.scored.fit != b.scored.fit) return a.scored.fit > b.scored.fit;
                     return a.scored.id < b.scored.id;
                   });

  std::vector<std::string> reasons;
  for (const auto& candidate : assessment.candidates) {
    if (candidate.after_stabilisation) {
      reasons.push_back("trauma or evocative work is contraindicated until stabilised");
      break;
    }
  }
  if (profile.sts.distress == StsLevel::kHigh)
    reasons.push_back("distress is high: arousal-reducing work first");
  if (profile.risk.self_harm.value_or(false)) reasons.push_back("self-harm reported: safety first");
  if (profile.risk.suicidality && *profile.risk.suicidality >= Suicidality::kModerate) {
    reasons.push_back("suicidality " + std::string(Name(*profile.risk.suicidality)) +
                      ": safety plan first");
  }
  if (profile.risk.dissociation == Dissociation::kSevere)
    reasons.push_back("severe dissociation: grounding first");
  for (const auto& problem : profile.problems) {
    if (problem.id == "emotion_dysregulation" && problem.severity == Severity::kSevere) {
      reasons.push_back("severe emotion dysregulation: regulation skills first");
    }
  }
  assessment.risk_present =
      profile.risk.self_harm.value_or(false) ||
      (profile.risk.suicidality && *profile.risk.suicidality >= Suicidality::kModerate);
  if (assessment.risk_present) {
    for (const auto& candidate : assessment.candidates) {  // best fit first
      if (Assessment::IsSafetyWork(*candidate.technique)) {
        assessment.safety_technique = candidate.scored.id;
        break;
      }
    }
    if (assessment.safety_technique.empty()) {
      assessment.notes.push_back(
          "risk reported but no safety technique is deliverable: arrange safety planning with a "
          "colleague now");
    }
  }
  assessment.needs_stabilisation = !reasons.empty();
  for (const auto& reason : reasons) {
    if (!assessment.stabilisation_reason.empty()) assessment.stabilisation_reason += "; ";
    assessment.stabilisation_reason += reason;
  }
  for (const auto& rule : catalog.matching_rules()) {
    const auto word = DimensionWord(profile, rule.dimension);
    if (word && *word == rule.value)
      assessment.notes.push_back("matching rule " + rule.id + ": " + rule.explanation + " [" +
                                 rule.source + "]");
  }
  if (!profile.risk.suicidality && !profile.risk.self_harm && !profile.risk.psychosis &&
      !profile.risk.dissociation && !profile.risk.substance_intoxication) {
    assessment.notes.push_back(
        "risk not recorded: assess risk before any processing or exposure work");
  }
  return assessment;
}

}  // namespace tessera::planner
