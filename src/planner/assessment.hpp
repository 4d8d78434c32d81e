#pragma once
// Internal to the planner: every catalogue technique judged for one request. Eligible
// techniques get a fit score decomposed into named components; the others are excluded with
// the reason (contraindication, harmful history, no competence on the case).

#include <map>
#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "planner/plan.hpp"

namespace tessera::planner {

struct Candidate {
  const catalog::Technique* technique = nullptr;
  PlannedTechnique scored;           // id, model, fit, components, reasons, competence flag
  bool after_stabilisation = false;  // a contraindication allows it only after stabilisation
  std::string after_stabilisation_reason;
  double evidence = 0;     // the evidence component, 0..1
  double match = 0;        // STS, preference and history combined, -1..1
  double suitability = 1;  // multiplier on target coverage in selective synthesis
  Competence best_level = Competence::kNone;
  std::string best_therapist;
};

struct Assessment {
  std::map<std::string, double> targets;       // client's weighted targets: problems and mechanisms
  std::vector<Candidate> candidates;           // eligible, best fit first, ties by id
  std::vector<Exclusion> excluded;             // ordered by id
  std::vector<Exclusion> competence_left_out;  // subset of excluded: no competence on the case
  std::vector<Referral> referrals;
  std::vector<std::string> notes;  // which matching rules applied, unknown sections
  bool needs_stabilisation = false;
  std::string stabilisation_reason;
  bool needs_motivation = false;  // precontemplation or contemplation
  bool risk_present = false;      // self-harm reported or suicidality moderate or high
  std::string safety_technique;   // best eligible safety work when risk is present

  // Safety work: aimed centrally at self-harm, suited to the first phases, not arousal-raising.
  static bool IsSafetyWork(const catalog::Technique& technique);

  const Candidate* Find(std::string_view id) const;
};

/// Judges every technique in the catalogue for the request.
Assessment Assess(const PlanRequest& request, const catalog::Catalog& catalog);

/// The client-target weight a technique covers: sum over shared targets of
/// client weight x technique weight / 3.
double CoveredWeight(const catalog::Technique& technique,
                     const std::map<std::string, double>& targets);

/// A technique attribute on the C-NIP / STS axis: -1 (low, symptom, lowering), 0 (moderate,
/// neutral), +1 (high, insight, raising).
int Signed(catalog::Ordinal value);
int Signed(catalog::Focus value);
int Signed(catalog::Arousal value);

/// Rounds to three decimals so that printed plans are stable.
double Round3(double value);

}  // namespace tessera::planner
