#include "cli/store_options.hpp"

#include <toml++/toml.h>

#include <cstdlib>
#include <filesystem>

namespace tessera::cli {

void AddStoreOptions(CLI::App& command, StoreOptions& options, ActorOption actor) {
  command.add_option("--db", options.db,
                     "SQLite file path or postgresql:// URL (default: $TESSERA_DB, then the "
                     "config file's [store] db)");
  if (actor == ActorOption::kRequired)
    command.add_option("--as", options.as_user, "the acting account (default: $TESSERA_USER)");
  command.add_flag("--local-test-cluster", options.local_test_cluster,
                   "accept a PostgreSQL server that did not authenticate us (throwaway local "
                   "test clusters only)");
}

std::string ConfigFilePath() {
  if (const char* explicit_path = std::getenv("TESSERA_CONFIG")) return explicit_path;
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg)
    return (std::filesystem::path(xdg) / "tessera" / "config.toml").string();
  if (const char* home = std::getenv("HOME"); home && *home)
    return (std::filesystem::path(home) / ".config" / "tessera" / "config.toml").string();
  return "";
}

Result<std::string> ResolveDatabase(const StoreOptions& options) {
  TRY_ASSIGN(std::optional<std::string> found, FindDatabase(options));
  if (found) return *found;
  const std::string path = ConfigFilePath();
  return InvalidArgument(
      "no database given: use --db <file | postgresql://...>, set TESSERA_DB, "
      "or set [store] db in " +
      (path.empty() ? "the config file" : path));
}

Result<std::optional<std::string>> FindDatabase(const StoreOptions& options) {
  if (!options.db.empty()) return std::optional<std::string>(options.db);
  if (const char* from_environment = std::getenv("TESSERA_DB");
      from_environment && *from_environment)
    return std::optional<std::string>(from_environment);
  const std::string path = ConfigFilePath();
  std::error_code error;
  if (!path.empty() && std::filesystem::exists(path, error)) {
    toml::table config;
    try {
      config = toml::parse_file(path);
    } catch (const toml::parse_error& error) {
      return InvalidArgument("config file " + path + ": " + std::string(error.description()));
    }
    if (auto db = config["store"]["db"].value<std::string>(); db && !db->empty()) return db;
  }
  return std::optional<std::string>();
}

Result<std::unique_ptr<store::SqlStore>> OpenFromOptions(const StoreOptions& options,
                                                         const CliEnvironment& environment,
                                                         store::Creation creation,
                                                         store::Migrations migrations) {
  TRY_ASSIGN(std::string target, ResolveDatabase(options));
  return store::OpenStore(
      target, environment.clock,
      {.creation = creation,
       .migrations = migrations,
       .unauthenticated = options.local_test_cluster
                              ? store::UnauthenticatedPostgres::kAllowLocalTestCluster
                              : store::UnauthenticatedPostgres::kRefuse});
}

Result<AccessContext> ResolveActor(const StoreOptions& options, Store& store) {
  std::string username = options.as_user;
  if (username.empty())
    if (const char* from_environment = std::getenv("TESSERA_USER")) username = from_environment;
  if (username.empty())
    return InvalidArgument("--as: name the acting account (or set TESSERA_USER)");
  auto user = store.FindUser(AccessContext::Bootstrap(), username);
  if (!user) return Unauthenticated("--as: " + user.error().message());
  return AccessContext::For(*user);
}

}  // namespace tessera::cli
