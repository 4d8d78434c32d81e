// Adaptation proposals answer the latest session: the plan's own switch criteria that its
// feedback fires, techniques to add (from the planner, given the client's ratings), repeatedly
// unhelpful techniques to replace, and common-factor repair for a rupture.

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <set>

#include "catalog/vocabulary.hpp"
#include "monitor/internal/scored_episode.hpp"
#include "monitor/planner_rankings.hpp"

namespace tessera::monitor {

std::string ProposalId(const AdaptationProposal& proposal) {
  // FNV-1a over the fields that say what the proposal does, separated so fields cannot run
  // into each other.
  std::uint64_t hash = 14695981039346656037ull;
  for (const std::string_view field :
       {Name(proposal.kind), Name(proposal.change), std::string_view(proposal.phase),
        std::string_view(proposal.criterion), std::string_view(proposal.technique)}) {
    for (const unsigned char character : field) hash = (hash ^ character) * 1099511628211ull;
    hash = (hash ^ 0x1f) * 1099511628211ull;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id = "p";
  for (int shift = 44; shift >= 0; shift -= 4) id += kHex[(hash >> shift) & 0xf];
  return id;
}

}  // namespace tessera::monitor

namespace tessera::monitor::internal {
namespace {

bool HasAlert(const SessionResult& session, AlertType type) {
  return std::any_of(session.alerts.begin(), session.alerts.end(),
                     [type](const Alert& alert) { return alert.type == type; });
}

// Gains maintained: the last two sessions with the primary measure both show reliable improvement.
bool GainsMaintained(const EpisodeReport& report) {
  int improved = 0;
  for (auto session = report.sessions.rbegin(); session != report.sessions.rend() && improved < 2;
       ++session) {
    if (!session->primary) continue;
    if (session->primary->status != SessionStatus::kImproved &&
        session->primary->status != SessionStatus::kRecovered)
      return false;
    ++improved;
  }
  return improved == 2;
}

std::vector<AlertType> Fired(const std::string& trigger, const SessionResult& last,
                             const EpisodeReport& report) {
  if (trigger == "no_reliable_change_by_review" && HasAlert(last, AlertType::kNoReliableChange))
    return {AlertType::kNoReliableChange};
  if (trigger == "alliance_below_threshold" && HasAlert(last, AlertType::kAllianceRupture))
    return {AlertType::kAllianceRupture};
  if (trigger == "deterioration" && HasAlert(last, AlertType::kReliableDeterioration))
    return {AlertType::kReliableDeterioration};
  if (trigger == "risk_rises" && HasAlert(last, AlertType::kRiskItem))
    return {AlertType::kRiskItem};
  if (trigger == "gains_maintained" && GainsMaintained(report)) return {};
  return {AlertType::kNotOnTrack, AlertType::kNotOnTrack};  // marker: not fired
}

bool NotFired(const std::vector<AlertType>& fired) {
  return fired.size() == 2 && fired[0] == AlertType::kNotOnTrack;
}

// Techniques the planner would now rank highest, with the unhelpful ones recorded in the
// client's history so that their evidence counts against them.
// Shared, not copied: the ranking is long and only its first unused entries are wanted.
std::shared_ptr<const std::vector<std::string>> Candidates(const EpisodeInput& episode,
                                                           const MonitorContext& context,
                                                           const EpisodeReport& report) {
  std::shared_ptr<const std::vector<std::string>> ranking;
  if (context.catalog != nullptr) {
    planner::ClientProfile profile = episode.profile;
    for (const UnhelpfulTechnique& technique : report.unhelpful_techniques) {
      if (context.catalog->FindTechnique(technique.technique) == nullptr) continue;
      profile.history.push_back({technique.technique, planner::Response::kNoChange});
    }
    const ReviewCaches* caches = CachesFor(context);
    if (caches != nullptr && &caches->rankings().catalog() == context.catalog) {
      ranking = caches->rankings().For(profile);
    } else {
      ranking = std::make_shared<const std::vector<std::string>>(
          RankTechniques(profile, *context.catalog));
    }
  }
  if ((ranking == nullptr || ranking->empty()) && episode.Plan() != nullptr) {
    // Not owned: the episode outlives the proposals being made from it.
    return std::shared_ptr<const std::vector<std::string>>(std::shared_ptr<const void>(),
                                                           &episode.Plan()->ranking);
  }
  return ranking != nullptr ? ranking : std::make_shared<const std::vector<std::string>>();
}

// The trigger id testing criterion `index` of `phase`: the plan's own, else the catalogue's
// for the same phase and text (plans made before plans carried trigger ids); "" when neither
// knows the criterion, which then stays with the clinician like a clinical-judgement one.
std::string TriggerOf(const PlanPhaseOutline& phase, std::size_t index,
                      const MonitorContext& context) {
  if (index < phase.switch_triggers.size()) return phase.switch_triggers[index];
  if (context.catalog == nullptr) return "";
  const auto id = catalog::ParsePhase(phase.phase);
  const catalog::PhaseInfo* info = id ? context.catalog->FindPhase(*id) : nullptr;
  if (info == nullptr) return "";
  for (std::size_t known = 0;
       known < info->switch_criteria.size() && known < info->switch_triggers.size(); ++known) {
    if (info->switch_criteria[known] == phase.switch_criteria[index])
      return info->switch_triggers[known];
  }
  return "";
}

// Whether adding `technique` to `phase` keeps the plan's rules: not left out by the planner for
// this client and team (contraindication, indication, history, competence), not already
// planned in any phase, and suited to the phase under way (its catalogue phases; an action
// technique not before the skills phase when the client is not yet ready for action).
bool KeepsPlanRules(const std::string& technique, const PlanPhaseOutline* phase,
                    const EpisodeInput& episode, const MonitorContext& context) {
  const PlanOutline* plan = episode.Plan();
  if (plan == nullptr) return true;
  if (std::find(plan->excluded.begin(), plan->excluded.end(), technique) != plan->excluded.end())
    return false;
  for (const PlanPhaseOutline& planned : plan->phases) {
    if (std::find(planned.techniques.begin(), planned.techniques.end(), technique) !=
        planned.techniques.end())
      return false;
  }
  if (phase == nullptr || context.catalog == nullptr) return true;
  const catalog::Technique* entry = context.catalog->FindTechnique(technique);
  // The session budget: the planned techniques' estimates, with this one, within the plan's
  // sessions (unless the plan was already over them; planner/plan_rules.hpp checks the same).
  int budget = 0;
  int estimate = 0;
  for (const PlanPhaseOutline& planned : plan->phases) {
    budget += planned.sessions;
    for (const std::string& id : planned.techniques) {
      if (const catalog::Technique* known = context.catalog->FindTechnique(id))
        estimate += known->sessions;
    }
  }
  if (entry != nullptr && budget > 0 && estimate <= budget && estimate + entry->sessions > budget)
    return false;
  const auto phase_id = catalog::ParsePhase(phase->phase);
  if (entry == nullptr || !phase_id) return false;
  if (std::find(entry->phases.begin(), entry->phases.end(), *phase_id) == entry->phases.end())
    return false;
  const auto stage = episode.profile.stage;
  const bool not_ready = stage && (*stage == StageOfChange::kPrecontemplation ||
                                   *stage == StageOfChange::kContemplation);
  return !(not_ready && entry->readiness == catalog::Readiness::kAction &&
           *phase_id < catalog::Phase::kSkills);
}

}  // namespace

void AddProposals(const EpisodeInput& episode, const MonitorContext& context,
                  EpisodeReport& report) {
  if (report.sessions.empty()) return;
  const SessionResult& last = report.sessions.back();
  const PlanPhaseOutline* phase = nullptr;
  if (report.current_phase) phase = &episode.Plan()->phases[*report.current_phase];
  auto add = [&](AdaptationProposal proposal) {
    proposal.session = last.session;
    if (phase != nullptr && proposal.phase.empty()) proposal.phase = phase->name;
    proposal.id = ProposalId(proposal);
    // The same change offered twice (two criteria with the same effect) is one proposal.
    for (const AdaptationProposal& offered : report.proposals) {
      if (offered.id == proposal.id) return;
    }
    report.proposals.push_back(std::move(proposal));
  };
  // Risk first: while a risk alert is open, risk work leads the proposals, in the words of the
  // rules' risk suggestions (the same text every alert of that kind carries).
  const bool risk_seen = std::any_of(
      report.sessions.begin(), report.sessions.end(),
      [](const SessionResult& session) { return HasAlert(session, AlertType::kRiskItem); });
  // A resolved risk alert re-opens on a new endorsement at this session.
  if (episode.risk_alert_open ? *episode.risk_alert_open || HasAlert(last, AlertType::kRiskItem)
                              : risk_seen) {
    std::string text = "Risk first: a risk item was endorsed";
    if (auto found = context.rules->suggestions.find(std::string(Name(AlertType::kRiskItem)));
        found != context.rules->suggestions.end()) {
      for (std::size_t index = 0; index < found->second.size(); ++index) {
        text += (index == 0 ? ". " : "; ") + found->second[index];
      }
    }
    add({.kind = ProposalKind::kRiskWork,
         .change = PlanChange::kNone,
         .text = text,
         .prompted_by = {AlertType::kRiskItem}});
  }
  if (phase != nullptr) {
    const int index = *report.current_phase;
    const int phase_count = static_cast<int>(episode.Plan()->phases.size());
    for (std::size_t criterion_index = 0; criterion_index < phase->switch_criteria.size();
         ++criterion_index) {
      const std::string& criterion = phase->switch_criteria[criterion_index];
      const SwitchTrigger* trigger =
          context.rules->FindTrigger(TriggerOf(*phase, criterion_index, context));
      if (trigger == nullptr)
        continue;  // clinical judgement (or unknown to this monitor): the clinician's
      const std::vector<AlertType> fired = Fired(trigger->trigger, last, report);
      if (NotFired(fired)) continue;
      PlanChange change = trigger->change;
      if (change == PlanChange::kMoveToNextPhase && index + 1 >= phase_count)
        change = PlanChange::kNone;
      if (change == PlanChange::kReturnToEarlierPhase && index == 0) change = PlanChange::kNone;
      add({.kind = ProposalKind::kSwitchCriterion,
           .change = change,
           .criterion = criterion,
           .text = "The plan's switch criterion for '" + phase->name + "' is met: " + criterion,
           .prompted_by = fired});
    }
  }
  const bool off_track = HasAlert(last, AlertType::kNotOnTrack) ||
                         HasAlert(last, AlertType::kNoReliableChange) ||
                         HasAlert(last, AlertType::kReliableDeterioration);
  std::set<std::string> in_use;
  if (phase != nullptr) in_use.insert(phase->techniques.begin(), phase->techniques.end());
  for (const UnhelpfulTechnique& technique : report.unhelpful_techniques) {
    in_use.insert(technique.technique);
    if (phase == nullptr || std::find(phase->techniques.begin(), phase->techniques.end(),
                                      technique.technique) == phase->techniques.end())
      continue;
    add({.kind = ProposalKind::kReplaceTechnique,
         .change = PlanChange::kRemoveTechnique,
         .technique = technique.technique,
         .text = "The client rated '" + technique.technique + "' unhelpful " +
                 std::to_string(technique.sessions.size()) +
                 " times: talk it through and consider replacing it"});
  }
  if (off_track || !report.unhelpful_techniques.empty()) {
    std::vector<AlertType> prompted;
    for (const Alert& alert : last.alerts) {
      if (alert.type == AlertType::kNotOnTrack || alert.type == AlertType::kNoReliableChange ||
          alert.type == AlertType::kReliableDeterioration) {
        prompted.push_back(alert.type);
      }
    }
    int added = 0;
    const std::shared_ptr<const std::vector<std::string>> candidates =
        Candidates(episode, context, report);
    for (const std::string& technique : *candidates) {
      if (in_use.contains(technique) || added == 2) continue;
      if (!KeepsPlanRules(technique, phase, episode, context)) continue;
      ++added;
      add({.kind = ProposalKind::kAddTechnique,
           .change = PlanChange::kAddTechnique,
           .technique = technique,
           .text = "Consider adding or assimilating '" + technique +
                   "' (ranked highly by the planner for this client)",
           .prompted_by = prompted});
    }
  }
  if (HasAlert(last, AlertType::kAllianceRupture)) {
    std::string action =
        "Attend to the rupture: name it, invite the client's view, and renegotiate tasks and goals";
    if (episode.Plan() != nullptr) {
      for (const CommonFactorOutline& factor : episode.Plan()->common_factors) {
        if (factor.id != "alliance") continue;
        for (const std::string& candidate : factor.actions) {
          if (candidate.find("repair") != std::string::npos) action = candidate;
        }
      }
    }
    add({.kind = ProposalKind::kAllianceRepair,
         .change =
             episode.Plan() != nullptr ? PlanChange::kAddCommonFactorAction : PlanChange::kNone,
         .text = action,
         .prompted_by = {AlertType::kAllianceRupture}});
  }
}

}  // namespace tessera::monitor::internal
