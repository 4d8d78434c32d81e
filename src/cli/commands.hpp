#pragma once
// Every command family's registration function. Add one line here and one in commands.cpp
// when a module brings its commands.

#include "cli/command_context.hpp"

namespace tessera::cli {

void AddAllCommands(CLI::App& app, CommandContext& context);
void AddFitCommands(CLI::App& app, CommandContext& context);
void AddSimulateCommands(CLI::App& app, CommandContext& context);

/// instruments, score, change, nhs-tt (measures_commands.cpp).
void AddMeasuresCommands(CLI::App& app, CommandContext& context);
/// demo (demo_commands.cpp).
void AddDemoCommands(CLI::App& app, CommandContext& context);
/// serve: the HTTP API server (serve_commands.cpp).
void AddServeCommands(CLI::App& app, CommandContext& context);

void AddPlanCommands(CLI::App& app, CommandContext& context);
void AddCatalogCommands(CLI::App& app, CommandContext& context);

void AddDbCommands(CLI::App& app, CommandContext& context);
void AddRecordsCommands(CLI::App& app, CommandContext& context);
void AddUserCommands(CLI::App& app, CommandContext& context);
// monitor and fit expected (issue 6)
void AddMonitorCommands(CLI::App& app, CommandContext& context);
void AddFitExpectedCommand(CLI::App& fit, CommandContext& context);
// demo practice for `make run` (issue 7, api-clinical)
void AddPracticeCommands(CLI::App& app, CommandContext& context);

}  // namespace tessera::cli
