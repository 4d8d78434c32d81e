// The plan for a person to read. It renders the plan's JSON form, so the CLI's plan and a stored
// plan version (with its choices and adaptations) print through the same code.
#include <sstream>

#include "catalog/vocabulary.hpp"
#include "planner/internal/technique_json.hpp"
#include "planner/plan_content.hpp"
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

std::string Text(const Json& object, const char* field) {
  const auto found = object.find(field);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

const Json& List(const Json& object, const char* field) {
  static const Json kEmpty = Json::array();
  const auto found = object.find(field);
  return found != object.end() && found->is_array() ? *found : kEmpty;
}

void Header(std::ostringstream& out, const Json& plan, const catalog::Catalog& catalog) {
  const std::string strategy = Text(plan, "strategy");
  const std::string requested = Text(plan, "requested_strategy");
  out << "Treatment plan (strategy: " << strategy;
  if (!requested.empty() && requested != strategy) out << ", chosen by " << requested;
  out << ")\n";
  if (const auto* model = catalog.FindIntegrativeModel(Text(plan, "template")))
    out << "Integrative model: " << model->name << "\n";
  if (const auto* home = catalog.FindModel(Text(plan, "home_model")))
    out << "Home model: " << home->name << "\n";
  if (!List(plan, "problems").empty()) {
    out << "Problems:";
    for (const Json& problem : List(plan, "problems"))
      out << " " << Text(problem, "id") << " (" << Text(problem, "severity") << ")";
    out << "\n";
  }
  if (!List(plan, "client_goals").empty()) {
    out << "\nThe client's goals\n";
    for (const Json& goal : List(plan, "client_goals"))
      out << "  - " << goal.get<std::string>() << "\n";
  }
}

void Technique(std::ostringstream& out, const Json& technique, const catalog::Catalog& catalog) {
  const std::string id = Text(technique, "id");
  const catalog::Technique* entry = catalog.FindTechnique(id);
  out << "  * " << (entry ? entry->name : id) << " [" << Text(technique, "model") << "]";
  if (technique.contains("fit") && technique["fit"].is_number())
    out << ", fit " << Fixed(technique["fit"].get<double>(), 3);
  if (!Text(technique, "therapist").empty()) out << ", with " << Text(technique, "therapist");
  if (!Text(technique, "competence").empty()) out << ", needs " << Text(technique, "competence");
  out << "\n";
  for (const Json& reason : List(technique, "reasons"))
    out << "      - " << reason.get<std::string>() << "\n";
}

void Phases(std::ostringstream& out, const Json& plan, const catalog::Catalog& catalog) {
  int number = 0;
  for (const Json& phase : List(plan, "phases")) {
    out << "\nPhase " << ++number << ": " << Text(phase, "name") << " ("
        << phase.value("sessions", 0) << " sessions, review at session "
        << phase.value("review_at_session", 0) << ")\n";
    if (!Text(phase, "lead_therapist").empty())
      out << "  Lead: " << Text(phase, "lead_therapist") << "\n";
    for (const Json& goal : List(phase, "goals"))
      out << "  Goal: " << goal.get<std::string>() << "\n";
    for (const Json& technique : List(phase, "techniques")) Technique(out, technique, catalog);
    for (const Json& criterion : List(phase, "switch_criteria"))
      out << "  Switch/review: " << criterion.get<std::string>() << "\n";
  }
  if (plan.contains("objective") && plan["objective"].is_number()) {
    out << "\nCoverage objective " << Fixed(plan["objective"].get<double>(), 3) << ", proven bound "
        << Fixed(plan.value("bound", 0.0), 3)
        << (plan.value("proven_optimal", false) ? " (optimal)" : " (search limit reached)") << "\n";
  }
}

void Gaps(std::ostringstream& out, const Json& plan) {
  if (!List(plan, "competence_gaps").empty()) {
    out << "\nCompetence gaps\n";
    for (const Json& gap : List(plan, "competence_gaps")) {
      out << "  " << Text(gap, "technique") << ": ";
      if (gap.contains("needed")) {
        out << Text(gap, "needed") << " needed, " << Text(gap, "therapist") << " is "
            << Text(gap, "available") << " -> ";
      }
      out << Text(gap, "action") << "\n";
    }
  }
  if (!List(plan, "preference_gaps").empty()) {
    out << "\nPreference gaps\n";
    for (const Json& gap : List(plan, "preference_gaps"))
      out << "  " << Text(gap, "dimension") << ": " << Text(gap, "note") << "\n";
  }
  if (!List(plan, "referrals").empty()) {
    out << "\nReferrals\n";
    for (const Json& referral : List(plan, "referrals"))
      out << "  " << Text(referral, "problem") << ": " << Text(referral, "note") << "\n";
  }
  if (!List(plan, "offered_options").empty()) {
    out << "\nOptions offered to the client\n";
    for (const Json& option : List(plan, "offered_options")) {
      out << "  " << Text(option, "for") << ":";
      for (const Json& id : List(option, "options")) out << " " << id.get<std::string>();
      out << "\n";
    }
  }
  // Only adapted versions carry overrides: the planner never breaks its own rules.
  if (!List(plan, "rule_overrides").empty()) {
    out << "\nRules overridden by the clinician\n";
    for (const Json& override_entry : List(plan, "rule_overrides")) {
      out << "  version " << override_entry.value("version", 0) << ": "
          << Text(override_entry, "reason") << "\n";
      for (const Json& rule : List(override_entry, "rules"))
        out << "      - " << rule.get<std::string>() << "\n";
    }
  }
}

}  // namespace

std::string PlanJsonToText(const Json& plan, const catalog::Catalog& catalog) {
  std::ostringstream out;
  Header(out, plan, catalog);
  Phases(out, plan, catalog);
  out << "\nCommon factors (every plan)\n";
  for (const Json& factor : List(plan, "common_factors")) {
    out << "  " << Text(factor, "name") << " [" << Text(factor, "source") << "]\n";
    for (const Json& action : List(factor, "actions"))
      out << "      - " << action.get<std::string>() << "\n";
  }
  Gaps(out, plan);
  out << "\nExcluded (" << List(plan, "excluded").size() << ")\n";
  for (const Json& exclusion : List(plan, "excluded"))
    out << "  " << Text(exclusion, "id") << ": " << Text(exclusion, "reason") << "\n";
  out << "\nWhy\n";
  for (const Json& line : List(plan, "explanation"))
    out << "  - " << line.get<std::string>() << "\n";
  return out.str();
}

std::string PlanToText(const Plan& plan, const catalog::Catalog& catalog) {
  return PlanJsonToText(Json::parse(PlanToJson(plan)), catalog);
}

Result<std::string> PlanContentToText(const std::string& content, const catalog::Catalog& catalog) {
  const Result<Json> read = ReadPlanContent<Json>(content);
  if (!read) return Propagate(read.error());
  const Json& plan = *read;
  if (!plan.contains("phases")) {
    return InvalidArgument("the stored plan content is not a plan document");
  }
  return PlanJsonToText(plan, catalog);
}

}  // namespace tessera::planner
