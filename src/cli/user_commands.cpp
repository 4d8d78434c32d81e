// `tessera user add <username> --role <role>`: the password comes from a prompt (terminal) or
// from standard input (one line), never from the command line where `ps` would show it.

#include <termios.h>
#include <unistd.h>

#include <memory>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/store_options.hpp"
#include "core/records/names.hpp"
#include "store/sql/crypto.hpp"

namespace tessera::cli {
namespace {

struct UserArguments {
  StoreOptions store;
  std::string username;
  std::string role = "clinician";
};

// Reads one line with terminal echo off when stdin is a terminal.
std::string ReadSecretLine(const CliEnvironment& environment, const char* prompt) {
  const bool terminal = isatty(STDIN_FILENO) == 1;
  termios saved{};
  if (terminal) {
    environment.err << prompt << std::flush;
    tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  std::getline(environment.in, line);
  if (terminal) {
    tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    environment.err << "\n";
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

int AddUser(CommandContext& context, const UserArguments& arguments) {
  const CliEnvironment& environment = context.environment;
  auto role = ParseRole(arguments.role);
  if (!role) return ReportError(environment, role.error().WithContext("--role"));
  auto opened = OpenFromOptions(arguments.store, environment, store::Creation::kMustExist);
  if (!opened) return ReportError(environment, opened.error());
  store::SqlStore& store = **opened;
  // The first account of an empty store is the bootstrap admin; after that an admin acts.
  auto users = store.CountUsers();
  if (!users) return ReportError(environment, users.error());
  AccessContext actor = AccessContext::Bootstrap();
  if (*users > 0) {
    auto resolved = ResolveActor(arguments.store, store);
    if (!resolved) return ReportError(environment, resolved.error());
    actor = *resolved;
  }
  const std::string password = ReadSecretLine(environment, "Password: ");
  if (isatty(STDIN_FILENO) == 1 && ReadSecretLine(environment, "Repeat password: ") != password)
    return ReportError(environment, Error(ErrorCode::kInvalidArgument, "the passwords differ"));
  auto hash = store::HashPassword(password);
  if (!hash) return ReportError(environment, hash.error());
  auto id = store.CreateUser(actor, User{{}, arguments.username, *role, *hash, {}});
  if (!id) return ReportError(environment, id.error());
  environment.out << "created " << Name(*role) << " account \"" << arguments.username << "\" (id "
                  << id->value() << ")\n";
  return kExitOk;
}

}  // namespace

void AddUserCommands(CLI::App& app, CommandContext& context) {
  auto arguments = std::make_shared<UserArguments>();
  CLI::App* user = app.add_subcommand("user", "manage accounts");
  user->require_subcommand(1);
  CLI::App* add = user->add_subcommand(
      "add", "create an account; the password is read from a prompt or one line of stdin");
  AddStoreOptions(*add, arguments->store, ActorOption::kRequired);
  add->add_option("username", arguments->username, "the new account's name")->required();
  add->add_option("--role", arguments->role, "admin, clinician, supervisor or client")
      ->capture_default_str();
  add->callback([&context, arguments] { context.action = [&context, arguments] { return AddUser(context, *arguments); }; });
}

}  // namespace tessera::cli
