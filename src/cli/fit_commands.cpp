// `tessera fit growth`: fits the random intercept and slope growth model to a CSV of scores.

#include <chrono>
#include <fstream>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/csv_reader.hpp"
#include "cli/exit_codes.hpp"
#include "stats/growth_model.hpp"
#include "stats/growth_prediction.hpp"

namespace tessera::cli {
namespace {

struct FitGrowthArguments {
  std::string input;
  std::string id_column;
  std::string time_column;
  std::string response_column;
  std::vector<std::string> covariate_columns;
  bool maximum_likelihood = false;
  std::string time_scale = "as_given";
  std::string blups_path;
};

using Seconds = std::chrono::duration<double>;

// Prints a progress line on stderr at most once a second, and only once a second has passed
// since the start, so short fits stay silent.
class ProgressLine {
 public:
  explicit ProgressLine(std::ostream& err) : err_(err), start_(Now()), last_(start_) {}
  void Report(const std::string& message) {
    const auto now = Now();
    if (Seconds(now - start_).count() < 1 || Seconds(now - last_).count() < 1) return;
    last_ = now;
    err_ << "tessera: fit growth: " << message << " (" << std::fixed << std::setprecision(1)
         << Seconds(now - start_).count() << " s)" << std::defaultfloat << '\n';
  }
  double Elapsed() const { return Seconds(Now() - start_).count(); }

