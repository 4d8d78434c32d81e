// `tessera serve`: the HTTP API server (src/http; settings in docs/http.md).

#include <stdlib.h>
#include <unistd.h>
#include <set>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>

#include <nlohmann/json.hpp>

#include "app/clinical_library.hpp"
#include "app/episode_monitor.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/store_options.hpp"
#include "http/api_server.hpp"
#include "http/config.hpp"
#include "http/event_log.hpp"
#include "http/store_backed/store_accounts.hpp"
#include "reminders/delivery_worker.hpp"

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
// through it (store/commit_queue.hpp).
Result<std::unique_ptr<http::StorePool>> OpenPool(const std::string& target,
                                                  const ServeOptions& options,
                                                  const http::ServerConfig& config,
                                                  const CliEnvironment& environment,
                                                  MetricsSink& metrics) {
  StoreOptions store_options = options.store;
  store_options.db = target;
  std::vector<std::unique_ptr<Store>> connections;
  for (int index = 0; index <= config.threads; ++index) {
    TRY_ASSIGN(auto connection, OpenFromOptions(store_options, environment,
                                                index == 0 ? store::Creation::kCreateIfMissing
                                                           : store::Creation::kMustExist));
    connection->SetMetrics(&metrics);
    connections.push_back(std::move(connection));
  }
  TRY_ASSIGN(auto writer, OpenFromOptions(store_options, environment, store::Creation::kMustExist));
  writer->SetMetrics(&metrics);
  auto queue = std::make_unique<store::CommitQueue>(
      std::move(writer), store::CommitQueue::Options{.metrics = &metrics});
  return http::StorePool::Create(std::move(connections), std::move(queue));
}

// What `serve --db` runs the server over, beside the metrics registry (which must outlive it:
// the store reports to it): the store pool, the accounts and sessions in it, the clinical
// library and the monitor, and the clinical routes' view of them.
struct StoreBackends {
  std::unique_ptr<http::StorePool> pool;
  std::unique_ptr<http::StoreUserDirectory> users;
  std::unique_ptr<http::StoreSessionStore> sessions;
  std::unique_ptr<http::StoreLoginHistory> login_history;  // login limits that survive a restart
  std::unique_ptr<app::ClinicalLibrary> library;
  std::unique_ptr<app::RoutineOutcomeMonitor> monitor;
  std::unique_ptr<http::ClinicalRouteDeps> clinical;

  http::ApiServerBackends For(const CliEnvironment& environment, http::EventLog& log,
                              http::MetricsRegistry& metrics) const {
    return {*users, *sessions, environment.clock, log, metrics, pool.get(), clinical.get()};
  }
};

Result<StoreBackends> OpenStoreBackends(const std::string& target, const ServeOptions& options,
                                        const http::ServerConfig& config,
                                        const CliEnvironment& environment,
                                        http::MetricsRegistry& metrics,
                                        std::optional<app::PracticeModel> practice_model) {
  StoreBackends backends;
  TRY_ASSIGN(backends.pool, OpenPool(target, options, config, environment, metrics));
  backends.users = std::make_unique<http::StoreUserDirectory>(*backends.pool);
  backends.sessions = std::make_unique<http::StoreSessionStore>(*backends.pool);
  backends.login_history = std::make_unique<http::StoreLoginHistory>(*backends.pool);
  // The clinical routes (instruments, catalogue, measures, plans, alerts, statistics) share the
  // pool and add the clinical data and the monitor, loaded once.
  TRY_ASSIGN(app::ClinicalLibrary library, app::ClinicalLibrary::Load(environment.data_dir));
  backends.library = std::make_unique<app::ClinicalLibrary>(std::move(library));
  TRY_ASSIGN(backends.monitor,
             app::RoutineOutcomeMonitor::Create(*backends.library, environment.data_dir,
                                                std::move(practice_model)));
  backends.clinical = std::make_unique<http::ClinicalRouteDeps>(
      http::ClinicalRouteDeps{*backends.pool, *backends.library, backends.monitor.get(),
                              environment.clock, config.pages, config.crisis, config.PublicUrl(),
                              std::set<std::string>(config.fhir_licensed_instruments.begin(),
                                                    config.fhir_licensed_instruments.end())});
  return backends;
}

