// `tessera user add <username> --role <role>` and `tessera user note-key <username>`: the
// password comes from a prompt (terminal) or from standard input (one line), never from the
// command line where `ps` would show it.

#include <termios.h>
#include <unistd.h>

#include <memory>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/store_options.hpp"
#include "core/records/names.hpp"
#include "notecrypt/note_key.hpp"
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

// What a clinician's first login does (decision 0131), for accounts whose psychotherapy notes
// are imported before they ever log in: makes their note key, wrapped under their password,
// seals their older notes, and prints the recovery code once.
int MakeNoteKey(CommandContext& context, const UserArguments& arguments) {
  const CliEnvironment& environment = context.environment;
  auto opened = OpenFromOptions(arguments.store, environment, store::Creation::kMustExist);
  if (!opened) return ReportError(environment, opened.error());
  store::SqlStore& store = **opened;
  auto account = store.FindAccountByName(arguments.username);
  if (!account) return ReportError(environment, account.error());
  const std::string password = ReadSecretLine(environment, "Password: ");
  // The same answer for a missing account and a wrong password.
  if (!*account || !store::VerifyPassword(password, (*account)->user.password_hash))
    return ReportError(environment,
                       Error(ErrorCode::kInvalidArgument, "username or password is wrong"));
  const UserId user = (*account)->user.id;
  auto key = NewNoteKey();
  if (!key) return ReportError(environment, key.error());
  const std::string recovery_code = NewRecoveryCode();
  auto password_wrap = WrapNoteKey(**key, password, user, KeyDerivationCost{});
  auto recovery_wrap =
      WrapNoteKey(**key, NormaliseRecoveryCode(recovery_code), user, KeyDerivationCost{});
  if (!password_wrap) return ReportError(environment, password_wrap.error());
  if (!recovery_wrap) return ReportError(environment, recovery_wrap.error());
  auto sealed = store.CreateNoteKey(
      AccessContext::For(user),
      StoredNoteKey{user, PublicKeyText(**key), *password_wrap, *recovery_wrap});
  if (!sealed) return ReportError(environment, sealed.error());
  environment.out << "note key made for \"" << arguments.username << "\" (" << *sealed
                  << " older psychotherapy note(s) sealed)\nrecovery code (shown once; keep it "
                     "safe): "
                  << recovery_code << "\n";
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
  add->callback([&context, arguments] {
    context.action = [&context, arguments] { return AddUser(context, *arguments); };
  });
  CLI::App* note_key = user->add_subcommand(
      "note-key",
      "make an account's psychotherapy-note key, as its first login would; its "
      "password is read from a prompt or one line of stdin; prints the recovery "
      "code once");
  AddStoreOptions(*note_key, arguments->store, ActorOption::kNone);
  note_key->add_option("username", arguments->username, "the clinician's or supervisor's account")
      ->required();
  note_key->callback([&context, arguments] {
    context.action = [&context, arguments] { return MakeNoteKey(context, *arguments); };
  });
}

}  // namespace tessera::cli
