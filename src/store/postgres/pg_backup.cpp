#include "store/postgres/pg_backup.hpp"

#include <libpq-fe.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cstdlib>
#include <cstring>
#include <map>
#include <vector>

extern char** environ;

namespace tessera::store {
namespace {

// libpq keyword -> environment variable understood by pg_dump and pg_restore.
const std::map<std::string, std::string>& EnvironmentNames() {
  static const std::map<std::string, std::string> names{
      {"host", "PGHOST"},       {"hostaddr", "PGHOSTADDR"},
      {"port", "PGPORT"},       {"dbname", "PGDATABASE"},
      {"user", "PGUSER"},       {"password", "PGPASSWORD"},
      {"sslmode", "PGSSLMODE"}, {"sslcert", "PGSSLCERT"},
      {"sslkey", "PGSSLKEY"},   {"sslrootcert", "PGSSLROOTCERT"}};
  return names;
}

Result<std::vector<std::string>> ConnectionEnvironment(const std::string& url) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
  if (!options) {
    std::string message = error ? error : "cannot parse the connection URL";
    PQfreemem(error);
    return InvalidArgument("--db: " + message);
  }
  std::vector<std::string> environment;
  for (char** variable = environ; *variable; ++variable)
    if (std::strncmp(*variable, "PG", 2) != 0) environment.emplace_back(*variable);
  for (PQconninfoOption* option = options; option->keyword; ++option) {
    const auto name = EnvironmentNames().find(option->keyword);
    if (name != EnvironmentNames().end() && option->val && *option->val)
      environment.push_back(name->second + "=" + option->val);
  }
  PQconninfoFree(options);
  return environment;
}

std::string ToolPath(const std::string& tool) {
  // The server's own major version of the tools, when installed beside it (Debian layout).
  if (const char* bin = std::getenv("PG_BIN")) return std::string(bin) + "/" + tool;
  return tool;
}

Status Run(const std::string& tool, const std::vector<std::string>& arguments,
           const std::string& url) {
  TRY_ASSIGN(std::vector<std::string> environment, ConnectionEnvironment(url));
  std::vector<char*> argv;
  const std::string program = ToolPath(tool);
  argv.push_back(const_cast<char*>(program.c_str()));
  for (const std::string& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
  argv.push_back(nullptr);
  std::vector<char*> envp;
  for (std::string& variable : environment) envp.push_back(variable.data());
  envp.push_back(nullptr);
  pid_t child = 0;
  if (posix_spawnp(&child, program.c_str(), nullptr, nullptr, argv.data(), envp.data()) != 0)
    return Unavailable(tool + " could not be started (is the PostgreSQL client installed?)");
  int status = 0;
  waitpid(child, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return Unavailable(tool + " failed (exit status " + std::to_string(WEXITSTATUS(status)) + ")");
  return Ok();
}

}  // namespace

Status PostgresDump(const std::string& url, const std::filesystem::path& destination) {
  return Run("pg_dump", {"--format=custom", "--no-owner", "--file=" + destination.string()}, url);
}

Status PostgresRestore(const std::string& url, const std::filesystem::path& backup) {
  return Run("pg_restore",
             {"--clean", "--if-exists", "--single-transaction", "--no-owner", "--exit-on-error",
              "--dbname=" + std::string("postgresql:///"), backup.string()},
             url);
}

}  // namespace tessera::store
