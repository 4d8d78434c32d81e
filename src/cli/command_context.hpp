#pragma once
// How a command family plugs into the CLI: a function
//   void AddXCommands(CLI::App& app, CommandContext& context);
// adds subcommands whose callbacks store the work in context.action. RunCli runs that action
// after parsing succeeds, so parse errors and command errors are reported the same way.

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

#include "cli/cli_app.hpp"
#include "core/result.hpp"

namespace tessera::cli {

struct CommandContext {
  const CliEnvironment& environment;
  /// Set by the chosen subcommand's callback; returns the exit code.
  std::function<int()> action;
};

/// Prints `tessera: <message>` as one line on stderr and returns the exit code for its code.
int ReportError(const CliEnvironment& environment, const Error& error);

}  // namespace tessera::cli
