#include "cli/commands.hpp"

namespace tessera::cli {

void AddAllCommands(CLI::App& app, CommandContext& context) {
  (void)app;
  (void)context;
  AddPlanCommands(app, context);
  AddCatalogCommands(app, context);
}

}  // namespace tessera::cli
