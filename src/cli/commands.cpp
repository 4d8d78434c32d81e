#include "cli/commands.hpp"

namespace tessera::cli {

void AddAllCommands(CLI::App& app, CommandContext& context) {
  (void)app;
  (void)context;
  AddServeCommands(app, context);
}

}  // namespace tessera::cli