 private:
  static std::chrono::steady_clock::time_point Now() { return std::chrono::steady_clock::now(); }
  std::ostream& err_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
};

Result<stats::GrowthData> ReadGrowthData(const FitGrowthArguments& arguments,
                                         ProgressLine& progress) {
  TRY_ASSIGN(CsvReader reader, CsvReader::Open(arguments.input));
  TRY_ASSIGN(const std::size_t id_column, reader.ColumnIndex(arguments.id_column, "--id"));
  TRY_ASSIGN(const std::size_t time_column, reader.ColumnIndex(arguments.time_column, "--time"));
  TRY_ASSIGN(const std::size_t response_column,
             reader.ColumnIndex(arguments.response_column, "--y"));
  std::vector<std::size_t> covariate_columns;
  for (const std::string& name : arguments.covariate_columns) {
    TRY_ASSIGN(const std::size_t column, reader.ColumnIndex(name, "--covariate"));
    covariate_columns.push_back(column);
  }
  TRY_ASSIGN(const stats::TimeScale scale, stats::ParseTimeScale(arguments.time_scale));
  stats::GrowthDataBuilder builder(
      {arguments.time_column, arguments.response_column, arguments.covariate_columns, scale});
  std::vector<double> covariates(covariate_columns.size());
  while (true) {
    TRY_ASSIGN(const bool more, reader.Next());
    if (!more) break;
    const std::string_view id = reader.fields()[id_column];
    if (id.empty()) return Propagate(reader.FieldError(id_column, "empty client id"));
    TRY_ASSIGN(const double time, reader.Number(time_column));
    TRY_ASSIGN(const double response, reader.Number(response_column));
    for (std::size_t k = 0; k < covariate_columns.size(); ++k) {
      TRY_ASSIGN(covariates[k], reader.Number(covariate_columns[k]));
    }
    const Status added = builder.Add(id, time, response, covariates);
    if (!added) {
      // The builder says "<column>: <rule>" (e.g. log of a time <= 0); say where it was.
      const std::string& message = added.error().message();
      const std::size_t colon = message.find(": ");
      return Propagate(Error(ErrorCode::kInvalidArgument,
                             arguments.input + ":" + std::to_string(reader.line_number()) +
                                 ", column '" + message.substr(0, colon) + "'" +
                                 message.substr(colon)));
    }
    if ((reader.line_number() & 0xFFFF) == 0) {
      progress.Report("read " + std::to_string(reader.line_number()) + " lines");
    }
  }
  if (builder.ObservationCount() == 0) {
    return InvalidArgument(arguments.input + ": no data rows after the header");
  }
  Result<stats::GrowthData> data = builder.Finish();
  if (!data) return Propagate(data.error().WithContext(arguments.input));
  return data;
}

Status WriteBlups(const std::string& path, const stats::GrowthData& data,
                  const stats::GrowthFit& fit) {
  std::ofstream out(path);
  if (!out) return InvalidArgument("--blups: cannot write '" + path + "'");
  out << std::setprecision(10) << "id,intercept,slope,sd_intercept,sd_slope\n";
  const std::vector<stats::ClientEffects> effects = stats::PredictClientEffects(data, fit);
  for (std::size_t client = 0; client < effects.size(); ++client) {
    const stats::ClientEffects& e = effects[client];
    out << data.ClientLabel(client) << ',' << e.intercept << ',' << e.slope << ',' << e.sd_intercept
        << ',' << e.sd_slope << '\n';
  }
  if (!out) return Unavailable("--blups: writing '" + path + "' failed");
  return Ok();
}

int RunFitGrowth(const FitGrowthArguments& arguments, const CliEnvironment& environment) {
  ProgressLine progress(environment.err);
  Result<stats::GrowthData> data = ReadGrowthData(arguments, progress);
  if (!data) return ReportError(environment, data.error());

  stats::GrowthFitOptions options;
  options.method = arguments.maximum_likelihood ? stats::EstimationMethod::kMaximumLikelihood
                                                : stats::EstimationMethod::kReml;
  options.on_progress = [&](const stats::FitProgress& step) {
    progress.Report(std::string(step.phase) + " iteration " + std::to_string(step.iteration) +
                    ", deviance " + std::to_string(step.deviance));
  };
  const double read_seconds = progress.Elapsed();
  Result<stats::GrowthFit> fit = stats::FitGrowthModel(*data, options);
  if (!fit) return ReportError(environment, fit.error().WithContext(arguments.input));
  const double seconds = progress.Elapsed();
  if (!arguments.blups_path.empty()) {
    const Status written = WriteBlups(arguments.blups_path, *data, *fit);
    if (!written) return ReportError(environment, written.error());
  }

  nlohmann::ordered_json output;
  std::string formula = arguments.response_column + " ~ " + arguments.time_column;
  for (const std::string& covariate : arguments.covariate_columns) formula += " + " + covariate;
  formula += " + (1 + " + arguments.time_column + " | " + arguments.id_column + ")";
  output["model"] = formula;
  output["method"] = stats::EstimationMethodName(fit->method);
  output["time_scale"] = stats::TimeScaleName(fit->time_scale);
  nlohmann::ordered_json fixed = nlohmann::ordered_json::object();
  for (const stats::FixedEffect& effect : fit->fixed) {
    fixed[effect.name] = {{"estimate", effect.estimate}, {"se", effect.standard_error}};
  }
  output["fixed"] = fixed;
  output["random"] = {{"sd_intercept", fit->random.sd_intercept},
                      {"sd_slope", fit->random.sd_slope},
                      {"corr", fit->random.correlation}};
  output["sigma"] = fit->sigma;
  output["loglik"] = fit->log_likelihood;
  output["converged"] = fit->convergence == stats::Convergence::kConverged;
  output["iterations"] = fit->iterations;
  output["evaluations"] = fit->evaluations;
  output["n_clients"] = fit->client_count;
  output["n_obs"] = fit->observation_count;
  output["seconds"] = seconds;  // reading the CSV and fitting
  output["fit_seconds"] = seconds - read_seconds;
  // Enough to rebuild the fit for predictions elsewhere (stats::ExpectedResponse needs theta
  // and the fixed-effect covariance as well as the estimates above).
  output["theta"] = fit->theta;
  output["fixed_covariance"] = fit->fixed_covariance;
  environment.out << output.dump(2) << '\n';
  return kExitOk;
}

}  // namespace

void AddFitCommands(CLI::App& app, CommandContext& context) {
  CLI::App* fit = app.add_subcommand("fit", "Fit statistical models to outcome data");
  fit->require_subcommand(1);
  auto arguments = std::make_shared<FitGrowthArguments>();
  CLI::App* growth = fit->add_subcommand(
      "growth", "Linear mixed-effects growth model: random intercept and slope per client");
  growth->add_option("--input", arguments->input, "CSV file with a header row")->required();
  growth->add_option("--id", arguments->id_column, "Column identifying the client")->required();
  growth->add_option("--time", arguments->time_column, "Column with the time (e.g. session)")
      ->required();
  growth->add_option("--y", arguments->response_column, "Column with the score")->required();
  growth->add_option("--covariate", arguments->covariate_columns,
                     "Client covariate column (repeatable), e.g. the intake score");
  growth->add_flag("--ml", arguments->maximum_likelihood,
                   "Maximum likelihood instead of REML (the default)");
  growth->add_option("--time-scale", arguments->time_scale,
                     "as_given (default) or log: use log(time), time must be > 0");
  growth->add_option("--blups", arguments->blups_path,
                     "Also write each client's predicted random effects to this CSV");
  growth->callback([arguments, &context] {
    context.action = [arguments, &context] {
      return RunFitGrowth(*arguments, context.environment);
    };
  });
  AddFitExpectedCommand(*fit, context);
}

}  // namespace tessera::cli
