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
  TRY(CheckPossibleTotal(instrument, instrument.id + " pre total", pre));
  TRY(CheckPossibleTotal(instrument, instrument.id + " post total", post));
  ChangeResult result;
  result.instrument = instrument.id;
  result.pre = pre;
  result.post = post;
  if (instrument.norms && instrument.reliability) {
    const double standard_error = StandardErrorOfMeasurement(
        instrument.norms->clinical.standard_deviation, instrument.reliability->value);
    const double s_diff = StandardErrorOfDifference(standard_error);
    result.rci = ReliableChangeIndex(pre, post, s_diff);
    // 1.96 is the two-tailed 95 % criterion (Jacobson & Truax 1991).
    result.judgements.push_back({ReliableChangeMethod::kJacobsonTruax,
                                 kReliableChangeCriterion * s_diff, 95.0,
                                 IsReliableChange(*result.rci)});
  }
  if (instrument.reliable_change) {
    const PublishedReliableChange& published = *instrument.reliable_change;
    result.judgements.push_back({ReliableChangeMethod::kPublishedPoints, published.points,
                                 published.confidence_percent,
                                 std::fabs(post - pre) >= published.points});
  }
  if (result.judgements.empty()) {
    return InvalidArgument(instrument.id +
                           ": has no reliable-change data (needs norms and "
                           "reliability, or a published reliable_change value)");
  }
  // The loader requires change_categories_from when the file gives both.
  const ReliableChangeJudgement* driving = &result.judgements.front();
  for (const ReliableChangeJudgement& judgement : result.judgements) {
    if (instrument.change_categories_from == judgement.method) driving = &judgement;
  }
  result.method = driving->method;
  result.reliable_change_points = driving->points;
  result.reliable = driving->reliable;
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
