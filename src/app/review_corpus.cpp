#include "app/review_corpus.hpp"

#include <chrono>
#include <cstdio>
#include <map>
#include <random>
#include <sstream>

#include "app/plan_inputs.hpp"
#include "app/simulated_intake.hpp"
#include "measures/scoring.hpp"
#include "planner/plan_output.hpp"
#include "planner/planner.hpp"
#include "stats/practice_simulator.hpp"

namespace tessera::app {
namespace {

using Row = SimulatedRow;

std::string DateOf(int day_offset) {
  const std::chrono::sys_days day =
      std::chrono::sys_days{std::chrono::year{2026} / 1 / 5} + std::chrono::days{day_offset};
  const std::chrono::year_month_day date{day};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return text;
}

// The plan's techniques in the phase under way at `session` (cumulative phase sessions).
std::vector<std::string> PhaseTechniques(const planner::Plan& plan, int session) {
  int end = 0;
  for (const planner::PlanPhase& phase : plan.phases) {
    end += phase.sessions;
    if (session > end) continue;
    std::vector<std::string> ids;
    for (const planner::PlannedTechnique& technique : phase.techniques) ids.push_back(technique.id);
    return ids;
  }
  return {};
}

// Scores and stores an administration as PrepareSubmission does (total, band, flags).
Result<MeasureAdministration> Administer(const ClinicalLibrary& library, const std::string& id,
                                         std::vector<ItemAnswer> answers,
                                         std::optional<double> total) {
  TRY_ASSIGN(const measures::Instrument* instrument, library.instruments.Get(id));
  MeasureAdministration administration;
  administration.instrument = InstrumentId(id);
  if (!answers.empty()) {
    std::vector<measures::Answer> ordered;
    for (const ItemAnswer& answer : answers) ordered.push_back(answer.value);
    TRY_ASSIGN(measures::ScoreResult score, measures::Score(*instrument, ordered));
    if (score.total) administration.total = score.total->score;
    for (const measures::ScaleScore& subscale : score.subscales) {
      administration.subscales[subscale.id] = subscale.score;
    }
    for (const measures::RaisedFlag& flag : score.flags) administration.flags.push_back(flag.id);
    administration.answers = std::move(answers);
  } else {
    administration.total = total;
  }
  if (administration.total) {
    administration.band = measures::BandFor(*instrument, *administration.total).value_or("");
  }
  return administration;
}

struct Counters {
  std::int64_t session = 0;
  std::int64_t administration = 0;
};

Result<MonitoringInput> EpisodeOf(const ClinicalLibrary& library, const std::vector<Row>& rows,
                                  std::size_t client_idx, const ReviewCorpusSpec& spec,
                                  std::mt19937_64& random, Counters& counters) {
  MonitoringInput input;
  input.client = ClientId(static_cast<std::int64_t>(client_idx) + 1);
  input.episode = EpisodeId(static_cast<std::int64_t>(client_idx) + 1);
  input.profile = ProfileFromIntake(rows.front());
  // Three in four clients have a plan: the planner's for their profile, as the store keeps it.
  std::optional<planner::Plan> plan;
  if (client_idx % 4 != 3) {
    TRY_ASSIGN(planner::PlanRequest request, [&]() -> Result<planner::PlanRequest> {
      planner::PlanRequest made;
      TRY_ASSIGN(made.profile, PlannerProfile(input.profile, library.catalog));
      made.strategy = client_idx % 2 == 0 ? planner::Strategy::kAuto : planner::Strategy::kEclectic;
      return made;
    }());
    TRY_ASSIGN(plan, planner::MakePlan(request, library.catalog));
    input.plan_json = planner::PlanToJson(*plan);
  }
  std::map<int, const Row*> attended;
  for (const Row& row : rows) attended[std::stoi(row.at("session"))] = &row;
  const int last = attended.rbegin()->first;
  const bool risk_client = client_idx % 5 == 2;
  const bool rupture_client = client_idx % 3 == 1;
  int attended_count = 0;
  double alliance = 37 + static_cast<double>(random() % 4);
  for (int number = 1; number <= last && number <= spec.sessions; ++number) {
    Session session;
    session.id = SessionId(++counters.session);
    session.episode = input.episode;
    session.client = input.client;
    session.date = DateOf(static_cast<int>(client_idx) * 7 + (number - 1) * 7);
    const auto found = attended.find(number);
    if (found == attended.end()) {
      session.attendance =
          number % 2 == 0 ? Attendance::kDidNotAttend : Attendance::kCancelledByClient;
      input.sessions.push_back(std::move(session));
      continue;
    }
    const Row& row = *found->second;
    ++attended_count;
    std::vector<std::string> techniques =
        plan ? PhaseTechniques(*plan, number) : std::vector<std::string>{};
    for (std::size_t use = 0; use < techniques.size() && use < 2; ++use) {
      // Mostly helpful; now and then rated low, so repeated low ratings surface a technique.
      const int rating =
          random() % 5 == 0 ? static_cast<int>(random() % 4) : 5 + static_cast<int>(random() % 6);
      session.techniques.push_back({TechniqueId(techniques[use]), rating});
    }
    std::vector<MeasureAdministration> given;
    TRY_ASSIGN(MeasureAdministration phq9,
               Administer(library, "phq9",
                          Phq9ItemsAddingUpTo(std::stoi(row.at("phq9")),
                                              risk_client && attended_count == 3),
                          std::nullopt));
    given.push_back(std::move(phq9));
    if (client_idx % 7 == 4 && attended_count == 2) {
      // A PHQ-9 given twice in one session (ReadEpisode passes both; the later one counts).
      TRY_ASSIGN(MeasureAdministration again,
                 Administer(library, "phq9",
                            Phq9ItemsAddingUpTo(std::max(0, std::stoi(row.at("phq9")) - 2), false),
                            std::nullopt));
      given.push_back(std::move(again));
    }
    TRY_ASSIGN(MeasureAdministration gad7,
               Administer(library, "gad7", {}, std::stod(row.at("gad7"))));
    given.push_back(std::move(gad7));
    if (rupture_client && attended_count == 5) alliance -= 4 + static_cast<double>(random() % 4);
    alliance = std::clamp(alliance + (random() % 3 == 0 ? 1.0 : 0.0), 0.0, 40.0);
    TRY_ASSIGN(MeasureAdministration srs, Administer(library, "srs", {}, alliance));
    given.push_back(std::move(srs));
    for (MeasureAdministration& administration : given) {
      administration.id = AdministrationId(++counters.administration);
      administration.client = input.client;
      administration.session = session.id;
      input.administrations.push_back(std::move(administration));
    }
    input.sessions.push_back(std::move(session));
  }
  input.latest_session = input.sessions.back().id;
  return input;
}

// Sessions 1..count of `episode`, with their administrations, the last one the latest.
MonitoringInput Prefix(const MonitoringInput& episode, std::size_t count) {
  MonitoringInput prefix = episode;
  prefix.sessions.resize(count);
  const SessionId latest = prefix.sessions.back().id;
  prefix.latest_session = latest;
  std::erase_if(prefix.administrations, [&](const MeasureAdministration& administration) {
    return administration.session->value() > latest.value();
  });
  return prefix;
}

void AppendNumber(std::string& out, const char* name, std::optional<double> value) {
  char text[64];
  if (value) {
    std::snprintf(text, sizeof text, "%s=%.17g\n", name, *value);
  } else {
    std::snprintf(text, sizeof text, "%s=-\n", name);
  }
  out += text;
}

}  // namespace

Result<ReviewCorpus> MakeReviewCorpus(const ClinicalLibrary& library,
                                      const ReviewCorpusSpec& spec) {
  std::ostringstream csv;
  TRY(stats::SimulatePractice({spec.clients, spec.sessions, spec.seed}, csv));
  std::mt19937_64 random(spec.seed);
  Counters counters;
  ReviewCorpus corpus;
  std::size_t client_idx = 0;
  for (const auto& [client, rows] : SimulatedClients(csv.str())) {
    TRY_ASSIGN(MonitoringInput episode,
               EpisodeOf(library, rows, client_idx++, spec, random, counters));
    for (std::size_t count = 1; count <= episode.sessions.size(); ++count) {
      corpus.prefixes.push_back(Prefix(episode, count));
    }
    corpus.episodes.push_back(std::move(episode));
  }
  return corpus;
}

std::string DescribeOutcomeExactly(const MonitoringOutcome& outcome) {
  std::string out = "status=" + outcome.status + "\ndetail=" + outcome.detail +
                    "\nmethod=" + outcome.method +
                    "\nnot_on_track_rule=" + outcome.not_on_track_rule + "\n";
  AppendNumber(out, "expected", outcome.expected);
  AppendNumber(out, "band_low", outcome.band_low);
  AppendNumber(out, "band_high", outcome.band_high);
  if (outcome.projected_end) {
    const ProjectedEndDraft& end = *outcome.projected_end;
    out += "projected_end.session=" + std::to_string(end.session) + "\n";
    AppendNumber(out, "projected_end.expected", end.expected);
    AppendNumber(out, "projected_end.low", end.low);
    AppendNumber(out, "projected_end.high", end.high);
    AppendNumber(out, "projected_end.improvement", end.improvement);
    AppendNumber(out, "projected_end.required", end.required);
  } else {
    out += "projected_end=-\n";
  }
  out += "expected_model=" + outcome.expected_model + "\n";
  for (const AlertDraft& alert : outcome.alerts)
    out += "alert=" + alert.kind + " | " + alert.detail + "\n";
  for (const AdaptationProposal& proposal : outcome.proposals) {
    out += "proposal=" + proposal.id + " | " + proposal.kind + " | " + proposal.change + " | " +
           proposal.summary + " | " + proposal.rationale + "\n";
  }
  return out;
}

}  // namespace tessera::app
