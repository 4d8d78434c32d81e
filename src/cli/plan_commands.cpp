// `tessera plan` and `tessera match`: the integration planner on the command line.

#include <memory>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/planner_cli_support.hpp"
#include "planner/measure_profile.hpp"
#include "planner/plan_output.hpp"
#include "planner/planner.hpp"
#include "planner/therapist_match.hpp"

namespace tessera::cli {

namespace {

struct PlanOptions {
  std::string profile;
  std::vector<std::string> therapists;
  std::string strategy;
  int sessions = planner::Constraints{}.session_budget;
  int max_per_phase = planner::Constraints{}.max_techniques_per_phase;
  int max_techniques = planner::Constraints{}.max_techniques;
  long node_limit = planner::Constraints{}.node_limit;
  double time_limit = planner::Constraints{}.time_limit_seconds;
  std::string write_lp;
  std::string measures;
  std::vector<std::string> catalog_dirs;
  std::string format = "json";
};

struct LoadedInputs {
  catalog::Catalog catalog;
  planner::PlanRequest request;
};

Result<LoadedInputs> LoadInputs(const CliEnvironment& environment, const PlanOptions& options) {
  TRY_ASSIGN(catalog::Catalog catalog, LoadCatalog(environment, options.catalog_dirs));
  const auto strategy = planner::ParseStrategy(options.strategy);
  if (!strategy) {
    return InvalidArgument("--strategy: '" + options.strategy +
                           "' is not one of eclectic, sequential, selective_synthesis, "
                           "assimilative, integrative_model, auto");
  }
  TRY_ASSIGN(std::string profile_text, ReadInputFile(options.profile, "profile"));
  auto profile = ReadProfileFile(profile_text, catalog);
  if (!profile) return Propagate(profile.error().WithContext(options.profile));
  if (!options.measures.empty()) {
    TRY_ASSIGN(std::string measures_text, ReadInputFile(options.measures, "measures"));
    TRY_ASSIGN(auto summaries, planner::ParseMeasureSummaries(measures_text));
    TRY_ASSIGN(auto derived, planner::ProblemsFromMeasures(summaries, catalog));
    planner::MergeProblems(*profile, derived);
  }
  planner::PlanRequest request;
  request.profile = std::move(profile).value();
  request.strategy = *strategy;
  request.constraints.session_budget = options.sessions;
  request.constraints.max_techniques_per_phase = options.max_per_phase;
  request.constraints.max_techniques = options.max_techniques;
  request.constraints.node_limit = options.node_limit;
  request.constraints.time_limit_seconds = options.time_limit;
  TRY(planner::ValidateConstraints(request.constraints));
  for (const auto& path : options.therapists) {
    TRY_ASSIGN(std::string text, ReadInputFile(path, "therapist"));
    auto therapist = planner::ParseTherapist(text, catalog);
    if (!therapist) return Propagate(therapist.error().WithContext(path));
    request.therapists.push_back(std::move(therapist).value());
  }
  return LoadedInputs{std::move(catalog), std::move(request)};
}

void AddCommonOptions(CLI::App* command, PlanOptions& options) {
  command->add_option("--profile", options.profile, "client profile (JSON)")->required();
  command->add_option("--sessions", options.sessions, "session budget (default 20)");
  command->add_option("--max-per-phase", options.max_per_phase,
                      "maximum techniques per phase (default 4)");
  command->add_option("--max-techniques", options.max_techniques,
                      "maximum techniques in the plan (default 10)");
  command->add_option("--node-limit", options.node_limit,
                      "selective synthesis: solver nodes before the best plan and its proven bound "
                      "are reported (default 400000)");
  command->add_option("--time-limit", options.time_limit,
                      "selective synthesis: seconds before the best plan and its proven bound are "
                      "reported (default 10)");
  command->add_option(
      "--measures", options.measures,
      "scored measures (JSON array of {instrument, total, band}) adding problems to the profile");
  command->add_option("--catalog-dir", options.catalog_dirs,
                      "extra catalogue directory (a clinic's own files)");
}

}  // namespace

void AddPlanCommands(CLI::App& app, CommandContext& context) {
  auto plan_options = std::make_shared<PlanOptions>();
  CLI::App* plan = app.add_subcommand("plan", "propose an integrative treatment plan for a client");
  AddCommonOptions(plan, *plan_options);
  plan->add_option("--therapist", plan_options->therapists,
                   "therapist file (JSON); repeat for a care team");
  plan->add_option(
          "--strategy", plan_options->strategy,
          "eclectic | sequential | selective_synthesis | assimilative | integrative_model | auto")
      ->required();
  plan->add_option("--format", plan_options->format, "json (default) or text")
      ->check(CLI::IsMember({"json", "text"}));
  plan->add_option(
      "--write-lp", plan_options->write_lp,
      "also write the selective-synthesis MILP for this client as an LP file (for other solvers)");
  plan->callback([&context, plan_options] {
    context.action = [&context, plan_options]() -> int {
      const CliEnvironment& environment = context.environment;
      auto inputs = LoadInputs(environment, *plan_options);
      if (!inputs) return ReportError(environment, inputs.error());
      if (!plan_options->write_lp.empty()) {
        const Status written = planner::WriteSelectiveSynthesisLp(inputs->request, inputs->catalog,
                                                                  plan_options->write_lp);
        if (!written) return ReportError(environment, written.error());
      }
      auto made = planner::MakePlan(inputs->request, inputs->catalog);
      if (!made) return ReportError(environment, made.error());
      environment.out << (plan_options->format == "text"
                              ? planner::PlanToText(*made, inputs->catalog)
                              : planner::PlanToJson(*made));
      return kExitOk;
    };
  });

  auto match_options = std::make_shared<PlanOptions>();
  match_options->strategy = "auto";
  CLI::App* match = app.add_subcommand(
      "match", "rank therapists by how well they fit the client's recommended plan");
  AddCommonOptions(match, *match_options);
  match
      ->add_option("--therapist", match_options->therapists,
                   "therapist file (JSON); repeat for each candidate")
      ->required();
  match->add_option("--strategy", match_options->strategy,
                    "strategy of the recommended plan (default auto)");
  match->callback([&context, match_options] {
    context.action = [&context, match_options]() -> int {
      const CliEnvironment& environment = context.environment;
      auto inputs = LoadInputs(environment, *match_options);
      if (!inputs) return ReportError(environment, inputs.error());
      auto matched = planner::MatchTherapists(inputs->request.profile, inputs->request.therapists,
                                              inputs->request.strategy, inputs->request.constraints,
                                              inputs->catalog);
      if (!matched) return ReportError(environment, matched.error());
      environment.out << planner::MatchToJson(*matched);
      return kExitOk;
    };
  });
}

}  // namespace tessera::cli
