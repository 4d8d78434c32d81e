// `tessera db init|migrate|verify-audit|backup|restore`.

#include <memory>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/store_options.hpp"
#include "store/audit_anchor.hpp"
#include "store/backup.hpp"

namespace tessera::cli {
namespace {

struct DbArguments {
  StoreOptions store;
  std::string path;          // backup destination / restore source
  std::string anchor;        // verify-audit --anchor
  std::string write_anchor;  // verify-audit --write-anchor
  bool force = false;        // restore over an existing store
};

int Init(CommandContext& context, const DbArguments& arguments) {
  const CliEnvironment& environment = context.environment;
  auto store = OpenFromOptions(arguments.store, environment, store::Creation::kCreateIfMissing,
                               store::Migrations::kLeaveAlone);
  if (!store) return ReportError(environment, store.error());
  auto before = store::SchemaVersion((*store)->database());
  if (!before) return ReportError(environment, before.error());
  auto applied = store::MigrateStore(**store);
  if (!applied) return ReportError(environment, applied.error());
  auto version = store::SchemaVersion((*store)->database());
  environment.out << ((*before == 0) ? "initialised " : "already initialised: ")
                  << store::RedactTarget(ResolveDatabase(arguments.store).value_or("")) << " ("
                  << (*store)->Dialect() << ", schema version " << version.value_or(0) << ")\n";
  return kExitOk;
}

int Migrate(CommandContext& context, const DbArguments& arguments) {
  const CliEnvironment& environment = context.environment;
  auto store = OpenFromOptions(arguments.store, environment, store::Creation::kMustExist,
                               store::Migrations::kLeaveAlone);
  if (!store) return ReportError(environment, store.error());
  auto applied = store::MigrateStore(**store);
  if (!applied) return ReportError(environment, applied.error());
  environment.out << "applied " << *applied << " migration(s); schema version "
                  << store::SchemaVersion((*store)->database()).value_or(0) << "\n";
  return kExitOk;
}

int VerifyAudit(CommandContext& context, const DbArguments& arguments) {
  const CliEnvironment& environment = context.environment;
  auto store = OpenFromOptions(arguments.store, environment, store::Creation::kMustExist);
  if (!store) return ReportError(environment, store.error());
  auto verification = (*store)->VerifyAudit();
  if (!verification) return ReportError(environment, verification.error());
  if (!verification->intact()) {
    environment.err << "tessera: audit chain broken at entry " << *verification->first_bad_sequence
                    << ": " << verification->problem << "\n";
    return kExitCheckFailed;
  }
  if (!arguments.anchor.empty()) {
    auto anchor = store::ReadAuditAnchor(arguments.anchor);
    if (!anchor) return ReportError(environment, anchor.error());
    Status matches = store::CheckAuditAnchor(**store, *anchor);
    if (!matches) {
      environment.err << "tessera: " << matches.error().message() << "\n";
      return kExitCheckFailed;
    }
  }
  if (!arguments.write_anchor.empty()) {
    Status written = store::WriteAuditAnchor(
        arguments.write_anchor, {verification->entries_checked, verification->head_hash});
    if (!written) return ReportError(environment, written.error());
  }
  environment.out << "audit chain intact: " << verification->entries_checked << " entries";
  if (!verification->head_hash.empty()) environment.out << ", head " << verification->head_hash;
  environment.out << "\n";
  return kExitOk;
}

store::OpenOptions OpenOptionsFor(const StoreOptions& options) {
  return {.creation = store::Creation::kMustExist,
          .migrations = store::Migrations::kApplyAtOpen,
          .unauthenticated = options.local_test_cluster
                                 ? store::UnauthenticatedPostgres::kAllowLocalTestCluster
                                 : store::UnauthenticatedPostgres::kRefuse};
}

int Backup(CommandContext& context, const DbArguments& arguments) {
  const CliEnvironment& environment = context.environment;
  auto target = ResolveDatabase(arguments.store);
  if (!target) return ReportError(environment, target.error());
  auto report = store::BackupStore(*target, arguments.path, environment.clock,
                                   OpenOptionsFor(arguments.store));
  if (!report) return ReportError(environment, report.error());
  environment.out << "backed up to " << arguments.path << " (checked: " << report->audit_entries
                  << " audit entries intact)\n";
  return kExitOk;
}

int Restore(CommandContext& context, const DbArguments& arguments) {
  const CliEnvironment& environment = context.environment;
  auto target = ResolveDatabase(arguments.store);
  if (!target) return ReportError(environment, target.error());
  std::error_code error;
  const bool existing = store::KindOf(*target) == store::StoreKind::kPostgres ||
                        std::filesystem::exists(*target, error);
  if (existing && !arguments.force)
    return ReportError(environment,
                       Error(ErrorCode::kAlreadyExists, "restore would replace everything in " +
                                                            store::RedactTarget(*target) +
                                                            "; add --force to confirm"));
  auto options = OpenOptionsFor(arguments.store);
  auto report = store::RestoreStore(*target, arguments.path, environment.clock, options);
  if (!report) return ReportError(environment, report.error());
  environment.out << "restored " << store::RedactTarget(*target) << " from " << arguments.path
                  << " (" << report->audit_entries << " audit entries intact)\n";
  return kExitOk;
}

}  // namespace

void AddDbCommands(CLI::App& app, CommandContext& context) {
  auto arguments = std::make_shared<DbArguments>();
  CLI::App* db = app.add_subcommand("db", "create, migrate, check, back up and restore the store");
  db->require_subcommand(1);

  CLI::App* init = db->add_subcommand("init", "create the store and apply the schema");
  AddStoreOptions(*init, arguments->store, ActorOption::kNone);
  init->callback([&context, arguments] {
    context.action = [&context, arguments] { return Init(context, *arguments); };
  });

  CLI::App* migrate = db->add_subcommand("migrate", "apply pending schema migrations");
  AddStoreOptions(*migrate, arguments->store, ActorOption::kNone);
  migrate->callback([&context, arguments] {
    context.action = [&context, arguments] { return Migrate(context, *arguments); };
  });

  CLI::App* verify = db->add_subcommand(
      "verify-audit", "check the audit hash chain (exit 0 intact, 1 naming the first bad entry)");
  AddStoreOptions(*verify, arguments->store, ActorOption::kNone);
  verify->add_option("--anchor", arguments->anchor,
                     "also check an external anchor file saved earlier");
  verify->add_option("--write-anchor", arguments->write_anchor,
                     "save the current head as an anchor file");
  verify->callback([&context, arguments] {
    context.action = [&context, arguments] { return VerifyAudit(context, *arguments); };
  });

  CLI::App* backup = db->add_subcommand("backup", "copy the store to a checked backup file");
  AddStoreOptions(*backup, arguments->store, ActorOption::kNone);
  backup->add_option("destination", arguments->path, "the backup file to create")->required();
  backup->callback([&context, arguments] {
    context.action = [&context, arguments] { return Backup(context, *arguments); };
  });

  CLI::App* restore = db->add_subcommand("restore", "replace the store with a checked backup");
  AddStoreOptions(*restore, arguments->store, ActorOption::kNone);
  restore->add_option("backup", arguments->path, "the backup file")->required();
  restore->add_flag("--force", arguments->force, "replace an existing store");
  restore->callback([&context, arguments] {
    context.action = [&context, arguments] { return Restore(context, *arguments); };
  });
}

}  // namespace tessera::cli
