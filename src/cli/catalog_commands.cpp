// `tessera catalog check [dir]` and `tessera catalog show <id>`.

#include <memory>

#include "catalog/catalog_describe.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/planner_cli_support.hpp"

namespace tessera::cli {

namespace {

struct CatalogOptions {
  std::string directory;
  bool with_shipped = false;
  std::string id;
  std::vector<std::string> catalog_dirs;
};

}  // namespace

void AddCatalogCommands(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<CatalogOptions>();
  CLI::App* catalog = app.add_subcommand("catalog", "the knowledge base of models and techniques");
  catalog->require_subcommand(1);

  CLI::App* check =
      catalog->add_subcommand("check", "validate a catalogue directory (default: the shipped one)");
  check->add_option("dir", options->directory, "catalogue directory");
  check->add_flag("--with-shipped", options->with_shipped,
                  "validate dir as an addition to the shipped catalogue (a clinic's own files)");
  check->callback([&context, options] {
    context.action = [&context, options]() -> int {
      const CliEnvironment& environment = context.environment;
      std::vector<std::filesystem::path> directories;
      if (options->directory.empty() || options->with_shipped)
        directories.push_back(environment.data_dir / "catalog");
      if (!options->directory.empty()) directories.emplace_back(options->directory);
      auto loaded = catalog::Catalog::Load(directories);
      if (!loaded) {
        const Error error = loaded.error().WithContext("catalog check failed");
        environment.err << "tessera: " << error.message() << '\n';
        return error.code() == ErrorCode::kInvalidArgument ? kExitCheckFailed
                                                           : ExitCodeFor(error.code());
      }
      environment.out << "catalog ok: " << catalog::Summary(*loaded) << "\n";
      return kExitOk;
    };
  });

  CLI::App* show = catalog->add_subcommand(
      "show", "show one entry (technique, model, problem, template, source)");
  show->add_option("id", options->id, "entry id")->required();
  show->add_option("--catalog-dir", options->catalog_dirs, "extra catalogue directory");
  show->callback([&context, options] {
    context.action = [&context, options]() -> int {
      const CliEnvironment& environment = context.environment;
      auto loaded = LoadCatalog(environment, options->catalog_dirs);
      if (!loaded) return ReportError(environment, loaded.error());
      const auto described = catalog::DescribeEntry(*loaded, options->id);
      if (!described)
        return ReportError(environment, Error(ErrorCode::kNotFound,
                                              "catalog: no entry has id '" + options->id + "'"));
      environment.out << *described;
      return kExitOk;
    };
  });
}

}  // namespace tessera::cli
