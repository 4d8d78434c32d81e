// `tessera demo`: scores a fictional client's intake and a later session with the shipped
// instruments and explains the result in plain words. The answers are data
// (data/demo/sample-client.json); everything else is the real scoring code.

#include <fstream>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/measures_support.hpp"
#include "json/file.hpp"
#include "measures/change.hpp"
#include "measures/scoring.hpp"

namespace tessera::cli {
namespace {

using measures::FormatScore;
using nlohmann::json;

struct Administration {
  std::string label;
  std::string date;
  std::map<std::string, measures::ScoreResult> scores;  // by instrument id
};

Result<json> ReadSample(const CliEnvironment& environment) {
  const std::filesystem::path file = environment.data_dir / "demo" / "sample-client.json";
  return ReadJsonFile(file);
}

Result<std::vector<Administration>> ScoreSample(const json& sample,
                                                const measures::InstrumentLibrary& library) {
  std::vector<Administration> administrations;
  try {
    for (const json& entry : sample.at("administrations")) {
      Administration administration{
          entry.at("label").get<std::string>(), entry.at("date").get<std::string>(), {}};
      for (const auto& [instrument_id, answer_values] : entry.at("answers").items()) {
        TRY_ASSIGN(const measures::Instrument* instrument, library.Get(instrument_id));
        std::vector<measures::Answer> answers;
        for (const json& value : answer_values) {
          answers.push_back(value.is_null() ? measures::Answer() : value.get<double>());
        }
        TRY_ASSIGN(measures::ScoreResult score, measures::Score(*instrument, answers));
        administration.scores.emplace(instrument_id, std::move(score));
      }
      administrations.push_back(std::move(administration));
    }
  } catch (const json::exception& error) {
    return InvalidArgument(std::string("demo/sample-client.json: ") + error.what());
  }
  if (administrations.size() < 2) {
    return InvalidArgument("demo/sample-client.json: administrations: needs at least two");
  }
  return administrations;
}

std::string DisplayName(const measures::InstrumentLibrary& library,
                        const std::string& instrument_id) {
  const measures::Instrument* instrument = library.Find(instrument_id);
  return instrument != nullptr ? instrument->short_name : instrument_id;
}

void PrintAdministration(std::ostream& out, const measures::InstrumentLibrary& library,
                         const Administration& administration) {
  out << administration.label << ", " << administration.date << '\n';
  for (const auto& [instrument_id, score] : administration.scores) {
    out << "  " << std::left << std::setw(9) << DisplayName(library, instrument_id) << std::setw(6)
        << FormatScore(score.total->score) << "of " << std::setw(4)
        << FormatScore(score.total->maximum) << score.band.value_or("(no bands)");
    if (score.prorated) {
      out << "  (prorated: " << score.answered << " of " << score.item_count << " items answered)";
    }
    out << '\n';
    for (const measures::RaisedFlag& flag : score.flags) out << "    ! " << flag.message << '\n';
    if (score.screening) {
      out << "    screening: ";
      if (score.screening->positive.empty()) out << "no provisional result";
      for (size_t index = 0; index < score.screening->positive.size(); ++index) {
        out << (index > 0 ? "; " : "") << score.screening->positive[index].label;
      }
      out << " (" << score.screening->caution << ")\n";
    }
  }
}

void PrintChange(std::ostream& out, const measures::InstrumentLibrary& library,
                 const measures::ChangeResult& change) {
  out << "  " << std::left << std::setw(9) << DisplayName(library, change.instrument)
      << FormatScore(change.pre) << " -> " << FormatScore(change.post) << "  ("
      << (change.post - change.pre > 0 ? "+" : "") << FormatScore(change.post - change.pre)
      << "; a change of " << FormatScore(change.reliable_change_points);
  // Where the file supports more than one judgement (CORE-10), give each its confidence and
  // the other one's verdict: "a change of 6 (90 %) is reliable; 6.75 at 95 %: reliable".
  const auto confidence = [](const measures::ReliableChangeJudgement& judgement) {
    return judgement.confidence_percent ? FormatScore(*judgement.confidence_percent) + " %" : "";
  };
  if (change.judgements.size() > 1) {
    for (const measures::ReliableChangeJudgement& judgement : change.judgements) {
      if (judgement.method == change.method) out << " (" << confidence(judgement) << ")";
    }
  }
  out << " is reliable";
  for (const measures::ReliableChangeJudgement& judgement : change.judgements) {
    if (judgement.method == change.method || change.judgements.size() < 2) continue;
    out << "; " << FormatScore(judgement.points) << " at " << confidence(judgement) << ": "
        << (judgement.reliable ? "reliable" : "not reliable");
  }
  if (change.rci)
    out << ", RCI " << std::fixed << std::setprecision(2) << *change.rci << std::defaultfloat;
  out << ")\n           " << (change.reliable ? "reliable change" : "not a reliable change");
  if (change.cutoff) {
    out << (change.crossed_cutoff ? ", crossed" : ", did not cross") << " the clinical cut-off "
        << FormatScore(*change.cutoff);
  }
  out << " => " << measures::OutcomeCategoryName(change.category) << '\n';
}

int RunDemo(const CliEnvironment& environment) {
  const auto outcome = [&]() -> Result<std::string> {
    TRY_ASSIGN(const measures::InstrumentLibrary library, LoadInstrumentLibrary(environment));
    TRY_ASSIGN(const measures::NhsTalkingTherapiesRules rules, LoadNhsRules(environment));
    TRY_ASSIGN(const json sample, ReadSample(environment));
    TRY_ASSIGN(const std::vector<Administration> administrations, ScoreSample(sample, library));
    std::ostringstream out;
    out << "tessera demo: scoring a sample intake and a later session\n"
        << "Client: " << sample.value("client", std::string("(unnamed)")) << "\n\n";
    for (const Administration& administration : administrations) {
      PrintAdministration(out, library, administration);
      out << '\n';
    }
    const Administration& first = administrations.front();
    const Administration& last = administrations.back();
    out << "Change from " << first.label << " to " << last.label << '\n';
    for (const auto& [instrument_id, first_score] : first.scores) {
      const auto last_score = last.scores.find(instrument_id);
      if (last_score == last.scores.end()) continue;
      TRY_ASSIGN(const measures::Instrument* instrument, library.Get(instrument_id));
      TRY_ASSIGN(
          const measures::ChangeResult change,
          measures::Change(*instrument, first_score.total->score, last_score->second.total->score));
      PrintChange(out, library, change);
    }
    const auto total_of = [](const Administration& administration, const std::string& id) {
      return administration.scores.at(id).total->score;
    };
    TRY_ASSIGN(const measures::NhsTtIndicators indicators,
               measures::NhsTalkingTherapies(rules, library,
                                             {total_of(first, "phq9"), total_of(last, "phq9")},
                                             {total_of(first, "gad7"), total_of(last, "gad7")}));
    const auto yes_no = [](bool value) { return value ? "yes" : "no"; };
    out << "\nNHS Talking Therapies indicators (PHQ-9 and GAD-7, first and last measurement)\n"
        << "  a case at the start (PHQ-9 >= " << FormatScore(rules.depression.caseness_at_least)
        << " or GAD-7 >= " << FormatScore(rules.anxiety.caseness_at_least)
        << "):  " << yes_no(indicators.caseness) << '\n'
        << "  reliable improvement:    " << yes_no(indicators.reliable_improvement) << '\n'
        << "  reliable deterioration:  " << yes_no(indicators.reliable_deterioration) << '\n'
        << "  recovery:                " << yes_no(indicators.recovery) << '\n'
        << "  reliable recovery:       " << yes_no(indicators.reliable_recovery) << '\n'
        << "\nScores are for monitoring and conversation with the client, not a diagnosis.\n";
    return out.str();
  }();
  if (!outcome) return ReportError(environment, outcome.error());
  environment.out << *outcome;
  return kExitOk;
}

}  // namespace

void AddDemoCommands(CLI::App& app, CommandContext& context) {
  const CliEnvironment& environment = context.environment;
  CLI::App* demo = app.add_subcommand(
      "demo",
      "Score a fictional client's intake and a later session (PHQ-9, GAD-7, CORE-10) "
      "and show bands, flags, reliable change and NHS Talking Therapies indicators");
  demo->callback([&context, &environment] {
    context.action = [&environment] { return RunDemo(environment); };
  });
}

}  // namespace tessera::cli
