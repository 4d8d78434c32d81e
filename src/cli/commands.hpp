#pragma once
// Every command family's registration function. Add one line here and one in commands.cpp
// when a module brings its commands.

#include "cli/command_context.hpp"

namespace tessera::cli {

void AddAllCommands(CLI::App& app, CommandContext& context);
void AddServeCommands(CLI::App& app, CommandContext& context);

}  // namespace tessera::cli
