#pragma once
// What every command that touches the store shares: `--db` (else $TESSERA_DB, else the
// config file's `[store] db`), `--as` (else $TESSERA_USER), and `--local-test-cluster`.

#include <memory>
#include <optional>
#include <string>

#include "cli/command_context.hpp"
#include "store/open_store.hpp"

namespace tessera::cli {

struct StoreOptions {
  std::string db;
  std::string as_user;
  bool local_test_cluster = false;
};

enum class ActorOption { kNone, kRequired };

/// Adds --db (and --as when asked) and --local-test-cluster to a subcommand.
void AddStoreOptions(CLI::App& command, StoreOptions& options, ActorOption actor);

/// The config file: $TESSERA_CONFIG, else $XDG_CONFIG_HOME/tessera/config.toml, else
/// ~/.config/tessera/config.toml. A missing file is fine; a malformed one is an error.
std::string ConfigFilePath();

/// The --db target after applying the defaults; InvalidArgument when none is set anywhere.
Result<std::string> ResolveDatabase(const StoreOptions& options);

/// Like ResolveDatabase, but nullopt (not an error) when no database is set anywhere.
Result<std::optional<std::string>> FindDatabase(const StoreOptions& options);

/// Opens the store named by the options (creation and migrations as given).
Result<std::unique_ptr<store::SqlStore>> OpenFromOptions(
    const StoreOptions& options, const CliEnvironment& environment, store::Creation creation,
    store::Migrations migrations = store::Migrations::kApplyAtOpen);

/// The acting account named by --as / $TESSERA_USER. InvalidArgument when none is given.
Result<AccessContext> ResolveActor(const StoreOptions& options, Store& store);

}  // namespace tessera::cli
