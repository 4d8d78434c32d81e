#include "planner/therapist_match.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "catalog/vocabulary.hpp"
#include "planner/assessment.hpp"
#include "planner/planner.hpp"

namespace tessera::planner {

namespace {

// Planning settings, not clinical facts (docs/planner.md): competence matters more than style
// because a therapist cannot safely deliver what they are not trained in.
constexpr double kCompetenceShare = 0.7;
constexpr double kStyleShare = 0.3;

double LevelCredit(Competence have, Competence needed) {
  const int shortfall = static_cast<int>(needed) - static_cast<int>(have);
  if (have == Competence::kNone) return 0;
  if (shortfall <= 0) return 1;
  return shortfall == 1 ? 0.5 : 0.25;
}

}  // namespace

Result<MatchResult> MatchTherapists(const ClientProfile& profile,
                                    const std::vector<Therapist>& therapists, Strategy strategy,
                                    const Constraints& constraints,
                                    const catalog::Catalog& catalog) {
  if (therapists.empty()) return InvalidArgument("match: at least one --therapist is needed");
  PlanRequest request{profile, {}, strategy, constraints, {}};
  TRY_ASSIGN(Plan plan, MakePlan(request, catalog));
  MatchResult result;
  for (const auto& therapist : therapists) {
    TherapistMatch match;
    match.therapist = therapist.id;
    double weighted = 0;
    double total = 0;
    std::vector<std::string> missing;
    int delivered = 0;
    int planned = 0;
    for (const auto& phase : plan.phases) {
      for (const auto& technique : phase.techniques) {
        const catalog::Technique& entry = *catalog.FindTechnique(technique.id);
        const double weight = std::max(0.05, technique.fit);
        const double credit = LevelCredit(therapist.LevelFor(entry, catalog), entry.competence);
        weighted += weight * credit;
        total += weight;
        ++planned;
        if (credit == 1)
          ++delivered;
        else
          missing.push_back(technique.id +
                            (credit == 0 ? " (not trained)" : " (needs supervision)"));
      }
    }
    match.competence = total > 0 ? Round3(weighted / total) : 0;
    match.reasons.push_back("competent for " + std::to_string(delivered) + " of " +
                            std::to_string(planned) + " planned techniques");
    if (!missing.empty()) {
      std::string list;
      for (const auto& item : missing) list += (list.empty() ? "" : ", ") + item;
      match.reasons.push_back("gaps: " + list);
    }
    double closeness = 0;
    int known = 0;
    const auto compare = [&](const std::optional<int>& client, const std::optional<int>& style,
                             const char* name) {
      if (!client || !style) return;
      closeness += 1.0 - std::abs(*client - *style) / 6.0;
      ++known;
      if (std::abs(*client - *style) >= 2) {
        match.reasons.push_back(std::string("style gap on ") + name + " (client " +
                                std::to_string(*client) + ", therapist " + std::to_string(*style) +
                                ")");
      }
    };
    compare(profile.preferences.directiveness, therapist.style.directiveness, "directiveness");
    compare(profile.preferences.emotional_intensity, therapist.style.emotional_intensity,
            "emotional intensity");
    compare(profile.preferences.past_orientation, therapist.style.past_orientation,
            "past orientation");
    compare(profile.preferences.challenge, therapist.style.challenge, "challenge");
    match.style = known > 0 ? Round3(closeness / known) : 0.5;
    if (known == 0) match.reasons.push_back("style not compared: no shared C-NIP dimension known");
    match.score = Round3(kCompetenceShare * match.competence + kStyleShare * match.style);
    result.ranking.push_back(std::move(match));
  }
  std::stable_sort(result.ranking.begin(), result.ranking.end(),
                   [](const TherapistMatch& a, const TherapistMatch& b) {
                     if (a.score != b.score) return a.score > b.score;
                     return a.therapist < b.therapist;
                   });
  result.plan = std::move(plan);
  return result;
}

std::string MatchToJson(const MatchResult& result) {
  using Json = nlohmann::ordered_json;
  Json out;
  out["strategy"] = Name(result.plan.strategy);
  Json techniques = Json::array();
  for (const auto& phase : result.plan.phases) {
    for (const auto& technique : phase.techniques) techniques.push_back(technique.id);
  }
  out["plan_techniques"] = std::move(techniques);
  Json ranking = Json::array();
  for (const auto& match : result.ranking) {
    ranking.push_back({{"therapist", match.therapist},
                       {"score", match.score},
                       {"competence", match.competence},
                       {"style", match.style},
                       {"reasons", match.reasons}});
  }
  out["ranking"] = std::move(ranking);
  return out.dump(2) + "\n";
}

}  // namespace tessera::planner
