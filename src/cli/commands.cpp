#include "cli/commands.hpp"

namespace tessera::cli {

void AddAllCommands(CLI::App& app, CommandContext& context) {
  (void)app;
  (void)context;
  AddFitCommands(app, context);
  AddSimulateCommands(app, context);
}

}  // namespace tessera::cli
