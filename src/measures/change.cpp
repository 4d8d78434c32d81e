// Jacobson & Truax (1991), as summarised in FACTS.md; see docs/clinical-sources.md.

#include "measures/change.hpp"

#include <cmath>

#include "measures/scoring.hpp"

namespace tessera::measures {
namespace {

bool IsClinical(double score, double cutoff, const std::string& cutoff_kind,
                const Instrument& instrument) {
  if (cutoff_kind == "published") {
    return Compare(score, instrument.clinical_cutoff->clinical_when, cutoff);
  }
  // Computed cut-offs: a score on the cut-off itself counts as clinical (docs/measures.md).
  return instrument.direction == Direction::kHigherIsWorse ? score >= cutoff : score <= cutoff;
}

// A plain sum of whole-numbered options can only reach whole multiples of its multiplier
// (PHQ-9: 0, 1, ..., 27; WHO-5: 0, 4, ..., 100); prorated, mean and weighted totals need not.
bool TakesOnlyWholeSteps(const Instrument& instrument) {
  const Scale& total = *instrument.total;
  if (total.method != ScaleMethod::kSum) return false;
  for (const std::string& item_id : total.items) {
    const AnswerSet& set = instrument.AnswerSetOf(*instrument.FindItem(item_id));
    if (set.options.empty()) return false;
    for (const AnswerOption& option : set.options) {
      if (option.value != std::floor(option.value)) return false;
    }
  }
  return true;
}

Status CheckTotal(const Instrument& instrument, const char* which, double value) {
  const Scale& total = *instrument.total;
  if (!std::isfinite(value) || value < total.minimum || value > total.maximum) {
    return InvalidArgument(instrument.id + " " + which + " total: " + FormatScore(value) +
                           " is outside the possible range " + FormatScore(total.minimum) +
                           " to " + FormatScore(total.maximum));
  }
  if (TakesOnlyWholeSteps(instrument)) {
    const double steps = value / total.multiplier;
    if (std::fabs(steps - std::round(steps)) > 1e-9) {
      return InvalidArgument(instrument.id + " " + which + " total: " + FormatScore(value) +
                             " cannot occur; allowed: " + FormatScore(total.minimum) + " to " +
                             FormatScore(total.maximum) + " in steps of " +
                             FormatScore(total.multiplier));
    }
  }
  return Ok();
}

}  // namespace

double StandardErrorOfMeasurement(double standard_deviation, double reliability) {
  return standard_deviation * std::sqrt(1.0 - reliability);
}

double StandardErrorOfDifference(double standard_error_of_measurement) {
  return std::sqrt(2.0 * standard_error_of_measurement * standard_error_of_measurement);
}

double ReliableChangeIndex(double pre, double post, double standard_error_of_difference) {
  return (post - pre) / standard_error_of_difference;
}

bool IsReliableChange(double reliable_change_index) {
  return std::fabs(reliable_change_index) > kReliableChangeCriterion;
}

ClinicalSignificanceCutoffs ComputeCutoffs(const Norms& norms, Direction direction) {
  const double sign = direction == Direction::kHigherIsBetter ? 1.0 : -1.0;
  const Norm& clinical = norms.clinical;
  const Norm& functional = norms.functional;
  ClinicalSignificanceCutoffs cutoffs;
  cutoffs.a = clinical.mean + sign * 2.0 * clinical.standard_deviation;
  cutoffs.b = functional.mean - sign * 2.0 * functional.standard_deviation;
  cutoffs.c = (functional.standard_deviation * clinical.mean +
               clinical.standard_deviation * functional.mean) /
              (functional.standard_deviation + clinical.standard_deviation);
  return cutoffs;
}

const char* ChangeDirectionName(ChangeDirection direction) {
  switch (direction) {
    case ChangeDirection::kImproved:
      return "improved";
    case ChangeDirection::kDeteriorated:
      return "deteriorated";
    case ChangeDirection::kNone:
      return "none";
  }
  return "none";
}

const char* OutcomeCategoryName(OutcomeCategory category) {
  switch (category) {
    case OutcomeCategory::kRecovered:
      return "recovered";
    case OutcomeCategory::kImproved:
      return "improved";
    case OutcomeCategory::kUnchanged:
      return "unchanged";
    case OutcomeCategory::kDeteriorated:
      return "deteriorated";
  }
  return "unchanged";
}

const char* ReliableChangeMethodName(ReliableChangeMethod method) {
  switch (method) {
    case ReliableChangeMethod::kJacobsonTruax:
      return "jacobson_truax";
    case ReliableChangeMethod::kPublishedPoints:
      return "published_points";
  }
  return "jacobson_truax";
}

Result<ChangeResult> Change(const Instrument& instrument, double pre, double post,
                            CutoffChoice cutoff_choice) {
  if (!instrument.total) {
    return InvalidArgument(instrument.id + ": has no total score, so change cannot be computed");
  }
  TRY(CheckTotal(instrument, "pre", pre));
  TRY(CheckTotal(instrument, "post", post));
  ChangeResult result;
  result.instrument = instrument.id;
  result.pre = pre;
  result.post = post;
  if (instrument.norms && instrument.reliability) {
    const double standard_error = StandardErrorOfMeasurement(
        instrument.norms->clinical.standard_deviation, instrument.reliability->value);
    const double s_diff = StandardErrorOfDifference(standard_error);
    result.method = ReliableChangeMethod::kJacobsonTruax;
    result.rci = ReliableChangeIndex(pre, post, s_diff);
    result.reliable_change_points = kReliableChangeCriterion * s_diff;
    result.reliable = IsReliableChange(*result.rci);
  } else if (instrument.reliable_change) {
    result.method = ReliableChangeMethod::kPublishedPoints;
    result.reliable_change_points = instrument.reliable_change->points;
    result.reliable = std::fabs(post - pre) >= instrument.reliable_change->points;
  } else {
    return InvalidArgument(instrument.id +
                           ": has no reliable-change data (needs norms and "
                           "reliability, or a published reliable_change value)");
  }
  const bool higher_is_worse = instrument.direction == Direction::kHigherIsWorse;
  if (post != pre) {
    const bool better = higher_is_worse ? post < pre : post > pre;
    result.direction = better ? ChangeDirection::kImproved : ChangeDirection::kDeteriorated;
  }
  if (instrument.norms) result.cutoffs = ComputeCutoffs(*instrument.norms, instrument.direction);
  switch (cutoff_choice) {
    case CutoffChoice::kPublishedElseC:
      if (instrument.clinical_cutoff) {
        result.cutoff = instrument.clinical_cutoff->value;
        result.cutoff_kind = "published";
      } else if (result.cutoffs) {
        result.cutoff = result.cutoffs->c;
        result.cutoff_kind = "c";
      }
      break;
    case CutoffChoice::kA:
    case CutoffChoice::kB:
    case CutoffChoice::kC:
      if (!result.cutoffs) {
        return InvalidArgument(instrument.id +
                               ": cut-offs a, b and c need norms, which this "
                               "instrument's file does not give");
      }
      result.cutoff = cutoff_choice == CutoffChoice::kA   ? result.cutoffs->a
                      : cutoff_choice == CutoffChoice::kB ? result.cutoffs->b
                                                          : result.cutoffs->c;
      result.cutoff_kind = cutoff_choice == CutoffChoice::kA   ? "a"
                           : cutoff_choice == CutoffChoice::kB ? "b"
                                                               : "c";
      break;
  }
  if (result.cutoff) {
    result.crossed_cutoff = IsClinical(pre, *result.cutoff, result.cutoff_kind, instrument) &&
                            !IsClinical(post, *result.cutoff, result.cutoff_kind, instrument);
  }
  if (!result.reliable) {
    result.category = OutcomeCategory::kUnchanged;
  } else if (result.direction == ChangeDirection::kDeteriorated) {
    result.category = OutcomeCategory::kDeteriorated;
  } else {
    result.category =
        result.crossed_cutoff ? OutcomeCategory::kRecovered : OutcomeCategory::kImproved;
  }
  return result;
}

}  // namespace tessera::measures
