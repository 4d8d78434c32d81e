// Wire names of the monitor's enums (the JSON report and the rules files use them).

#include "monitor/report.hpp"

namespace tessera::monitor {

std::string_view Name(ExpectationMethod method) {
  switch (method) {
    case ExpectationMethod::kGrowthModel:
      return "growth_model";
    case ExpectationMethod::kIntakeCourse:
      return "intake_course";
    case ExpectationMethod::kRationalRule:
      return "rational_rule";
  }
  return "";
}

std::string_view Name(NotOnTrackRule rule) {
  switch (rule) {
    case NotOnTrackRule::kBand:
      return "band";
    case NotOnTrackRule::kProjectedEnd:
      return "projected_end";
  }
  return "";
}

std::string_view Name(SessionStatus status) {
  switch (status) {
    case SessionStatus::kOnTrack:
      return "on_track";
    case SessionStatus::kNotOnTrack:
      return "not_on_track";
    case SessionStatus::kImproved:
      return "improved";
    case SessionStatus::kRecovered:
      return "recovered";
    case SessionStatus::kDeteriorated:
      return "deteriorated";
  }
  return "";
}

std::string_view Name(AlertType type) {
  switch (type) {
    case AlertType::kNotOnTrack:
      return "not_on_track";
    case AlertType::kReliableDeterioration:
      return "reliable_deterioration";
    case AlertType::kNoReliableChange:
      return "no_reliable_change";
    case AlertType::kAllianceRupture:
      return "alliance_rupture";
    case AlertType::kRiskItem:
      return "risk_item";
    case AlertType::kLowMotivation:
      return "low_motivation";
    case AlertType::kDropoutRisk:
      return "dropout_risk";
  }
  return "";
}

std::string_view Name(AlertSeverity severity) {
  switch (severity) {
    case AlertSeverity::kInfo:
      return "info";
    case AlertSeverity::kWarning:
      return "warning";
    case AlertSeverity::kHigh:
      return "high";
    case AlertSeverity::kCritical:
      return "critical";
  }
  return "";
}

std::string_view Name(SupportArea area) {
  switch (area) {
    case SupportArea::kRiskAndCrisis:
      return "risk_and_crisis";
    case SupportArea::kMotivationAndGoals:
      return "motivation_and_goals";
    case SupportArea::kAllianceAndInterpersonal:
      return "alliance_and_interpersonal";
    case SupportArea::kSocialSupportAndLifeEvents:
      return "social_support_and_life_events";
    case SupportArea::kEmotionAndSelfRegulation:
      return "emotion_and_self_regulation";
  }
  return "";
}

std::string_view Name(ProposalKind kind) {
  switch (kind) {
    case ProposalKind::kRiskWork:
      return "risk_work";
    case ProposalKind::kSwitchCriterion:
      return "switch_criterion";
    case ProposalKind::kAddTechnique:
      return "add_technique";
    case ProposalKind::kReplaceTechnique:
      return "replace_technique";
    case ProposalKind::kAllianceRepair:
      return "alliance_repair";
  }
  return "";
}

std::string_view Name(PlanChange change) {
  switch (change) {
    case PlanChange::kNone:
      return "none";
    case PlanChange::kMoveToNextPhase:
      return "move_to_next_phase";
    case PlanChange::kReturnToEarlierPhase:
      return "return_to_earlier_phase";
    case PlanChange::kAddTechnique:
      return "add_technique";
    case PlanChange::kRemoveTechnique:
      return "remove_technique";
    case PlanChange::kAddCommonFactorAction:
      return "add_common_factor_action";
  }
  return "";
}

}  // namespace tessera::monitor
