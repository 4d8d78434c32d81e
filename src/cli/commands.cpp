#include "cli/commands.hpp"

namespace tessera::cli {

void AddAllCommands(CLI::App& app, CommandContext& context) {
  AddDbCommands(app, context);
  AddRecordsCommands(app, context);
  AddUserCommands(app, context);
}

}  // namespace tessera::cli
