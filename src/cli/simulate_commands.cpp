// `tessera simulate`: writes a synthetic practice (CSV) and its true parameters (JSON).

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "stats/practice_simulator.hpp"

namespace tessera::cli {
namespace {

struct SimulateArguments {
  std::size_t clients = 1000;
  int sessions = 12;
  std::uint64_t seed = 1;
  std::string out;
  bool homogeneous = false;
  bool full_attendance = false;
};

/// file.csv -> file.truth.json; other names get ".truth.json" appended.
std::string TruthPath(const std::string& csv_path) {
  const std::string suffix = ".csv";
  if (csv_path.size() > suffix.size() &&
      csv_path.compare(csv_path.size() - suffix.size(), suffix.size(), suffix) == 0) {
    return csv_path.substr(0, csv_path.size() - suffix.size()) + ".truth.json";
  }
  return csv_path + ".truth.json";
}

nlohmann::ordered_json TruthJson(const stats::SimulationTruth& truth) {
  nlohmann::ordered_json json;
  json["note"] =
      "True parameters of a synthetic practice made by `tessera simulate`. Effect sizes are "
      "invented for simulation and are not clinical facts. Model per measure: score = "
      "intercept + intake_effect * intake_<measure> + (slope + shifts + therapist + u1) * "
      "session + u0 + e, rounded and clamped to [0, max_score]; see docs/simulation.md.";
  json["seed"] = truth.spec.seed;
  json["clients"] = truth.spec.clients;
  json["sessions"] = truth.spec.sessions;
  json["heterogeneity"] =
      truth.spec.heterogeneity == stats::Heterogeneity::kStated ? "stated" : "none";
  json["time"] = "session";
  nlohmann::ordered_json measures = nlohmann::ordered_json::object();
  for (const stats::MeasureTruth& m : truth.measures) {
    measures[m.measure] = {{"max_score", m.max_score},
                           {"intercept", m.intercept},
                           {"intake_covariate", "intake_" + m.measure},
                           {"intake_effect", m.intake_effect},
                           {"slope", m.slope},
                           {"sd_intercept", m.sd_intercept},
                           {"sd_slope", m.sd_slope},
                           {"corr", m.correlation},
                           {"sigma", m.sigma},
                           {"therapist_slope_sd", m.therapist_slope_sd}};
  }
  json["measures"] = measures;
  nlohmann::ordered_json effects = nlohmann::ordered_json::array();
  for (const stats::SlopeEffect& effect : truth.slope_effects) {
    effects.push_back({{"approach", effect.approach},
                       {"trait", effect.trait},
                       {"level", effect.level},
                       {"phq9", effect.phq9},
                       {"gad7", effect.gad7}});
  }
  json["slope_effects"] = effects;
  nlohmann::ordered_json therapists = nlohmann::ordered_json::array();
  for (std::size_t index = 0; index < truth.therapist_approach.size(); ++index) {
    therapists.push_back({{"approach", truth.therapist_approach[index]},
                          {"phq9_slope_effect", truth.therapist_phq9_slope[index]}});
  }
  json["therapists"] = therapists;
  json["attendance"] = {
      {"miss_probability", truth.miss_probability},
      {"dropout_hazard", truth.dropout_hazard},
      {"dropout_hazard_precontemplation_extra", truth.dropout_hazard_precontemplation},
      {"dropout_hazard_high_distress_extra", truth.dropout_hazard_high_distress}};
  json["attendance"]["full"] = truth.spec.attendance == stats::AttendancePattern::kFull;
  json["rows"] = truth.rows;
  json["dropouts"] = truth.dropouts;
  return json;
}

int RunSimulate(const SimulateArguments& arguments, const CliEnvironment& environment) {
  std::ofstream csv(arguments.out, std::ios::binary);
  if (!csv)
    return ReportError(environment, Error(ErrorCode::kInvalidArgument,
                                          "--out: cannot write '" + arguments.out + "'"));
  stats::SimulationSpec spec;
  spec.clients = arguments.clients;
  spec.sessions = arguments.sessions;
  spec.seed = arguments.seed;
  spec.heterogeneity =
      arguments.homogeneous ? stats::Heterogeneity::kNone : stats::Heterogeneity::kStated;
  spec.attendance = arguments.full_attendance ? stats::AttendancePattern::kFull
                                              : stats::AttendancePattern::kRealistic;
  Result<stats::SimulationTruth> truth = stats::SimulatePractice(spec, csv);
  if (!truth) return ReportError(environment, truth.error());
  csv.close();
  const std::string truth_path = TruthPath(arguments.out);
  std::ofstream truth_file(truth_path);
  truth_file << TruthJson(*truth).dump(2) << '\n';
  if (!csv || !truth_file) {
    return ReportError(environment,
                       Error(ErrorCode::kUnavailable, "simulate: writing the output files failed"));
  }
  environment.out << "wrote " << truth->rows << " sessions of " << spec.clients << " clients to "
                  << arguments.out << "; true parameters in " << truth_path << '\n';
  return kExitOk;
}

}  // namespace

void AddSimulateCommands(CLI::App& app, CommandContext& context) {
  auto arguments = std::make_shared<SimulateArguments>();
  CLI::App* simulate = app.add_subcommand(
      "simulate", "Write a synthetic practice (CSV) with its true growth parameters");
  simulate->add_option("--clients", arguments->clients, "Number of clients")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100'000'000}));
  simulate->add_option("--sessions", arguments->sessions, "Scheduled sessions per client")
      ->check(CLI::Range(2, 1000));
  simulate->add_option("--seed", arguments->seed, "Random seed (same seed, same data)");
  simulate->add_option("--out", arguments->out, "CSV to write; truth goes to <name>.truth.json")
      ->required();
  simulate->add_flag("--homogeneous", arguments->homogeneous,
                     "No approach, trait or therapist effects (plain growth model)");
  simulate->add_flag("--full-attendance", arguments->full_attendance,
                     "No missed sessions or dropout: exactly clients x sessions rows");
  simulate->callback([arguments, &context] {
    context.action = [arguments, &context] { return RunSimulate(*arguments, context.environment); };
  });
}

}  // namespace tessera::cli
