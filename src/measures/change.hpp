#pragma once
// Reliable change and clinical significance (Jacobson & Truax 1991; FACTS.md "Reliable change
// and clinical significance"). The formula functions are pure and public so that later modules
// (monitor, reports) use the same arithmetic; Change() applies them to one instrument.

#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "measures/instrument.hpp"

namespace tessera::measures {

/// |RCI| must exceed this, strictly, for a change to be reliable (p < .05, two-tailed).
inline constexpr double kReliableChangeCriterion = 1.96;

/// SE = SD_pre * sqrt(1 - r).  REQUIRES: sd > 0, 0 < r < 1.
double StandardErrorOfMeasurement(double standard_deviation, double reliability);
/// S_diff = sqrt(2 * SE^2).
double StandardErrorOfDifference(double standard_error_of_measurement);
/// RCI = (post - pre) / S_diff.  REQUIRES: s_diff > 0.
double ReliableChangeIndex(double pre, double post, double standard_error_of_difference);
/// |rci| > 1.96 (strict: an RCI of exactly 1.96 is not reliable).
bool IsReliableChange(double reliable_change_index);

/// The three Jacobson-Truax cut-offs. For higher-is-better: a = M_clin + 2 SD_clin,
/// b = M_func - 2 SD_func; for higher-is-worse the signs are reversed. c is the weighted
/// midpoint (SD_func * M_clin + SD_clin * M_func) / (SD_func + SD_clin) either way.
struct ClinicalSignificanceCutoffs {
  double a = 0;
  double b = 0;
  double c = 0;
};
ClinicalSignificanceCutoffs ComputeCutoffs(const Norms& norms, Direction direction);

enum class ChangeDirection { kImproved, kDeteriorated, kNone };
enum class OutcomeCategory { kRecovered, kImproved, kUnchanged, kDeteriorated };
/// Which cut-off decides "crossed into the functional range".
enum class CutoffChoice { kPublishedElseC, kA, kB, kC };

const char* ChangeDirectionName(ChangeDirection direction);  // "improved", "deteriorated", "none"
const char* OutcomeCategoryName(OutcomeCategory category);   // "recovered", ...
const char* ReliableChangeMethodName(ReliableChangeMethod method);  // "jacobson_truax", ...

/// One reliable-change judgement of a pre-post difference.
struct ReliableChangeJudgement {
  ReliableChangeMethod method = ReliableChangeMethod::kJacobsonTruax;
  double points = 0;  // the smallest reliable difference: 1.96 * S_diff, or the published value
  std::optional<double> confidence_percent;  // 95 for Jacobson-Truax; published: as stated
  bool reliable = false;
};

struct ChangeResult {
  std::string instrument;
  double pre = 0;
  double post = 0;
  /// The judgement that drives `reliable` and `category`: the file's change_categories_from
  /// when it gives both, else whichever it gives.
  ReliableChangeMethod method = ReliableChangeMethod::kJacobsonTruax;
  std::optional<double> rci;          // whenever the file has norms and reliability
  double reliable_change_points = 0;  // of the driving judgement
  bool reliable = false;              // of the driving judgement
  /// Every judgement the file supports, Jacobson-Truax first (CORE-10: 6.75 at 95 % and the
  /// published 6 at 90 %), so both can be reported whichever drives the categories.
  std::vector<ReliableChangeJudgement> judgements;
  ChangeDirection direction = ChangeDirection::kNone;  // clinical direction of post - pre
  std::optional<double> cutoff;                        // absent: no cut-off known
  std::string cutoff_kind;                             // "published", "a", "b", "c" or ""
  bool crossed_cutoff = false;  // clinical range before, functional range after
  OutcomeCategory category = OutcomeCategory::kUnchanged;
  std::optional<ClinicalSignificanceCutoffs> cutoffs;  // when the instrument has norms
};

/// Classifies the change from `pre` to `post` (totals) on `instrument`, respecting its
/// direction. Totals are checked with CheckPossibleTotal (a PHQ-9 7.5 cannot occur).
/// InvalidArgument when the instrument has no total, a total is outside its range, the instrument
/// has neither norms + reliability nor a published reliable-change value, or the chosen cut-off
/// cannot be computed.
Result<ChangeResult> Change(const Instrument& instrument, double pre, double post,
                            CutoffChoice cutoff_choice = CutoffChoice::kPublishedElseC);

}  // namespace tessera::measures
