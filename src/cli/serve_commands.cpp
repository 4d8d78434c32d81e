// `tessera serve`: the HTTP API server (src/http; settings in docs/http.md).

#include <unistd.h>

#include <iostream>
#include <map>
#include <optional>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
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
};

int Serve(const CliEnvironment& environment, const ServeOptions& options) {
  std::optional<std::filesystem::path> file;
  if (!options.config_file.empty()) file = options.config_file;
  const auto config = http::LoadServerConfig(file, TesseraEnvironment());
  if (!config) return ReportError(environment, config.error());
  // Until the store's user and session tables are wired in (issue 7), accounts live in memory
  // and exist only with --demo-users.
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
  serve->callback([&context, options] {
    context.action = [&context, options] { return Serve(context.environment, *options); };
  });
}

}  // namespace tessera::cli
