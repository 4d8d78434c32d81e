#include "cli/cli_app.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/command_context.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"

namespace tessera::cli {

int ExitCodeFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
    case ErrorCode::kNotFound:
    case ErrorCode::kAlreadyExists:
    case ErrorCode::kConflict:
      return kExitBadInput;
    case ErrorCode::kPermissionDenied:
    case ErrorCode::kUnauthenticated:
      return kExitNotAllowed;
    case ErrorCode::kUnavailable:
    case ErrorCode::kResourceExhausted:
      return kExitUnavailable;
    case ErrorCode::kDataLoss:
      return kExitCheckFailed;
    case ErrorCode::kInternal:
      return kExitInternal;
  }
  return kExitInternal;
}

int ReportError(const CliEnvironment& environment, const Error& error) {
  environment.err << "tessera: " << error.message() << '\n';
  return ExitCodeFor(error.code());
}

int RunCli(int argc, const char* const* argv, const CliEnvironment& environment) {
  CLI::App app("tessera: integrative psychotherapy planning and outcome monitoring", "tessera");
  app.require_subcommand(1);
  app.set_version_flag("--version", "tessera 0.1.0");
  CommandContext context{environment, {}};
  AddAllCommands(app, context);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    environment.out << app.help();
    return kExitOk;
  } catch (const CLI::CallForAllHelp&) {
    environment.out << app.help("", CLI::AppFormatMode::All);
    return kExitOk;
  } catch (const CLI::CallForVersion&) {
    environment.out << app.version() << '\n';
    return kExitOk;
  } catch (const CLI::ParseError& error) {
    // One line naming the problem; `--help` says the rest.
    environment.err << "tessera: " << error.what() << " (see --help)\n";
    return kExitBadInput;
  }
  if (!context.action) {
    environment.err << "tessera: no command given (see --help)\n";
    return kExitBadInput;
  }
  return context.action();
}

}  // namespace tessera::cli