// The web app to serve at /: [web] root (TESSERA_WEB_ROOT), else ./web/dist when it holds a
// built app (`make run` starts the server from the repository), else none. A configured root
// that cannot be loaded stops start-up; the default is only used when it is there.
Result<std::optional<http::StaticSite>> LoadWebApp(const http::ServerConfig& config) {
  std::filesystem::path root = config.web_root;
  if (root.empty()) {
    std::error_code error;
    if (!std::filesystem::exists("web/dist/index.html", error)) return std::nullopt;
    root = "web/dist";
  }
  TRY_ASSIGN(http::StaticSite site, http::StaticSite::Load(root));
  return std::optional<http::StaticSite>(std::move(site));
}

// The reminder sender, on a store connection of its own, when a channel is configured; else
// none, and reminders wait in the outbox where the clinic sees them (docs/reminders.md).
Result<std::unique_ptr<reminders::DeliveryWorker>> StartReminders(const std::string& target,
                                                                  const ServeOptions& options,
                                                                  const http::ServerConfig& config,
                                                                  const CliEnvironment& environment,
                                                                  http::EventLog& log) {
  const reminders::ReminderSettings& settings = config.reminders;
  environment.out << "tessera: email reminders "
                  << (settings.SendsEmail()
                          ? "via " + settings.smtp_host + ":" + std::to_string(settings.smtp_port)
                          : std::string("wait in the outbox (no [reminders] smtp_host)"))
                  << "; text reminders "
                  << (settings.SendsSms() ? "via the SMS webhook"
                                          : "wait in the outbox (no [reminders] sms_webhook_url)")
                  << '\n';
  if (!settings.SendsEmail() && !settings.SendsSms())
    return std::unique_ptr<reminders::DeliveryWorker>();
  StoreOptions store_options = options.store;
  store_options.db = target;
  TRY_ASSIGN(auto store, OpenFromOptions(store_options, environment, store::Creation::kMustExist));
  return std::make_unique<reminders::DeliveryWorker>(
      std::move(store), settings, environment.clock,
      [&log](bool is_error, const std::string& text) {
        log.Write(is_error ? http::LogLevel::kWarning : http::LogLevel::kInfo,
                  nlohmann::json{{"event", "reminder"}, {"message", text}}.dump());
      });
}

void PrintWebApp(const CliEnvironment& environment, const std::optional<http::StaticSite>& site) {
  if (!site) return;
  environment.out << "tessera: web app " << site->root().string() << " (" << site->file_count()
                  << " files) at /\n";
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
  auto web_app = LoadWebApp(config);
  if (!web_app) return ReportError(environment, web_app.error());
  // The registry outlives the pool (declared first): the store reports to it.
  http::MetricsRegistry metrics;
  auto backends =
      OpenStoreBackends(target, options, config, environment, metrics, std::move(practice_model));
  if (!backends) return ReportError(environment, backends.error());
  std::vector<http::DemoCredential> credentials;
  if (options.demo_users) {
    auto store = backends->pool->Acquire();
    auto created = http::AddDemoUsers(*store, config.password_hash);
    if (!created) return ReportError(environment, created.error());
    credentials = std::move(*created);
  }
  const std::unique_ptr<http::EventLog> log = http::MakeStderrEventLog(config.log_level);
  http::ApiServerBackends server_backends = backends->For(environment, *log, metrics);
  server_backends.web_app = *web_app ? &**web_app : nullptr;
  server_backends.login_history = backends->login_history.get();
  auto server = http::ApiServer::Create(config, server_backends);
  if (!server) return ReportError(environment, server.error());
  PrintCredentials(environment, credentials);
  environment.out << "tessera: store " << store::RedactTarget(target) << '\n';
  PrintWebApp(environment, *web_app);
  if (!model_source.empty()) {
    environment.out << "tessera: expected-response model " << model_source << ": "
                    << backends->monitor->DescribeModel() << '\n';
  } else {
    environment.out << "tessera: no expected-response model ([monitor] expected_model); "
                       "monitoring uses the rational rule\n";
  }
  auto reminder_worker = StartReminders(target, options, config, environment, *log);
  if (!reminder_worker) return ReportError(environment, reminder_worker.error());
  environment.out << "tessera: listening on " << (*server)->BaseUrl() << std::endl;
  (*server)->Run();
  reminder_worker->reset();  // finishes the attempt in progress
  environment.out << "tessera: stopped" << std::endl;
  return kExitOk;
}

