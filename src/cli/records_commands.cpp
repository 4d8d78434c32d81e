// `tessera import <file.json>` and `tessera export <client-id>`.

#include <fstream>
#include <memory>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/store_options.hpp"
#include "store/exchange/import_document.hpp"

namespace tessera::cli {
namespace {

struct RecordArguments {
  StoreOptions store;
  std::string file;
  std::int64_t client = 0;
};

int Import(CommandContext& context, const RecordArguments& arguments) {
  const CliEnvironment& environment = context.environment;
  std::ifstream input(arguments.file, std::ios::binary);
  if (!input)
    return ReportError(environment,
                       Error(ErrorCode::kInvalidArgument, arguments.file + ": cannot be read"));
  std::ostringstream text;
  text << input.rdbuf();
  // The whole file is validated before the store is even opened.
  auto document = store::ParseImport(text.str());
  if (!document) return ReportError(environment, document.error().WithContext(arguments.file));
  auto opened = OpenFromOptions(arguments.store, environment, store::Creation::kMustExist);
  if (!opened) return ReportError(environment, opened.error());
  auto actor = ResolveActor(arguments.store, **opened);
  if (!actor) return ReportError(environment, actor.error());
  auto summary = store::ImportRecords(**opened, *actor, *document);
  if (!summary) return ReportError(environment, summary.error().WithContext(arguments.file));
  environment.out << "imported " << summary->clients << " client(s)";
  if (!summary->client_ids.empty()) {
    environment.out << " (ids";
    for (ClientId id : summary->client_ids) environment.out << ' ' << id.value();
    environment.out << ')';
  }
  environment.out << ", " << summary->therapists << " therapist(s) and " << summary->records
                  << " other record(s)\n";
  return kExitOk;
}

int Export(CommandContext& context, const RecordArguments& arguments) {
  const CliEnvironment& environment = context.environment;
  auto opened = OpenFromOptions(arguments.store, environment, store::Creation::kMustExist);
  if (!opened) return ReportError(environment, opened.error());
  auto actor = ResolveActor(arguments.store, **opened);
  if (!actor) return ReportError(environment, actor.error());
  auto exported = store::ExportClient(**opened, *actor, ClientId(arguments.client));
  if (!exported) return ReportError(environment, exported.error());
  environment.out << *exported;
  return kExitOk;
}

}  // namespace

void AddRecordsCommands(CLI::App& app, CommandContext& context) {
  auto arguments = std::make_shared<RecordArguments>();
  CLI::App* import = app.add_subcommand(
      "import", "import records from a JSON file (docs/import-format.md); all or nothing");
  AddStoreOptions(*import, arguments->store, ActorOption::kRequired);
  import->add_option("file", arguments->file, "the JSON file")->required();
  import->callback([&context, arguments] { context.action = [&context, arguments] { return Import(context, *arguments);
};
}  // namespace tessera::cli
);

CLI::App* export_command = app.add_subcommand(
    "export", "print a client's whole record set as JSON (psychotherapy notes excluded)");
AddStoreOptions(*export_command, arguments->store, ActorOption::kRequired);
export_command->add_option("client-id", arguments->client, "the client's id")->required();
export_command->callback([&context, arguments] {
  context.action = [&context, arguments] { return Export(context, *arguments); };
});
}

}  // namespace tessera::cli
