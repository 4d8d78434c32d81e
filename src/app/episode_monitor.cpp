#include "app/episode_monitor.hpp"

#include <algorithm>

#include "app/plan_inputs.hpp"
#include "monitor/adaptation.hpp"
#include "monitor/episode_json.hpp"
#include "monitor/monitor.hpp"

namespace tessera::app {
namespace {

monitor::Attendance AttendanceOf(Attendance attendance) {
  switch (attendance) {
    case Attendance::kAttended: return monitor::Attendance::kAttended;
    case Attendance::kDidNotAttend: return monitor::Attendance::kMissed;
    case Attendance::kCancelledByClient: return monitor::Attendance::kCancelled;
    case Attendance::kCancelledByService: return monitor::Attendance::kCancelled;
  }
  return monitor::Attendance::kAttended;
}

monitor::EpisodeInput EpisodeFrom(const MonitoringInput& input, const catalog::Catalog& catalog) {
  monitor::EpisodeInput episode;
  if (auto profile = PlannerProfile(input.profile, catalog)) episode.profile = std::move(*profile);
  for (std::size_t session_idx = 0; session_idx < input.sessions.size(); ++session_idx) {
    const Session& stored = input.sessions[session_idx];
    monitor::SessionInput session;
    session.number = static_cast<int>(session_idx) + 1;
    session.date = stored.date;
    session.attendance = AttendanceOf(stored.attendance);
    for (const TechniqueUse& use : stored.techniques) {
      std::optional<double> helpfulness;
      if (use.helpfulness) helpfulness = *use.helpfulness;
      session.techniques.push_back({use.technique.value(), helpfulness});
    }
    for (const MeasureAdministration& administration : input.administrations) {
      if (administration.session != stored.id) continue;
      monitor::MeasureInput measure;
      measure.instrument = administration.instrument.value();
      for (const ItemAnswer& answer : administration.answers) measure.answers.push_back(answer.value);
      if (measure.answers.empty()) measure.total = administration.total;
      // A questionnaire given again in the same session replaces the earlier one for
      // monitoring (the monitor takes one score per instrument and session); both stay stored.
      auto same = std::find_if(session.measures.begin(), session.measures.end(),
                               [&](const auto& given) { return given.instrument == measure.instrument; });
      if (same != session.measures.end()) {
        *same = std::move(measure);
      } else {
        session.measures.push_back(std::move(measure));
      }
    }
    episode.sessions.push_back(std::move(session));
  }
  if (!input.plan_json.empty()) {
    if (auto outline = monitor::ParsePlanOutline(input.plan_json)) {
      episode.plan = std::move(*outline);
      episode.plan_json = input.plan_json;
    }
  }
  return episode;
}

int LatestNumber(const MonitoringInput& input) {
  for (std::size_t session_idx = 0; session_idx < input.sessions.size(); ++session_idx) {
    if (input.latest_session && input.sessions[session_idx].id == *input.latest_session) {
      return static_cast<int>(session_idx) + 1;
    }
  }
  return 0;
}

std::string JoinAlertTypes(const std::vector<monitor::AlertType>& types) {
  std::string joined;
  for (const monitor::AlertType type : types) {
    joined += (joined.empty() ? "" : ", ") + std::string(monitor::Name(type));
  }
  return joined.empty() ? "" : "prompted by " + joined;
}

}  // namespace

Result<std::unique_ptr<RoutineOutcomeMonitor>> RoutineOutcomeMonitor::Create(
    const ClinicalLibrary& library, const std::filesystem::path& data_dir) {
  TRY_ASSIGN(monitor::MonitorRules rules, monitor::LoadMonitorRules(data_dir / "monitor"));
  return std::unique_ptr<RoutineOutcomeMonitor>(
      new RoutineOutcomeMonitor(library, std::move(rules)));
}

Result<MonitoringOutcome> RoutineOutcomeMonitor::Review(const MonitoringInput& input) {
  const monitor::EpisodeInput episode = EpisodeFrom(input, library_.catalog);
  const monitor::MonitorContext context{&library_.instruments, &rules_, nullptr, &library_.catalog};
  TRY_ASSIGN(monitor::EpisodeReport report, monitor::MonitorEpisode(episode, context));
  MonitoringOutcome outcome;
  outcome.status = "no_outcome_measure";
  const int latest = LatestNumber(input);
  for (const monitor::SessionResult& session : report.sessions) {
    if (session.session != latest) continue;
    if (session.primary) {
      outcome.status = std::string(monitor::Name(session.primary->status));
      outcome.detail = session.primary->instrument + " " + std::to_string(session.primary->score);
      if (session.primary->band_low && session.primary->band_high) {
        outcome.detail += "; expected band " + std::to_string(*session.primary->band_low) +
                          " to " + std::to_string(*session.primary->band_high);
      }
    }
    for (const monitor::Alert& alert : session.alerts) {
      outcome.alerts.push_back({std::string(monitor::Name(alert.type)),
                                std::string(monitor::Name(alert.severity)) + ": " + alert.reason});
    }
  }
  for (const monitor::AdaptationProposal& proposal : report.proposals) {
    outcome.proposals.push_back({proposal.id, std::string(monitor::Name(proposal.kind)),
                                 std::string(monitor::Name(proposal.change)), proposal.text,
                                 JoinAlertTypes(proposal.prompted_by)});
  }
  return outcome;
}

Result<PlanRevisionDraft> RoutineOutcomeMonitor::Accept(const MonitoringInput& input,
                                                        const std::string& proposal_id,
                                                        const std::string& client_feedback) {
  if (input.plan_json.empty()) return InvalidArgument("the episode has no plan to adapt");
  const monitor::EpisodeInput episode = EpisodeFrom(input, library_.catalog);
  const monitor::MonitorContext context{&library_.instruments, &rules_, nullptr, &library_.catalog};
  TRY_ASSIGN(monitor::EpisodeReport report, monitor::MonitorEpisode(episode, context));
  for (const monitor::AdaptationProposal& proposal : report.proposals) {
    if (proposal.id != proposal_id) continue;
    TRY_ASSIGN(monitor::PlanRevision revision,
               monitor::AcceptProposal(input.plan_json, proposal, client_feedback));
    return PlanRevisionDraft{std::move(revision.content), std::move(revision.reason)};
  }
  return NotFound("proposal '" + proposal_id +
                  "' is not among the monitor's current proposals for this episode; reload");
}

}  // namespace tessera::app
