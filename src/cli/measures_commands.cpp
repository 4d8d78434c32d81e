// `tessera instruments`, `score`, `change`, `nhs-tt`: the command-line contract of the measures
// module (issue 2). Results are one JSON object on stdout; bad input is one line on stderr,
// exit 2, and nothing on stdout.

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <vector>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/measures_support.hpp"
#include "measures/change.hpp"
#include "measures/scoring.hpp"

namespace tessera::cli {
namespace {

using measures::FormatScore;
using nlohmann::json;

// Whole numbers print as integers ("15", not "15.0"); others are rounded for people.
json Number(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  const double rounded = std::round(value * scale) / scale;
  if (rounded == std::floor(rounded) && std::fabs(rounded) < 1e15) {
    return static_cast<long long>(rounded);
  }
  return rounded;
}

int PrintJson(const CliEnvironment& environment, const json& document) {
  environment.out << document.dump() << '\n';
  return kExitOk;
}

int RunInstruments(const CliEnvironment& environment) {
  const auto library = LoadInstrumentLibrary(environment);
  if (!library) return ReportError(environment, library.error());
  for (const measures::Instrument& instrument : library->instruments()) {
    environment.out << instrument.id << '\t' << instrument.name << '\t' << instrument.items.size()
                    << " items\t" << instrument.licence << '\n';
  }
  return kExitOk;
}

json ScoreJson(const measures::ScoreResult& result) {
  json document;
  document["instrument"] = result.instrument;
  document["total"] = result.total ? Number(result.total->score, 2) : json(nullptr);
  document["min"] = result.total ? Number(result.total->minimum, 2) : json(nullptr);
  document["max"] = result.total ? Number(result.total->maximum, 2) : json(nullptr);
  document["band"] = result.band ? json(*result.band) : json(nullptr);
  json subscales = json::object();
  for (const measures::ScaleScore& subscale : result.subscales) {
    subscales[subscale.id] = Number(subscale.score, 2);
  }
  document["subscales"] = subscales;
  json flags = json::array();
  for (const measures::RaisedFlag& flag : result.flags) {
    json entry{{"id", flag.id}, {"message", flag.message}, {"value", Number(flag.value, 2)}};
    if (!flag.item.empty()) entry["item"] = flag.item;
    if (!flag.scale.empty()) entry["scale"] = flag.scale;
    flags.push_back(entry);
  }
  document["flags"] = flags;
  if (result.screening) {
    // Only the rules met are listed: an empty list is a negative screen.
    json positive = json::array();
    for (const measures::ProvisionalResult& met : result.screening->positive) {
      positive.push_back({{"id", met.id}, {"label", met.label}});
    }
    document["screening"] = {{"symptoms", result.screening->symptoms},
                             {"provisional_results", positive},
                             {"caution", result.screening->caution}};
  }
  document["prorated"] = result.prorated;
  document["answered"] = result.answered;
  document["items"] = result.item_count;
  return document;
}

int RunScore(const CliEnvironment& environment, const std::string& instrument_id,
             const std::vector<std::string>& answer_texts) {
  const auto outcome = [&]() -> Result<json> {
    TRY_ASSIGN(const measures::InstrumentLibrary library, LoadInstrumentLibrary(environment));
    TRY_ASSIGN(const measures::Instrument* instrument, library.Get(instrument_id));
    TRY_ASSIGN(const std::vector<measures::Answer> answers,
               measures::ParseAnswers(*instrument, answer_texts));
    TRY_ASSIGN(const measures::ScoreResult result, measures::Score(*instrument, answers));
    return ScoreJson(result);
  }();
  if (!outcome) return ReportError(environment, outcome.error());
  return PrintJson(environment, *outcome);
}

json ChangeJson(const measures::ChangeResult& result) {
  json document{
      {"instrument", result.instrument},
      {"pre", Number(result.pre, 2)},
      {"post", Number(result.post, 2)},
      {"rci", result.rci ? Number(*result.rci, 3) : json(nullptr)},
      {"reliable", result.reliable},
      {"direction", measures::ChangeDirectionName(result.direction)},
      {"crossed_cutoff", result.crossed_cutoff},
      {"category", measures::OutcomeCategoryName(result.category)},
      {"method", measures::ReliableChangeMethodName(result.method)},
      {"reliable_change_points", Number(result.reliable_change_points, 2)},
      {"cutoff", result.cutoff ? Number(*result.cutoff, 2) : json(nullptr)},
      {"cutoff_kind", result.cutoff_kind.empty() ? json(nullptr) : json(result.cutoff_kind)}};
  // Every judgement the instrument supports, by method, whichever drives the category
  // (CORE-10: Jacobson-Truax 6.75 at 95 % and the published 6 at 90 %).
  json judgements = json::object();
  for (const measures::ReliableChangeJudgement& judgement : result.judgements) {
    judgements[measures::ReliableChangeMethodName(judgement.method)] = {
        {"reliable_change_points", Number(judgement.points, 2)},
        {"confidence_percent",
         judgement.confidence_percent ? Number(*judgement.confidence_percent, 1) : json(nullptr)},
        {"reliable", judgement.reliable}};
  }
  document["reliable_change"] = judgements;
  if (result.cutoffs) {
    document["cutoffs"] = {{"a", Number(result.cutoffs->a, 2)},
                           {"b", Number(result.cutoffs->b, 2)},
                           {"c", Number(result.cutoffs->c, 2)}};
  }
  return document;
}

int RunChange(const CliEnvironment& environment, const std::string& instrument_id,
              const std::string& pre_text, const std::string& post_text,
              measures::CutoffChoice cutoff_choice) {
  const auto outcome = [&]() -> Result<json> {
    TRY_ASSIGN(const measures::InstrumentLibrary library, LoadInstrumentLibrary(environment));
    TRY_ASSIGN(const measures::Instrument* instrument, library.Get(instrument_id));
    if (!instrument->total) {
      return InvalidArgument(instrument->id + ": has no total score, so change cannot be computed");
    }
    const std::string allowed = "a number from " + FormatScore(instrument->total->minimum) +
                                " to " + FormatScore(instrument->total->maximum);
    TRY_ASSIGN(const double pre, ParseNumberArgument("pre_total", pre_text, allowed));
    TRY_ASSIGN(const double post, ParseNumberArgument("post_total", post_text, allowed));
    TRY_ASSIGN(const measures::ChangeResult result,
               measures::Change(*instrument, pre, post, cutoff_choice));
    return ChangeJson(result);
  }();
  if (!outcome) return ReportError(environment, outcome.error());
  return PrintJson(environment, *outcome);
}

int RunNhsTt(const CliEnvironment& environment, const std::vector<std::string>& totals) {
  const auto outcome = [&]() -> Result<json> {
    TRY_ASSIGN(const measures::InstrumentLibrary library, LoadInstrumentLibrary(environment));
    TRY_ASSIGN(const measures::NhsTalkingTherapiesRules rules, LoadNhsRules(environment));
    const char* names[] = {"phq9_pre", "gad7_pre", "phq9_post", "gad7_post"};
    double values[4] = {0, 0, 0, 0};
    for (size_t index = 0; index < 4; ++index) {
      const std::string& instrument_id =
          index % 2 == 0 ? rules.depression.instrument : rules.anxiety.instrument;
      TRY_ASSIGN(const measures::Instrument* instrument, library.Get(instrument_id));
      if (!instrument->total) return InvalidArgument(instrument_id + ": has no total score");
      const double minimum = instrument->total->minimum;
      const double maximum = instrument->total->maximum;
      const std::string allowed = "a whole number from " + FormatScore(minimum) + " to " +
                                  FormatScore(maximum) + " (" + instrument_id + " total)";
      TRY_ASSIGN(values[index], ParseNumberArgument(names[index], totals[index], allowed));
      if (values[index] < minimum || values[index] > maximum ||
          values[index] != std::floor(values[index])) {
        return InvalidArgument(std::string(names[index]) + ": " + FormatScore(values[index]) +
                               " is not allowed; allowed: " + allowed);
      }
    }
    TRY_ASSIGN(const measures::NhsTtIndicators indicators,
               measures::NhsTalkingTherapies(rules, library, {values[0], values[2]},
                                             {values[1], values[3]}));
    return json{{"caseness", indicators.caseness},
                {"reliable_improvement", indicators.reliable_improvement},
                {"reliable_deterioration", indicators.reliable_deterioration},
                {"recovery", indicators.recovery},
                {"reliable_recovery", indicators.reliable_recovery},
                {"caseness_at_last", indicators.caseness_at_last},
                {"phq9_change", Number(indicators.depression_change, 2)},
                {"gad7_change", Number(indicators.anxiety_change, 2)}};
  }();
  if (!outcome) return ReportError(environment, outcome.error());
  return PrintJson(environment, *outcome);
}

}  // namespace

void AddMeasuresCommands(CLI::App& app, CommandContext& context) {
  const CliEnvironment& environment = context.environment;

  CLI::App* instruments = app.add_subcommand(
      "instruments", "List the instruments in data/instruments: id, name, item count, licence");
  instruments->callback([&context, &environment] {
    context.action = [&environment] { return RunInstruments(environment); };
  });

  CLI::App* score = app.add_subcommand(
      "score",
      "Score one administration; prints instrument, total, max, band, subscales, flags, "
      "prorated as JSON");
  auto instrument_id = std::make_shared<std::string>();
  auto answers = std::make_shared<std::vector<std::string>>();
  score
      ->add_option("instrument", *instrument_id,
                   "Instrument id, e.g. phq9 (see `tessera instruments`)")
      ->required();
  score
      ->add_option("answers", *answers,
                   "One answer per item, in item order: the option's value (e.g. 0-3 for "
                   "PHQ-9, -3..3 for C-NIP), or '-' for a missing one")
      ->required();
  score->callback([&context, &environment, instrument_id, answers] {
    context.action = [&environment, instrument_id, answers] {
      return RunScore(environment, *instrument_id, *answers);
    };
  });

  CLI::App* change = app.add_subcommand(
      "change",
      "Reliable and clinically significant change between two totals (Jacobson-Truax); "
      "prints rci, reliable, direction, crossed_cutoff, category as JSON");
  auto change_instrument = std::make_shared<std::string>();
  auto pre_total = std::make_shared<std::string>();
  auto post_total = std::make_shared<std::string>();
  auto cutoff = std::make_shared<std::string>("published");
  change->add_option("instrument", *change_instrument, "Instrument id, e.g. core10")->required();
  change->add_option("pre_total", *pre_total, "Total before (e.g. at intake)")->required();
  change->add_option("post_total", *post_total, "Total after (e.g. at the last session)")
      ->required();
  change
      ->add_option("--cutoff", *cutoff,
                   "Cut-off for 'crossed': published (the instrument's, else c), a, b or c")
      ->check(CLI::IsMember({"published", "a", "b", "c"}));
  change->callback([&context, &environment, change_instrument, pre_total, post_total, cutoff] {
    const measures::CutoffChoice choice = *cutoff == "a"   ? measures::CutoffChoice::kA
                                          : *cutoff == "b" ? measures::CutoffChoice::kB
                                          : *cutoff == "c"
                                              ? measures::CutoffChoice::kC
                                              : measures::CutoffChoice::kPublishedElseC;
    context.action = [&environment, change_instrument, pre_total, post_total, choice] {
      return RunChange(environment, *change_instrument, *pre_total, *post_total, choice);
    };
  });

  CLI::App* nhs_tt = app.add_subcommand(
      "nhs-tt",
      "NHS Talking Therapies indicators from PHQ-9 and GAD-7 totals at the first and "
      "last measurement: caseness, reliable_improvement, reliable_deterioration, "
      "recovery, reliable_recovery as JSON");
  auto totals = std::make_shared<std::vector<std::string>>(4);
  nhs_tt->add_option("phq9_pre", (*totals)[0], "PHQ-9 total at the first measurement")->required();
  nhs_tt->add_option("gad7_pre", (*totals)[1], "GAD-7 total at the first measurement")->required();
  nhs_tt->add_option("phq9_post", (*totals)[2], "PHQ-9 total at the last measurement")->required();
  nhs_tt->add_option("gad7_post", (*totals)[3], "GAD-7 total at the last measurement")->required();
  nhs_tt->callback([&context, &environment, totals] {
    context.action = [&environment, totals] { return RunNhsTt(environment, *totals); };
  });
}

}  // namespace tessera::cli