// `tessera openapi`: the document `serve --db` serves, from the same route table built over a
// throwaway SQLite store in a temporary directory (the document does not depend on the
// store's content, the settings or the environment), without listening. Indented, so that
// linters' line numbers point somewhere.
int PrintOpenApi(const CliEnvironment& environment) {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "tessera-openapi-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr)
    return ReportError(environment,
                       Error(ErrorCode::kUnavailable, "cannot create a temporary directory"));
  const std::filesystem::path directory = pattern;
  int exit_code = kExitOk;
  {
    auto config = http::LoadServerConfig(std::nullopt, {});
    if (!config) return ReportError(environment, config.error());
    http::MetricsRegistry metrics;
    auto backends = OpenStoreBackends((directory / "openapi.db").string(), ServeOptions{}, *config,
                                      environment, metrics, std::nullopt);
    http::MemoryEventLog log;
    if (!backends) {
      exit_code = ReportError(environment, backends.error());
    } else if (auto document =
                   http::ApiServer::OpenApi(*config, backends->For(environment, log, metrics))) {
      environment.out << nlohmann::json::parse(*document).dump(2) << '\n';
    } else {
      exit_code = ReportError(environment, document.error());
    }
  }
  std::error_code ignored;
  std::filesystem::remove_all(directory, ignored);
  return exit_code;
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
  auto web_app = LoadWebApp(*config);
  if (!web_app) return ReportError(environment, web_app.error());
  const std::unique_ptr<http::EventLog> log = http::MakeStderrEventLog(config->log_level);
  http::MetricsRegistry metrics;
  auto server = http::ApiServer::Create(
      *config, http::ApiServerBackends{users, sessions, environment.clock, *log, metrics, nullptr,
                                       nullptr, *web_app ? &**web_app : nullptr});
  if (!server) return ReportError(environment, server.error());
  PrintCredentials(environment, credentials);
  PrintWebApp(environment, *web_app);
  environment.out << "tessera: listening on " << (*server)->BaseUrl() << std::endl;
  (*server)->Run();
  environment.out << "tessera: stopped" << std::endl;
  return kExitOk;
}

}  // namespace

void AddServeCommands(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<ServeOptions>();
  CLI::App* serve = app.add_subcommand("serve", "Run the HTTP API server until SIGINT/SIGTERM");
  serve
      ->add_option("--config", options->config_file,
                   "TOML settings file (keys: docs/http.md); TESSERA_* variables override it")
      ->check(CLI::ExistingFile);
  serve->add_flag("--demo-users", options->demo_users,
                  "create one account per role (demo-admin, ...) that does not exist yet, with "
                  "random passwords printed once");
  AddStoreOptions(*serve, options->store, ActorOption::kNone);
  serve->callback([&context, options] {
    context.action = [&context, options] { return Serve(context.environment, *options); };
  });
  CLI::App* openapi =
      app.add_subcommand("openapi",
                         "Print the OpenAPI document `serve --db` serves (its route table, built "
                         "without a store of yours or a listening socket)");
  openapi->callback(
      [&context] { context.action = [&context] { return PrintOpenApi(context.environment); }; });
}

}  // namespace tessera::cli
