// `tessera demo-practice --db FILE`: creates (or migrates) the database and loads the fictional
// demo practice of app/demo_practice.hpp, printing the demo accounts' random passwords once.
// A second run changes nothing and says so.
#include <iostream>
#include <memory>

#include "app/demo_practice.hpp"
#include "app/episode_monitor.hpp"
#include "app/random_token.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/store_options.hpp"
#include "http/security/password_hasher.hpp"
#include "http/security/session_manager.hpp"
#include "store/sql/sql_store.hpp"

namespace tessera::cli {
namespace {

struct PracticeArguments {
  StoreOptions store;
  std::size_t clients = 24;
  std::uint64_t seed = 7;
};

int LoadPractice(const CliEnvironment& environment, const PracticeArguments& arguments) {
  auto library = app::ClinicalLibrary::Load(environment.data_dir);
  if (!library) return ReportError(environment, library.error());
  auto monitor = app::RoutineOutcomeMonitor::Create(*library, environment.data_dir);
  if (!monitor) return ReportError(environment, monitor.error());
  auto opened = OpenFromOptions(arguments.store, environment, store::Creation::kCreateIfMissing);
  if (!opened) return ReportError(environment, opened.error());
  auto hasher = http::PasswordHasher::Create(http::PasswordHashParameters{});
  if (!hasher) return ReportError(environment, hasher.error());
  const app::DemoCredentials credentials{
      [&hasher](const std::string& password) { return hasher->Hash(password); },
      [] { return app::RandomToken(); }};
  app::DemoPracticeSpec spec;
  spec.clients = arguments.clients;
  spec.seed = arguments.seed;
  // Intakes a week apart, ending about now, so the caseload looks current.
  const auto span = std::chrono::hours{24 * 7} * static_cast<int>(arguments.clients + 10);
  spec.first_session = std::chrono::floor<std::chrono::days>(environment.clock.Now() - span);
  auto loaded = app::LoadDemoPractice(**opened, *library, monitor->get(), credentials, spec);
  if (!loaded) return ReportError(environment, loaded.error());
  if (!loaded->created) {
    environment.out << "demo practice: the database already has accounts; nothing loaded (the "
                       "passwords were shown when it was created; delete the file to start over)\n";
    return kExitOk;
  }
  environment.out << "demo practice: " << loaded->clients << " fictional clients, "
                  << loaded->administrations << " measure administrations, " << loaded->alerts
                  << " alerts, " << loaded->plans << " plans\n";
  for (const auto& account : loaded->accounts) {
    environment.out << "demo user " << account.username << " (" << account.role
                    << ") password: " << account.password << '\n';
  }
  environment.out << "these passwords are shown once and are not stored anywhere\n";
  return kExitOk;
}

}  // namespace

void AddPracticeCommands(CLI::App& app, CommandContext& context) {
  auto arguments = std::make_shared<PracticeArguments>();
  CLI::App* command = app.add_subcommand(
      "demo-practice", "Create or migrate a database and load a fictional demo practice (once)");
  AddStoreOptions(*command, arguments->store, ActorOption::kNone);
  command->add_option("--clients", arguments->clients, "simulated clients (default 24)")
      ->check(CLI::Range(1, 2000));
  command->add_option("--seed", arguments->seed, "simulation seed (default 7)");
  command->callback([&context, arguments] {
    context.action = [&context, arguments] {
      return LoadPractice(context.environment, *arguments);
    };
  });
}

}  // namespace tessera::cli
