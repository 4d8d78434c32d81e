#include "app/episode_monitor.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <unordered_map>

#include "app/plan_inputs.hpp"
#include "measures/scoring.hpp"
#include "monitor/adaptation.hpp"
#include "monitor/episode_json.hpp"
#include "monitor/expectation_memo.hpp"
#include "monitor/guidance.hpp"
#include "monitor/monitor.hpp"
#include "monitor/review_caches.hpp"

namespace tessera::app {
namespace {

// Parsing a plan's JSON was about a tenth of a submission's cost on the commit queue's writer
// thread (docs/http.md). A stored plan version never changes, so its outline is a pure function
// of its text: parsed outlines are kept by text, shared by every review of that version. The
// cache is bounded; when full it starts again (plans in use are few, so it refills at once).
std::shared_ptr<const monitor::PlanOutline> CachedPlanOutline(const std::string& plan_json) {
  constexpr std::size_t kMaxPlans = 512;
  static std::mutex mutex;
  static std::unordered_map<std::string, std::shared_ptr<const monitor::PlanOutline>> outlines;
  {
    const std::lock_guard lock(mutex);
    if (auto found = outlines.find(plan_json); found != outlines.end()) return found->second;
  }
  auto parsed = monitor::ParsePlanOutline(plan_json);
  if (!parsed) return nullptr;
  auto outline = std::make_shared<const monitor::PlanOutline>(std::move(*parsed));
  const std::lock_guard lock(mutex);
  if (outlines.size() >= kMaxPlans) outlines.clear();
  outlines.emplace(plan_json, outline);
  return outline;
}

// Administrations by session: for each session (by index), its administrations' indices, oldest
// first. One pass instead of one scan of every administration per session.
std::vector<std::vector<std::size_t>> AdministrationsBySession(const MonitoringInput& input) {
  std::vector<std::vector<std::size_t>> by_session(input.sessions.size());
  std::unordered_map<std::int64_t, std::size_t> index_of;
  index_of.reserve(input.sessions.size());
  bool unique = true;
  for (std::size_t session_idx = 0; session_idx < input.sessions.size(); ++session_idx) {
    unique &= index_of.emplace(input.sessions[session_idx].id.value(), session_idx).second;
  }
  for (std::size_t index = 0; index < input.administrations.size(); ++index) {
    const std::optional<SessionId>& session = input.administrations[index].session;
    if (!session) continue;
    if (!unique) {
      // Session ids repeat only in hand-made inputs: every session with the id gets it.
      for (std::size_t session_idx = 0; session_idx < input.sessions.size(); ++session_idx) {
        if (input.sessions[session_idx].id == *session) by_session[session_idx].push_back(index);
      }
      continue;
    }
    if (auto found = index_of.find(session->value()); found != index_of.end()) {
      by_session[found->second].push_back(index);
    }
  }
  return by_session;
}

monitor::EpisodeInput EpisodeFrom(const MonitoringInput& input, const catalog::Catalog& catalog) {
  monitor::EpisodeInput episode;
  if (auto profile = PlannerProfile(input.profile, catalog)) episode.profile = std::move(*profile);
  const std::vector<std::vector<std::size_t>> by_session = AdministrationsBySession(input);
  episode.sessions.reserve(input.sessions.size());
  for (std::size_t session_idx = 0; session_idx < input.sessions.size(); ++session_idx) {
    const Session& stored = input.sessions[session_idx];
    monitor::SessionInput session;
    session.number = static_cast<int>(session_idx) + 1;
    session.attendance = stored.attendance;  // the date is not needed to judge
    for (const TechniqueUse& use : stored.techniques) {
      std::optional<double> helpfulness;
      if (use.helpfulness) helpfulness = *use.helpfulness;
      session.techniques.push_back({use.technique.value(), helpfulness});
    }
    session.measures.reserve(by_session[session_idx].size());
    for (const std::size_t administration_idx : by_session[session_idx]) {
      const MeasureAdministration& administration = input.administrations[administration_idx];
      monitor::MeasureInput measure;
      measure.instrument = administration.instrument.value();
      measure.answers.reserve(administration.answers.size());
      for (const ItemAnswer& answer : administration.answers)
        measure.answers.push_back(answer.value);
      if (measure.answers.empty()) measure.total = administration.total;
      // A questionnaire given again in the same session replaces the earlier one for
      // monitoring (the monitor takes one score per instrument and session); both stay stored.
      auto same =
          std::find_if(session.measures.begin(), session.measures.end(),
                       [&](const auto& given) { return given.instrument == measure.instrument; });
      if (same != session.measures.end()) {
        *same = std::move(measure);
      } else {
        session.measures.push_back(std::move(measure));
      }
    }
    episode.sessions.push_back(std::move(session));
  }
  // The outline is shared, not copied; the plan's text is not needed to judge (Accept takes
  // it from the input).
  if (!input.plan_json.empty()) episode.shared_plan = CachedPlanOutline(input.plan_json);
  episode.risk_alert_open = input.risk_alert_open;
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

// The highest answer among the instrument's item flags raised at the latest session (the
// level a risk alert escalates on); nullopt when no flagged item has an answer.
std::optional<double> EndorsedLevel(const MonitoringInput& input,
                                    const measures::InstrumentLibrary& instruments,
                                    const std::string& instrument_id) {
  auto instrument = instruments.Get(instrument_id);
  if (!instrument || !input.latest_session) return std::nullopt;
  const MeasureAdministration* latest = nullptr;
  for (const MeasureAdministration& administration : input.administrations) {
    if (administration.session == input.latest_session &&
        administration.instrument.value() == instrument_id) {
      latest = &administration;
    }
  }
  if (latest == nullptr) return std::nullopt;
  std::optional<double> level;
  for (const measures::FlagRule& flag : (*instrument)->flags) {
    if (flag.item.empty() ||
        std::find(latest->flags.begin(), latest->flags.end(), flag.id) == latest->flags.end()) {
      continue;
    }
    for (const ItemAnswer& answer : latest->answers) {
      if (answer.item == flag.item && answer.value && (!level || *answer.value > *level)) {
        level = answer.value;
      }
    }
  }
  return level;
}

std::string JoinAlertTypes(const std::vector<monitor::AlertType>& types) {
  std::string joined;
  for (const monitor::AlertType type : types) {
    joined += (joined.empty() ? "" : ", ") + std::string(monitor::Name(type));
  }
  return joined.empty() ? "" : "prompted by " + joined;
}

void DescribePrimary(const monitor::MeasureResult& primary, MonitoringOutcome& outcome) {
  outcome.status = std::string(monitor::Name(primary.status));
  outcome.detail = primary.instrument + " " + measures::FormatScore(primary.score);
  if (!primary.expected) return;  // the baseline score: nothing was expected yet
  outcome.method = std::string(monitor::Name(primary.method));
  outcome.not_on_track_rule = std::string(monitor::Name(primary.not_on_track_rule));
  outcome.expected = primary.expected;
  outcome.band_low = primary.band_low;
  outcome.band_high = primary.band_high;
  if (primary.band_low && primary.band_high) {
    outcome.detail += "; expected band for clients with this intake " +
                      measures::FormatScore(*primary.band_low) + " to " +
                      measures::FormatScore(*primary.band_high);
  }
  outcome.detail += " (" + outcome.method + ")";
  if (primary.projected_end) {
    const monitor::ProjectedEnd& end = *primary.projected_end;
    outcome.projected_end = ProjectedEndDraft{end.session, end.expected,    end.low,
                                              end.high,    end.improvement, end.required};
  }
}

// A closed episode as practice data, on the monitor's one time axis (monitor.cpp SinceIntake):
// sessions numbered as Review numbers them (by date within the episode); per outcome
// instrument the first scored session's total is the intake (time 0) and every later scored
// session an observation at its sessions since that one (a questionnaire given twice in one
// session counts once, the later one, as in Review).
std::vector<monitor::PracticeObservation> Observations(const std::vector<MonitoringInput>& episodes,
                                                       const monitor::MonitorRules& rules) {
  std::vector<monitor::PracticeObservation> observations;
  for (const MonitoringInput& input : episodes) {
    std::map<std::int64_t, int> number_of;  // session id -> number
    for (std::size_t index = 0; index < input.sessions.size(); ++index) {
      number_of[input.sessions[index].id.value()] = static_cast<int>(index) + 1;
    }
    const std::string client =
        std::to_string(input.client.value()) + "/" + std::to_string(input.episode.value());
    for (const std::string& instrument : rules.outcome_instruments) {
      std::map<int, double> by_session;
      for (const MeasureAdministration& administration : input.administrations) {
        if (administration.instrument.value() != instrument || !administration.total ||
            !administration.session || !number_of.contains(administration.session->value())) {
          continue;
        }
        by_session[number_of.at(administration.session->value())] = *administration.total;
      }
      if (by_session.size() < 2) continue;
      const auto [intake_session, intake] = *by_session.begin();
      for (auto at = std::next(by_session.begin()); at != by_session.end(); ++at) {
        observations.push_back(
            {client, instrument, intake, at->first - intake_session, at->second});
      }
    }
  }
  return observations;
}

}  // namespace

Result<PracticeModel> LoadPracticeModelFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(path.string() + ": cannot read the expected-response model file");
  std::ostringstream text;
  text << in.rdbuf();
  Result<monitor::ExpectedModel> parsed = monitor::ParseExpectedModel(text.str());
  if (!parsed) return Propagate(parsed.error().WithContext(path.string()));
  if (parsed->instruments.empty()) {
    return InvalidArgument(path.string() + ": the expected-response model holds no instrument");
  }
  return PracticeModel{std::move(*parsed), path.string(), "", 0};
}

PracticeModelSummary SummarizePracticeModel(const PracticeModel& model,
                                            const monitor::MonitorRules& rules) {
  PracticeModelSummary summary{model.source, model.fitted_at, model.episodes, {}};
  for (const monitor::InstrumentModel& instrument : model.model.instruments) {
    PracticeModelInstrument item{instrument.instrument, instrument.clients,
                                 instrument.fit.has_value(), false, ""};
    if (!instrument.fit) {
      item.note = "no growth model (" + instrument.fit_note + ")";
    } else if (instrument.clients < rules.minimum_practice_clients) {
      item.note = "growth model on " + std::to_string(instrument.clients) +
                  " clients, fewer than the " + std::to_string(rules.minimum_practice_clients) +
                  " required (rules.json minimum_practice_clients): not used";
    } else {
      item.used = true;
    }
    summary.instruments.push_back(std::move(item));
  }
  return summary;
}

std::string DescribePracticeModel(const PracticeModelSummary& summary) {
  std::string text;
  for (const PracticeModelInstrument& instrument : summary.instruments) {
    text += (text.empty() ? "" : "; ") + instrument.instrument + ": " +
            (instrument.used ? "growth model on " + std::to_string(instrument.clients) + " clients"
                             : instrument.note);
  }
  return text;
}

Result<std::unique_ptr<RoutineOutcomeMonitor>> RoutineOutcomeMonitor::Create(
    const ClinicalLibrary& library, const std::filesystem::path& data_dir,
    std::optional<PracticeModel> model) {
  TRY_ASSIGN(monitor::MonitorRules rules, monitor::LoadMonitorRules(data_dir / "monitor"));
  // Every switch criterion of the catalogue must name a trigger this monitor can test.
  TRY(monitor::CheckSwitchTriggers(library.catalog, rules));
  return std::unique_ptr<RoutineOutcomeMonitor>(
      new RoutineOutcomeMonitor(library, std::move(rules), std::move(model)));
}

RoutineOutcomeMonitor::RoutineOutcomeMonitor(const ClinicalLibrary& library,
                                             monitor::MonitorRules rules,
                                             std::optional<PracticeModel> model)
    : library_(library),
      rules_(std::move(rules)),
      caches_(std::make_shared<const monitor::ReviewCaches>(library.instruments, library.catalog)) {
  if (model) {
    const std::lock_guard lock(model_mutex_);
    Hold(std::move(*model));
  }
}

RoutineOutcomeMonitor::HeldModel RoutineOutcomeMonitor::Held() const {
  const std::lock_guard lock(model_mutex_);
  return held_;
}

void RoutineOutcomeMonitor::Hold(PracticeModel model) {
  auto held = std::make_shared<const PracticeModel>(std::move(model));
  // A fresh memo per model: its entries are the growth model's answers for this fit only.
  held_.expectations = std::make_shared<const monitor::ExpectationMemo>(held->model, held);
  held_.model = std::move(held);
}

monitor::MonitorContext RoutineOutcomeMonitor::Context(const HeldModel& held) const {
  return monitor::MonitorContext{
      &library_.instruments, &rules_,       held.model ? &held.model->model : nullptr,
      &library_.catalog,     caches_.get(), held.expectations.get(),
      std::nullopt};
}

std::optional<PracticeModelSummary> RoutineOutcomeMonitor::CurrentModel() const {
  const std::shared_ptr<const PracticeModel> model = Model();
  if (!model) return std::nullopt;
  return SummarizePracticeModel(*model, rules_);
}

AlertGuidanceText RoutineOutcomeMonitor::Guidance(const std::string& kind) const {
  const monitor::AlertGuidance guidance = monitor::GuidanceFor(kind, rules_);
  AlertGuidanceText text{guidance.actions, {}};
  for (const monitor::SupportPrompt& support : guidance.support) {
    text.support.push_back(
        {std::string(monitor::Name(support.area)), support.why, support.prompts});
  }
  return text;
}

std::string RoutineOutcomeMonitor::DescribeModel() const {
  const std::optional<PracticeModelSummary> summary = CurrentModel();
  return summary ? DescribePracticeModel(*summary) : std::string();
}

Result<PracticeModelSummary> RoutineOutcomeMonitor::Refit(
    const std::vector<MonitoringInput>& closed_episodes, const std::string& source,
    const std::string& fitted_at) {
  TRY_ASSIGN(monitor::ExpectedModel fitted,
             monitor::FitExpectedModel(Observations(closed_episodes, rules_)));
  PracticeModel model{std::move(fitted), source, fitted_at,
                      static_cast<int>(closed_episodes.size())};
  PracticeModelSummary summary = SummarizePracticeModel(model, rules_);
  const bool usable = std::any_of(summary.instruments.begin(), summary.instruments.end(),
                                  [](const PracticeModelInstrument& item) { return item.used; });
  if (!usable) {
    std::string why = summary.instruments.empty() ? "no outcome measure was scored twice in one"
                                                  : DescribePracticeModel(summary);
    return Conflict("no usable growth model from " + std::to_string(model.episodes) +
                    " closed episodes (" + why + "); the current model is kept");
  }
  const std::lock_guard lock(model_mutex_);
  Hold(std::move(model));
  return summary;
}

Result<MonitoringOutcome> RoutineOutcomeMonitor::Review(const MonitoringInput& input) {
  const monitor::EpisodeInput episode = EpisodeFrom(input, library_.catalog);
  const HeldModel held = Held();
  const std::shared_ptr<const PracticeModel>& model = held.model;
  const int latest = LatestNumber(input);
  monitor::MonitorContext context = Context(held);
  context.described_session = latest;  // only its alerts are read
  TRY_ASSIGN(monitor::EpisodeReport report, monitor::MonitorEpisode(episode, context));
  MonitoringOutcome outcome;
  outcome.status = "no_outcome_measure";
  outcome.expected_model = model ? model->source : "none";
  for (const monitor::SessionResult& session : report.sessions) {
    if (session.session != latest) continue;
    if (session.primary) DescribePrimary(*session.primary, outcome);
    for (const monitor::Alert& alert : session.alerts) {
      AlertDraft draft{std::string(monitor::Name(alert.type)),
                       std::string(monitor::Name(alert.severity)) + ": " + alert.reason,
                       alert.instrument, std::string(monitor::Name(alert.severity)), std::nullopt};
      if (alert.type == monitor::AlertType::kRiskItem) {
        draft.level = EndorsedLevel(input, library_.instruments, alert.instrument);
      }
      outcome.alerts.push_back(std::move(draft));
    }
  }
  for (const monitor::AdaptationProposal& proposal : report.proposals) {
    outcome.proposals.push_back({proposal.id, std::string(monitor::Name(proposal.kind)),
                                 std::string(monitor::Name(proposal.change)), proposal.text,
                                 JoinAlertTypes(proposal.prompted_by), proposal.phase,
                                 proposal.technique});
  }
  return outcome;
}

Result<std::vector<CoursePoint>> RoutineOutcomeMonitor::Course(const MonitoringInput& input) {
  const monitor::EpisodeInput episode = EpisodeFrom(input, library_.catalog);
  monitor::MonitorContext context = Context(Held());
  context.described_session = 0;  // the course needs numbers, not any session's texts
  TRY_ASSIGN(monitor::EpisodeReport report, monitor::MonitorEpisode(episode, context));
  std::vector<CoursePoint> course;
  const auto add = [&](const monitor::SessionResult& session, const monitor::MeasureResult& result,
                       bool primary) {
    const auto index = static_cast<std::size_t>(session.session - 1);
    if (session.session < 1 || index >= input.sessions.size()) return;
    CoursePoint point;
    point.session = session.session;
    point.session_id = input.sessions[index].id;
    point.instrument = result.instrument;
    point.score = result.score;
    point.primary = primary;
    point.expected = result.expected;
    point.band_low = result.band_low;
    point.band_high = result.band_high;
    if (result.expected) point.method = std::string(monitor::Name(result.method));
    point.status = std::string(monitor::Name(result.status));
    course.push_back(std::move(point));
  };
  for (const monitor::SessionResult& session : report.sessions) {
    if (session.primary) add(session, *session.primary, true);
    for (const monitor::MeasureResult& other : session.others) add(session, other, false);
  }
  return course;
}

Result<PlanRevisionDraft> RoutineOutcomeMonitor::Accept(const MonitoringInput& input,
                                                        const std::string& proposal_id,
                                                        const std::string& client_feedback) {
  if (input.plan_json.empty()) return InvalidArgument("the episode has no plan to adapt");
  const monitor::EpisodeInput episode = EpisodeFrom(input, library_.catalog);
  monitor::MonitorContext context = Context(Held());
  context.described_session = 0;  // proposals read alert types only: no session's texts
  TRY_ASSIGN(monitor::EpisodeReport report, monitor::MonitorEpisode(episode, context));
  for (const monitor::AdaptationProposal& proposal : report.proposals) {
    if (proposal.id != proposal_id) continue;
    TRY_ASSIGN(monitor::PlanRevision revision,
               monitor::AcceptProposal(input.plan_json, proposal, client_feedback));
    return PlanRevisionDraft{std::move(revision.content), std::move(revision.reason),
                             std::move(revision.alert_types)};
  }
  return NotFound("proposal '" + proposal_id +
                  "' is not among the monitor's current proposals for this episode; reload");
}

}  // namespace tessera::app
