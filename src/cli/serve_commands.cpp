// `tessera serve`: the HTTP API server (src/http; settings in docs/http.md).

#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <map>
#include <optional>

#include "app/clinical_library.hpp"
#include "app/episode_monitor.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/store_options.hpp"
#include "http/api_server.hpp"
#include "http/config.hpp"
#include "http/event_log.hpp"
#include "http/store_backed/store_accounts.hpp"

extern char** environ;

namespace tessera::cli {
namespace {

std::map<std::string, std::string> TesseraEnvironment() {
  std::map<std::string, std::string> variables;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string text(*entry);
    const auto equals = text.find('=');
    if (equals != std::string::npos && text.rfind("TESSERA_", 0) == 0) {
      variables[text.substr(0, equals)] = text.substr(equals + 1);
    }
  }
  return variables;
}

struct ServeOptions {
  std::string config_file;
  bool demo_users = false;
  StoreOptions store;
};

void PrintCredentials(const CliEnvironment& environment,
                      const std::vector<http::DemoCredential>& credentials) {
  for (const auto& credential : credentials) {
    environment.out << "demo user " << credential.username << " (" << credential.role
                    << ") password: " << credential.password << '\n';
  }
  if (!credentials.empty()) {
    environment.out << "these passwords are shown once and are not stored anywhere\n";
  }
}

// One connection per server thread plus one for the session checks that run beside a handler
// (account and session lookups, routes not yet on the commit queue), and one more that the
// commit queue's writer thread owns: every handler's audited store work is group-committed
// through it (http/store_backed/commit_queue.hpp).
Result<std::unique_ptr<http::StorePool>> OpenPool(const std::string& target,
                                                  const ServeOptions& options,
                                                  const http::ServerConfig& config,
                                                  const CliEnvironment& environment,
                                                  MetricsSink& metrics) {
  StoreOptions store_options = options.store;
  store_options.db = target;
  std::vector<std::unique_ptr<Store>> connections;
  for (int index = 0; index <= config.threads; ++index) {
    TRY_ASSIGN(auto connection,
               OpenFromOptions(store_options, environment,
                               index == 0 ? store::Creation::kCreateIfMissing
                                          : store::Creation::kMustExist));
    connection->SetMetrics(&metrics);
    connections.push_back(std::move(connection));
  }
  TRY_ASSIGN(auto writer,
             OpenFromOptions(store_options, environment, store::Creation::kMustExist));
  writer->SetMetrics(&metrics);
  auto queue = std::make_unique<http::CommitQueue>(
      std::move(writer), http::CommitQueue::Options{.metrics = &metrics});
  return http::StorePool::Create(std::move(connections), std::move(queue));
}

int ServeStore(const CliEnvironment& environment, const ServeOptions& options,
               const http::ServerConfig& config, const std::string& target) {
  // The practice's expected-response model, when configured ([monitor] expected_model): the
  // same growth model and projected-end rule as `tessera monitor --model`. Checked before the
  // store is opened, so a bad file changes nothing.
  std::optional<app::PracticeModel> practice_model;
  if (!config.monitor_expected_model.empty()) {
    auto loaded = app::LoadPracticeModelFile(config.monitor_expected_model);
    if (!loaded) return ReportError(environment, loaded.error());
    practice_model = std::move(*loaded);
  }
  const std::string model_source = practice_model ? practice_model->source : "";
  // The registry outlives the pool (declared first): the store reports to it.
  http::MetricsRegistry metrics;
  auto pool = OpenPool(target, options, config, environment, metrics);
  if (!pool) return ReportError(environment, pool.error());
  std::vector<http::DemoCredential> credentials;
  if (options.demo_users) {
    auto store = (*pool)->Acquire();
    auto created = http::AddDemoUsers(*store, config.password_hash);
    if (!created) return ReportError(environment, created.error());
    credentials = std::move(*created);
  }
  http::StoreUserDirectory users(**pool);
  http::StoreSessionStore sessions(**pool);
  http::StoreLoginHistory login_history(**pool);  // login limits that survive a restart
  // The clinical routes (instruments, catalogue, measures, plans, alerts, statistics) share the
  // pool and add the clinical data and the monitor, loaded once.
  auto library = app::ClinicalLibrary::Load(environment.data_dir);
  if (!library) return ReportError(environment, library.error());
  auto monitor = app::RoutineOutcomeMonitor::Create(*library, environment.data_dir,
                                                    std::move(practice_model));
  if (!monitor) return ReportError(environment, monitor.error());
  const http::ClinicalRouteDeps clinical{**pool, *library, monitor->get(), environment.clock,
                                         config.pages};
  const std::unique_ptr<http::EventLog> log = http::MakeStderrEventLog(config.log_level);
  auto server = http::ApiServer::Create(
      config, http::ApiServerBackends{users, sessions, environment.clock, *log, metrics,
                                      pool->get(), &clinical, &login_history});
  if (!server) return ReportError(environment, server.error());
  PrintCredentials(environment, credentials);
  environment.out << "tessera: store " << store::RedactTarget(target) << '\n';
  if (!model_source.empty()) {
    environment.out << "tessera: expected-response model " << model_source << ": "
                    << (*monitor)->DescribeModel() << '\n';
  } else {
    environment.out << "tessera: no expected-response model ([monitor] expected_model); "
                       "monitoring uses the rational rule\n";
  }
  environment.out << "tessera: listening on " << (*server)->BaseUrl() << std::endl;
  (*server)->Run();
  environment.out << "tessera: stopped" << std::endl;
  return kExitOk;
}

int Serve(const CliEnvironment& environment, const ServeOptions& options) {
  std::optional<std::filesystem::path> file;
  if (!options.config_file.empty()) file = options.config_file;
  const auto config = http::LoadServerConfig(file, TesseraEnvironment());
  if (!config) return ReportError(environment, config.error());
  // --db, then $TESSERA_DB, then [store] db of the server's --config file, then the CLI's
  // config file (cli/store_options.hpp).
  StoreOptions store_options = options.store;
  const char* from_environment = std::getenv("TESSERA_DB");
  if (store_options.db.empty() && (from_environment == nullptr || *from_environment == 0))
    store_options.db = config->store_db;
  const auto target = FindDatabase(store_options);
  if (!target) return ReportError(environment, target.error());
  if (*target) return ServeStore(environment, options, *config, **target);
  // Without a store, accounts live in memory and exist only with --demo-users; only the
  // system and login routes are served.
  http::InMemoryUserDirectory users;
  http::InMemorySessionStore sessions;
  std::vector<http::DemoCredential> credentials;
  if (options.demo_users) {
    auto created = http::AddDemoUsers(users, config->password_hash);
    if (!created) return ReportError(environment, created.error());
    credentials = std::move(*created);
  }
  const std::unique_ptr<http::EventLog> log = http::MakeStderrEventLog(config->log_level);
  http::MetricsRegistry metrics;
  auto server = http::ApiServer::Create(
      *config, http::ApiServerBackends{users, sessions, environment.clock, *log, metrics});
  if (!server) return ReportError(environment, server.error());
  PrintCredentials(environment, credentials);
  environment.out << "tessera: listening on " << (*server)->BaseUrl() << std::endl;
  (*server)->Run();
  environment.out << "tessera: stopped" << std::endl;
  return kExitOk;
}

}  // namespace

void AddServeCommands(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<ServeOptions>();
  CLI::App* serve = app.add_subcommand("serve", "Run the HTTP API server until SIGINT/SIGTERM");
  serve->add_option("--config", options->config_file,
                    "TOML settings file (keys: docs/http.md); TESSERA_* variables override it")
      ->check(CLI::ExistingFile);
  serve->add_flag("--demo-users", options->demo_users,
                  "create one account per role (demo-admin, ...) that does not exist yet, with "
                  "random passwords printed once");
  AddStoreOptions(*serve, options->store, ActorOption::kNone);
  serve->callback([&context, options] {
    context.action = [&context, options] { return Serve(context.environment, *options); };
  });
}

}  // namespace tessera::cli
