#include <sstream>

#include "catalog/vocabulary.hpp"
#include "planner/plan_output.hpp"

namespace tessera::planner {

namespace {

std::string Fixed(double value, int precision) {
  std::ostringstream text;
  text.setf(std::ios::fixed);
  text.precision(precision);
  text << value;
  return text.str();
}

}  // namespace

std::string PlanToText(const Plan& plan, const catalog::Catalog& catalog) {
  std::ostringstream out;
  out << "Treatment plan (strategy: " << Name(plan.strategy);
  if (plan.requested != plan.strategy) out << ", chosen by " << Name(plan.requested);
  out << ")\n";
  if (!plan.template_id.empty()) out << "Integrative model: " << catalog.FindIntegrativeModel(plan.template_id)->name << "\n";
  if (!plan.home_model.empty()) out << "Home model: " << catalog.FindModel(plan.home_model)->name << "\n";
  if (!plan.problems.empty()) {
    out << "Problems:";
    for (const auto& problem : plan.problems) out << " " << problem.id << " (" << Name(problem.severity) << ")";
    out << "\n";
  }
  if (!plan.client_goals.empty()) {
    out << "\nThe client's goals\n";
    for (const auto& goal : plan.client_goals) out << "  - " << goal << "\n";
  }
  int number = 0;
  for (const auto& phase : plan.phases) {
    out << "\nPhase " << ++number << ": " << phase.name << " (" << phase.sessions << " sessions, review at session "
        << phase.review_at_session << ")\n";
    if (!phase.lead_therapist.empty()) out << "  Lead: " << phase.lead_therapist << "\n";
    for (const auto& goal : phase.goals) out << "  Goal: " << goal << "\n";
    for (const auto& technique : phase.techniques) {
      const catalog::Technique* entry = catalog.FindTechnique(technique.id);
      out << "  * " << (entry ? entry->name : technique.id) << " [" << technique.model << "], fit "
          << Fixed(technique.fit, 3);
      if (!technique.therapist.empty()) out << ", with " << technique.therapist;
      if (technique.competence_action != CompetenceAction::kNone) out << ", needs " << Name(technique.competence_action);
      out << "\n";
      for (const auto& reason : technique.reasons) out << "      - " << reason << "\n";
    }
    for (const auto& criterion : phase.switch_criteria) out << "  Switch/review: " << criterion << "\n";
  }
  if (plan.objective) {
    out << "\nCoverage objective " << Fixed(*plan.objective, 3) << ", proven bound " << Fixed(*plan.bound, 3)
        << (plan.proven_optimal ? " (optimal)" : " (search limit reached)") << "\n";
  }
  out << "\nCommon factors (every plan)\n";
  for (const auto& factor : plan.common_factors) {
    out << "  " << factor.name << " [" << factor.source << "]\n";
    for (const auto& action : factor.actions) out << "      - " << action << "\n";
  }
  if (!plan.competence_gaps.empty()) {
    out << "\nCompetence gaps\n";
    for (const auto& gap : plan.competence_gaps) {
      out << "  " << gap.technique << ": " << catalog::Name(gap.needed) << " needed, " << gap.therapist << " is "
          << catalog::Name(gap.available) << " -> " << Name(gap.action) << "\n";
    }
  }
  if (!plan.preference_gaps.empty()) {
    out << "\nPreference gaps\n";
    for (const auto& gap : plan.preference_gaps) out << "  " << gap.dimension << ": " << gap.note << "\n";
  }
  if (!plan.referrals.empty()) {
    out << "\nReferrals\n";
    for (const auto& referral : plan.referrals) out << "  " << referral.problem << ": " << referral.note << "\n";
  }
  if (!plan.offered_options.empty()) {
    out << "\nOptions offered to the client\n";
    for (const auto& option : plan.offered_options) {
      out << "  " << option.phase << ":";
      for (const auto& id : option.options) out << " " << id;
      out << "\n";
    }
  }
  out << "\nExcluded (" << plan.excluded.size() << ")\n";
  for (const auto& exclusion : plan.excluded) out << "  " << exclusion.id << ": " << exclusion.reason << "\n";
  out << "\nWhy\n";
  for (const auto& line : plan.explanation) out << "  - " << line << "\n";
  return out.str();
}

}  // namespace tessera::planner
