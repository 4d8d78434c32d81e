// `tessera monitor --episode FILE [--model FIT]` and `tessera fit expected`.

#include <fstream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/csv_reader.hpp"
#include "cli/exit_codes.hpp"
#include "cli/measures_support.hpp"
#include "cli/planner_cli_support.hpp"
#include "monitor/episode_json.hpp"
#include "monitor/monitor.hpp"

namespace tessera::cli {
namespace {

struct MonitorArguments {
  std::string episode;
  std::string model;
};

Result<std::string> RunMonitor(const MonitorArguments& arguments,
                               const CliEnvironment& environment) {
  TRY_ASSIGN(const measures::InstrumentLibrary library, LoadInstrumentLibrary(environment));
  TRY_ASSIGN(const monitor::MonitorRules rules,
             monitor::LoadMonitorRules(environment.data_dir / "monitor"));
  TRY_ASSIGN(const catalog::Catalog catalog, LoadCatalog(environment, {}));
  TRY(monitor::CheckSwitchTriggers(catalog, rules));
  TRY_ASSIGN(const std::string episode_text, ReadInputFile(arguments.episode, "--episode"));
  Result<monitor::EpisodeInput> episode =
      monitor::ParseEpisode(episode_text, [&catalog](const std::string& profile_text) {
        return ReadProfileFile(profile_text, catalog);
      });
  if (!episode) return Propagate(episode.error().WithContext(arguments.episode));
  std::optional<monitor::ExpectedModel> model;
  if (!arguments.model.empty()) {
    TRY_ASSIGN(const std::string model_text, ReadInputFile(arguments.model, "--model"));
    Result<monitor::ExpectedModel> parsed = monitor::ParseExpectedModel(model_text);
    if (!parsed) return Propagate(parsed.error().WithContext(arguments.model));
    model = std::move(*parsed);
  }
  const monitor::MonitorContext context{.instruments = &library,
                                        .rules = &rules,
                                        .model = model ? &*model : nullptr,
                                        .catalog = &catalog};
  Result<monitor::EpisodeReport> report = monitor::MonitorEpisode(*episode, context);
  if (!report) return Propagate(report.error().WithContext(arguments.episode));
  return monitor::ReportToJson(*report);
}

struct FitExpectedArguments {
  std::string input;
  std::string out;
  std::string id_column = "client_id";
  std::string session_column = "session";
  std::vector<std::string> instruments = {"phq9", "gad7"};
};

// Reads the practice CSV (the columns of `tessera simulate`): per instrument its score column
// and "intake_<instrument>".
Result<std::vector<monitor::PracticeObservation>> ReadPractice(
    const FitExpectedArguments& arguments) {
  TRY_ASSIGN(CsvReader reader, CsvReader::Open(arguments.input));
  TRY_ASSIGN(const std::size_t id_column, reader.ColumnIndex(arguments.id_column, "--id"));
  TRY_ASSIGN(const std::size_t session_column,
             reader.ColumnIndex(arguments.session_column, "--session"));
  std::vector<std::pair<std::size_t, std::size_t>> columns;  // (score, intake) per instrument
  for (const std::string& instrument : arguments.instruments) {
    TRY_ASSIGN(const std::size_t score, reader.ColumnIndex(instrument, "--instrument"));
    TRY_ASSIGN(const std::size_t intake,
               reader.ColumnIndex("intake_" + instrument, "intake column"));
    columns.emplace_back(score, intake);
  }
  std::vector<monitor::PracticeObservation> rows;
  while (true) {
    TRY_ASSIGN(const bool more, reader.Next());
    if (!more) break;
    const std::string client(reader.fields()[id_column]);
    if (client.empty()) return Propagate(reader.FieldError(id_column, "empty client id"));
    TRY_ASSIGN(const double session, reader.Number(session_column));
    if (session < 1 || session != static_cast<int>(session)) {
      return Propagate(reader.FieldError(session_column, "session must be a whole number >= 1"));
    }
    for (std::size_t index = 0; index < columns.size(); ++index) {
      TRY_ASSIGN(const double score, reader.Number(columns[index].first));
      TRY_ASSIGN(const double intake, reader.Number(columns[index].second));
      rows.push_back(
          {client, arguments.instruments[index], intake, static_cast<int>(session), score});
    }
  }
  if (rows.empty()) return InvalidArgument(arguments.input + ": no data rows after the header");
  return rows;
}

int RunFitExpected(const FitExpectedArguments& arguments, const CliEnvironment& environment) {
  Result<std::vector<monitor::PracticeObservation>> rows = ReadPractice(arguments);
  if (!rows) return ReportError(environment, rows.error());
  Result<monitor::ExpectedModel> model = monitor::FitExpectedModel(*rows);
  if (!model) return ReportError(environment, model.error().WithContext(arguments.input));
  std::ofstream out(arguments.out);
  if (!out)
    return ReportError(environment, Error(ErrorCode::kInvalidArgument,
                                          "--out: cannot write '" + arguments.out + "'"));
  out << monitor::ExpectedModelToJson(*model);
  if (!out)
    return ReportError(environment, Error(ErrorCode::kUnavailable,
                                          "--out: writing '" + arguments.out + "' failed"));
  for (const monitor::InstrumentModel& instrument : model->instruments) {
    environment.out << instrument.instrument << ": " << instrument.clients << " clients, "
                    << (instrument.fit ? "growth model fitted"
                                       : "no growth model (" + instrument.fit_note + ")")
                    << '\n';
  }
  environment.out << "wrote " << arguments.out << '\n';
  return kExitOk;
}

}  // namespace

void AddFitExpectedCommand(CLI::App& fit, CommandContext& context) {
  auto arguments = std::make_shared<FitExpectedArguments>();
  CLI::App* expected = fit.add_subcommand(
      "expected",
      "Fit the expected-response model (growth model + intake course) the monitor uses");
  expected
      ->add_option("--input", arguments->input,
                   "Practice CSV of closed episodes (tessera simulate's columns)")
      ->required();
  expected->add_option("--out", arguments->out, "Where to write the model JSON")->required();
  expected->add_option("--id", arguments->id_column, "Client column (default client_id)");
  expected->add_option("--session", arguments->session_column,
                       "Session-number column (default session)");
  expected->add_option(
      "--instrument", arguments->instruments,
      "Outcome column (repeatable; default phq9 and gad7); needs intake_<instrument> too");
  expected->callback([arguments, &context] {
    context.action = [arguments, &context] {
      return RunFitExpected(*arguments, context.environment);
    };
  });
}

void AddMonitorCommands(CLI::App& app, CommandContext& context) {
  auto arguments = std::make_shared<MonitorArguments>();
  CLI::App* command = app.add_subcommand(
      "monitor",
      "Compare an episode's session measures with the expected response; alerts and adaptation");
  command
      ->add_option("--episode", arguments->episode,
                   "Episode JSON: profile, optional plan, sessions")
      ->required();
  command->add_option("--model", arguments->model,
                      "Expected-response model from `tessera fit expected`");
  command->callback([arguments, &context] {
    context.action = [arguments, &context] {
      Result<std::string> report = RunMonitor(*arguments, context.environment);
      if (!report) return ReportError(context.environment, report.error());
      context.environment.out << *report;
      return kExitOk;
    };
  });
}

}  // namespace tessera::cli
