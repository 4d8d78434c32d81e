#include "cli/commands.hpp"

namespace tessera::cli {

void AddAllCommands(CLI::App& app, CommandContext& context) {
  AddMeasuresCommands(app, context);
  AddDemoCommands(app, context);
  AddFitCommands(app, context);
  AddSimulateCommands(app, context);
  AddPlanCommands(app, context);
  AddCatalogCommands(app, context);
  AddDbCommands(app, context);
  AddRecordsCommands(app, context);
  AddUserCommands(app, context);
  AddServeCommands(app, context);
  AddMonitorCommands(app, context);
  AddPracticeCommands(app, context);
}

}  // namespace tessera::cli
