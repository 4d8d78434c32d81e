// `tessera serve`: the HTTP API server (src/http; settings in docs/http.md).

#include <unistd.h>

#include <iostream>
#include <map>
#include <optional>

#include "cli/commands.hpp"
#include "app/clinical_library.hpp"
#include "app/episode_monitor.hpp"
#include "app/store_pool.hpp"
#include "cli/exit_codes.hpp"
#include "cli/store_options.hpp"
#include "store/open_store.hpp"
#include "store/sql/sql_store.hpp"
#include "http/api_server.hpp"
#include "http/config.hpp"
#include "http/event_log.hpp"

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

// Accounts from the store's users table (read through the clinical routes' pool), so that the
// accounts `tessera user add` and `tessera demo-practice` create can log in. Sessions stay in
// memory. Disabling accounts is not modelled by the store yet: every stored account is active.
class StoreUserDirectory final : public http::UserDirectory {
 public:
  explicit StoreUserDirectory(app::StorePool& pool) : pool_(pool) {}
  Result<std::optional<http::UserAccount>> FindByUsername(std::string_view username) const override {
    auto lease = pool_.Acquire();
    auto user = lease.store().FindUser(AccessContext::Bootstrap(), std::string(username));
    return Account(user);
  }
  Result<std::optional<http::UserAccount>> FindById(UserId id) const override {
    auto lease = pool_.Acquire();
    // An account may look itself up; a missing id is refused as unauthenticated.
    auto user = lease.store().GetUser(AccessContext::For(id), id);
    return Account(user);
  }

 private:
  static Result<std::optional<http::UserAccount>> Account(const Result<User>& user) {
    if (!user) {
      if (user.error().code() == ErrorCode::kNotFound ||
          user.error().code() == ErrorCode::kUnauthenticated) {
        return std::optional<http::UserAccount>();
      }
      return Propagate(user.error());
    }
    http::UserAccount account;
    account.id = user->id;
    account.username = user->username;
    switch (user->role) {
      case Role::kAdmin: account.role = http::Role::kAdmin; break;
      case Role::kClinician: account.role = http::Role::kClinician; break;
      case Role::kSupervisor: account.role = http::Role::kSupervisor; break;
      case Role::kClient: account.role = http::Role::kClient; break;
    }
    account.password_hash = user->password_hash;
    return std::optional<http::UserAccount>(std::move(account));
  }
  app::StorePool& pool_;
};

// The clinical routes' parts: a pool of store connections (one per server thread) and the
// clinical data, alive as long as the server.
struct ClinicalParts {
  std::unique_ptr<app::StorePool> pool;
  std::unique_ptr<app::ClinicalLibrary> library;
  std::unique_ptr<app::RoutineOutcomeMonitor> monitor;
  std::unique_ptr<http::ClinicalRouteDeps> deps;
};

Result<ClinicalParts> OpenClinicalParts(const CliEnvironment& environment,
                                        const ServeOptions& options,
                                        const http::ServerConfig& config) {
  ClinicalParts parts;
  TRY_ASSIGN(app::ClinicalLibrary library, app::ClinicalLibrary::Load(environment.data_dir));
  parts.library = std::make_unique<app::ClinicalLibrary>(std::move(library));
  TRY_ASSIGN(parts.monitor, app::RoutineOutcomeMonitor::Create(*parts.library, environment.data_dir));
  // Every store call appends to the audit chain, so every call is a write transaction. SQLite
  // lets one writer in at a time and makes the others sleep in its busy handler (milliseconds
  // per retry), so one connection shared through the pool's queue (measured no slower) avoids
  // that; PostgreSQL gets one per server thread.
  TRY_ASSIGN(const std::string target, ResolveDatabase(options.store));
  const int connections =
      store::KindOf(target) == store::StoreKind::kSqlite ? 1 : config.threads;
  // The first connection creates the database if needed and applies migrations; the others
  // find it ready.
  TRY_ASSIGN(auto first, OpenFromOptions(options.store, environment,
                                         store::Creation::kCreateIfMissing));
  auto opened_first = std::make_shared<std::unique_ptr<store::SqlStore>>(std::move(first));
  TRY_ASSIGN(parts.pool,
             app::StorePool::Create(
                 [&]() -> Result<std::unique_ptr<Store>> {
                   if (*opened_first) return std::unique_ptr<Store>(std::move(*opened_first));
                   TRY_ASSIGN(auto next, OpenFromOptions(options.store, environment,
                                                         store::Creation::kMustExist));
                   return std::unique_ptr<Store>(std::move(next));
                 },
                 connections));
  parts.deps = std::make_unique<http::ClinicalRouteDeps>(http::ClinicalRouteDeps{
      *parts.pool, *parts.library, parts.monitor.get(), environment.clock, config.pages});
  return parts;
}

int Serve(const CliEnvironment& environment, const ServeOptions& options) {
  std::optional<std::filesystem::path> file;
  if (!options.config_file.empty()) file = options.config_file;
  const auto config = http::LoadServerConfig(file, TesseraEnvironment());
  if (!config) return ReportError(environment, config.error());
  // Until the store's user and session tables are wired in (issue 7), accounts live in memory
  // and exist only with --demo-users.
  http::InMemoryUserDirectory memory_users;
  http::InMemorySessionStore sessions;
  std::vector<http::DemoCredential> credentials;
  if (options.demo_users) {
    auto created = http::AddDemoUsers(memory_users, config->password_hash);
    if (!created) return ReportError(environment, created.error());
    credentials = std::move(*created);
  }
  const std::unique_ptr<http::EventLog> log = http::MakeStderrEventLog(config->log_level);
  http::MetricsRegistry metrics;
  ClinicalParts clinical;
  const bool with_store = !options.store.db.empty() || std::getenv("TESSERA_DB") != nullptr;
  if (with_store && options.demo_users) {
    return ReportError(environment, Error(ErrorCode::kInvalidArgument,
                                          "--demo-users: accounts come from the database with "
                                          "--db (tessera demo-practice creates demo accounts)"));
  }
  if (with_store) {
    auto opened = OpenClinicalParts(environment, options, *config);
    if (!opened) return ReportError(environment, opened.error());
    clinical = std::move(*opened);
  }
  std::unique_ptr<StoreUserDirectory> store_users;
  if (clinical.pool) store_users = std::make_unique<StoreUserDirectory>(*clinical.pool);
  const http::UserDirectory& users =
      store_users ? static_cast<const http::UserDirectory&>(*store_users) : memory_users;
  auto server = http::ApiServer::Create(
      *config, http::ApiServerBackends{users, sessions, environment.clock, *log, metrics,
                                       clinical.deps.get()});
  if (!server) return ReportError(environment, server.error());
  for (const auto& credential : credentials) {
    environment.out << "demo user " << credential.username << " (" << credential.role
                    << ") password: " << credential.password << '\n';
  }
  if (!credentials.empty()) {
    environment.out << "these passwords are shown once and are not stored anywhere\n";
  }
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
                  "create one in-memory account per role with random passwords printed once");
  AddStoreOptions(*serve, options->store, ActorOption::kNone);
  serve->callback([&context, options] {
    context.action = [&context, options] { return Serve(context.environment, *options); };
  });
}

}  // namespace tessera::cli
