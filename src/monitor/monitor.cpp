// MonitorEpisode: scores the episode, forms each outcome measure's expectation, then runs the
// alert, support, technique-rating and adaptation steps (alerts.cpp, support.cpp, proposals.cpp).

#include "monitor/monitor.hpp"

#include <algorithm>

#include "measures/change.hpp"
#include "monitor/expectation.hpp"
#include "monitor/internal/scored_episode.hpp"

namespace tessera::monitor {
namespace {

using internal::ScoredMeasure;
using internal::ScoredSession;

struct Baseline {
  double score = 0;
  std::optional<int> session;  // the session that gave it; nullopt for an intake score
};

Result<std::map<std::string, Baseline>> Baselines(const EpisodeInput& episode,
                                                  const MonitorContext& context,
                                                  const std::vector<ScoredSession>& sessions) {
  std::map<std::string, Baseline> baselines;
  for (std::size_t index = 0; index < episode.intake.size(); ++index) {
    const MeasureInput& intake = episode.intake[index];
    SessionInput holder{.number = 1, .measures = {intake}};
    EpisodeInput single{.sessions = {holder}};
    Result<std::vector<ScoredSession>> scored = internal::ScoreEpisode(single, context);
    if (!scored) {
      std::string message = scored.error().message();
      const std::string prefix = "sessions[0].measures[0]";
      if (message.rfind(prefix, 0) == 0)
        message = "intake[" + std::to_string(index) + "]" + message.substr(prefix.size());
      return InvalidArgument(message);
    }
    const ScoredMeasure& measure = scored->front().measures.front();
    baselines[measure.instrument->id] = {measure.total, std::nullopt};
  }
  for (const ScoredSession& session : sessions) {
    for (const ScoredMeasure& measure : session.measures) {
      if (!baselines.contains(measure.instrument->id)) {
        baselines[measure.instrument->id] = {measure.total, session.input->number};
      }
    }
  }
  return baselines;
}

// The planned last session: the plan's phases' sessions added up, else the rules' default.
int PlannedLastSession(const EpisodeInput& episode, const MonitorRules& rules) {
  int total = 0;
  if (episode.Plan() != nullptr) {
    for (const PlanPhaseOutline& phase : episode.Plan()->phases)
      total += std::max(0, phase.sessions);
  }
  return total > 0 ? total : rules.projection.default_last_session;
}

SessionStatus StatusFor(const measures::Instrument& instrument, double baseline, double score,
                        bool not_on_track, const ReviewCaches* caches) {
  const std::optional<ChangeFacts> change = ChangeFactsOf(instrument, baseline, score, caches);
  if (change && change->reliable) {
    if (change->direction == measures::ChangeDirection::kDeteriorated)
      return SessionStatus::kDeteriorated;
    if (change->category == measures::OutcomeCategory::kRecovered) return SessionStatus::kRecovered;
    if (change->direction == measures::ChangeDirection::kImproved) return SessionStatus::kImproved;
  }
  return not_on_track ? SessionStatus::kNotOnTrack : SessionStatus::kOnTrack;
}

// The one definition of time in the practice model (docs/monitor.md "Intake"): sessions since
// the intake, the intake itself being 0. A separate intake score (an episode file's `intake`, a
// simulated practice's `intake_<instrument>`) comes before session 1; without one, the first
// session that gave the instrument is its intake. The model is fitted on the same axis (the
// CSV's sessions after its intake column; a refit from the store counts from each episode's
// first score), so a client one session past intake is compared with clients one session past
// theirs.
int SinceIntake(const Baseline& baseline, int session) {
  return session - baseline.session.value_or(0);
}

std::vector<std::pair<int, double>> SinceIntake(const Baseline& baseline,
                                                const std::vector<std::pair<int, double>>& scores) {
  std::vector<std::pair<int, double>> shifted;
  shifted.reserve(scores.size());
  for (const auto& [session, score] : scores) {
    if (session > baseline.session.value_or(0))
      shifted.emplace_back(SinceIntake(baseline, session), score);
  }
  return shifted;
}

Result<MeasureResult> Evaluate(const ScoredMeasure& measure, const Baseline& baseline, int session,
                               const std::vector<std::pair<int, double>>& earlier, int last_session,
                               const MonitorContext& context) {
  MeasureResult result{
      .instrument = measure.instrument->id, .score = measure.total, .baseline = baseline.score};
  if (baseline.session == session) return result;  // the baseline itself: nothing to expect yet
  const InstrumentModel* model =
      context.model == nullptr ? nullptr : context.model->Find(measure.instrument->id);
  const int since_intake = SinceIntake(baseline, session);
  // The expected band is what clients with this intake achieve: conditioned on the intake only,
  // never on this client's own later scores, so two clients with the same intake have the same
  // band at every session. The client's own curve is the projection below, shown apart.
  TRY_ASSIGN(
      const std::optional<Expectation> expectation,
      ExpectScore(*measure.instrument, model, {baseline.score, {}}, since_intake, *context.rules,
                  std::nullopt, internal::CachesFor(context), internal::MemoFor(context)));
  if (expectation) {
    result.expected = expectation->expected;
    result.band_low = expectation->low;
    result.band_high = expectation->high;
    result.method = expectation->method;
    result.worse_than_band = WorseThanBand(*measure.instrument, *expectation, measure.total);
    result.not_on_track = result.worse_than_band;
  }
  // With the growth model, "not on track" is judged on the client's curve projected to the
  // planned last session (from rules.projection.from_session sessions after intake on), not on
  // this one score: docs/monitor-evaluation.md measures why.
  if (expectation && expectation->method == ExpectationMethod::kGrowthModel) {
    result.not_on_track_rule = NotOnTrackRule::kProjectedEnd;
    result.not_on_track = false;
    ScoreHistory history{baseline.score, SinceIntake(baseline, earlier)};
    history.earlier.emplace_back(since_intake, measure.total);
    TRY_ASSIGN(const std::optional<Projection> projection,
               ProjectEnd(*measure.instrument, model, history, since_intake,
                          SinceIntake(baseline, last_session), *context.rules,
                          internal::CachesFor(context), internal::MemoFor(context)));
    if (projection) {
      // Reported as a session number of the episode, as every other session is.
      result.projected_end = ProjectedEnd{projection->session + baseline.session.value_or(0),
                                          projection->expected,
                                          projection->low,
                                          projection->high,
                                          projection->improvement,
                                          projection->required};
      result.not_on_track = projection->not_on_track;
    }
  }
  result.status = StatusFor(*measure.instrument, baseline.score, measure.total, result.not_on_track,
                            internal::CachesFor(context));
  return result;
}

}  // namespace

Result<EpisodeReport> MonitorEpisode(const EpisodeInput& episode, const MonitorContext& context) {
  TRY_ASSIGN(const std::vector<ScoredSession> sessions, internal::ScoreEpisode(episode, context));
  TRY_ASSIGN(const auto baselines, Baselines(episode, context, sessions));
  EpisodeReport report;
  for (const std::string& instrument : context.rules->outcome_instruments) {
    if (baselines.contains(instrument)) {
      report.primary_instrument = instrument;
      break;
    }
  }
  std::map<std::string, std::vector<std::pair<int, double>>> earlier;  // per instrument
  const int last_session = PlannedLastSession(episode, *context.rules);
  for (std::size_t index = 0; index < sessions.size(); ++index) {
    const ScoredSession& session = sessions[index];
    SessionResult result{.session = session.input->number,
                         .attended = session.input->attendance == Attendance::kAttended};
    for (const std::string& instrument : context.rules->outcome_instruments) {
      const ScoredMeasure* measure = session.Find(instrument);
      if (measure == nullptr) continue;
      TRY_ASSIGN(MeasureResult evaluated,
                 Evaluate(*measure, baselines.at(instrument), session.input->number,
                          earlier[instrument], last_session, context));
      if (instrument == report.primary_instrument) {
        result.primary = std::move(evaluated);
      } else {
        result.others.push_back(std::move(evaluated));
      }
      earlier[instrument].emplace_back(session.input->number, measure->total);
    }
    report.sessions.push_back(std::move(result));
    internal::AddSessionAlerts(episode, context, sessions, index, report.primary_instrument,
                               report.sessions);
  }
  if (!sessions.empty())
    report.current_phase = internal::PhaseAt(episode, sessions.back().input->number);
  internal::AddUnhelpfulTechniques(episode, context, report);
  internal::AddSupportPrompts(episode, context, report);
  internal::AddProposals(episode, context, report);
  return report;
}

}  // namespace tessera::monitor
