#pragma once
// NHS Talking Therapies (formerly IAPT) paired-outcome indicators from a PHQ-9 and GAD-7 pair
// at the first and last measurement (FACTS.md "NHS Talking Therapies indicators"). The
// thresholds are data (data/indicators/nhs-talking-therapies.json), not code.

#include <filesystem>
#include <string>

#include "core/result.hpp"
#include "measures/instrument_library.hpp"

namespace tessera::measures {

/// Thresholds for one of the two measures.
struct NhsTtMeasureRule {
  std::string instrument;             // "phq9" / "gad7"
  double caseness_at_least = 0;       // a case when the total is at least this
  double reliable_change_points = 0;  // a reliable change is a change of at least this
};

struct NhsTalkingTherapiesRules {
  NhsTtMeasureRule depression;
  NhsTtMeasureRule anxiety;
  /// Reliable improvement also requires that neither measure reliably deteriorated
  /// (per the manual; unverified in FACTS.md, hence configurable).
  bool improvement_requires_no_deterioration = true;
};

/// Loads and validates the rules file; errors name the file, field and rule.
Result<NhsTalkingTherapiesRules> LoadNhsTalkingTherapiesRules(const std::filesystem::path& file);

/// Totals of one measure at the first and the last measurement of a course of treatment.
struct FirstAndLast {
  double first = 0;
  double last = 0;
};

struct NhsTtIndicators {
  bool caseness = false;          // a case at the first measurement
  bool caseness_at_last = false;  // still a case at the last measurement
  bool reliable_improvement = false;
  bool reliable_deterioration = false;
  bool recovery = false;           // a case at first, below caseness on both at last
  bool reliable_recovery = false;  // recovery and reliable improvement
  double depression_change = 0;    // last - first
  double anxiety_change = 0;       // last - first
};

/// Computes the indicators. InvalidArgument naming the measure when a total is outside its
/// instrument's range (the instruments are looked up in `library`).
Result<NhsTtIndicators> NhsTalkingTherapies(const NhsTalkingTherapiesRules& rules,
                                            const InstrumentLibrary& library,
                                            FirstAndLast depression, FirstAndLast anxiety);

}  // namespace tessera::measures
