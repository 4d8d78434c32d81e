#include "support/run_command.hpp"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace tessera::testing {
namespace {

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "run_command: %s: %s\n", what.c_str(), std::strerror(errno));
  std::abort();
}

std::vector<std::string> MergedEnvironment(const std::map<std::string, std::string>& overrides) {
  std::map<std::string, std::string> merged;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    std::string text(*entry);
    const auto equals = text.find('=');
    if (equals != std::string::npos) merged[text.substr(0, equals)] = text.substr(equals + 1);
  }
  for (const auto& [name, value] : overrides) merged[name] = value;
  std::vector<std::string> result;
  for (const auto& [name, value] : merged) result.push_back(name + "=" + value);
  return result;
}

std::vector<char*> AsArgv(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  for (auto& text : strings) pointers.push_back(text.data());
  pointers.push_back(nullptr);
  return pointers;
}

// Pumps stdin in and stdout/stderr out at the same time so that no pipe can fill and block.
void Pump(int stdin_fd, int stdout_fd, int stderr_fd, const std::string& input,
          CommandOutcome& outcome) {
  std::size_t written = 0;
  if (input.empty()) {
    close(stdin_fd);
    stdin_fd = -1;
  }
  char buffer[65536];
  while (stdout_fd >= 0 || stderr_fd >= 0) {
    pollfd fds[3] = {{stdin_fd, POLLOUT, 0}, {stdout_fd, POLLIN, 0}, {stderr_fd, POLLIN, 0}};
    if (poll(fds, 3, -1) < 0) {
      if (errno == EINTR) continue;
      Die("poll");
    }
    if (stdin_fd >= 0 && (fds[0].revents & (POLLOUT | POLLERR | POLLHUP))) {
      const ssize_t count = write(stdin_fd, input.data() + written, input.size() - written);
      if (count > 0) written += static_cast<std::size_t>(count);
      if (count < 0 || written == input.size()) {
        close(stdin_fd);
        stdin_fd = -1;
      }
    }
    for (int index : {1, 2}) {
      int& fd = index == 1 ? stdout_fd : stderr_fd;
      if (fd < 0 || !(fds[index].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      const ssize_t count = read(fd, buffer, sizeof buffer);
      if (count > 0) {
        (index == 1 ? outcome.out : outcome.err).append(buffer, static_cast<std::size_t>(count));
      } else {
        close(fd);
        fd = -1;
      }
    }
  }
  if (stdin_fd >= 0) close(stdin_fd);
}

}  // namespace

CommandOutcome RunCommand(const std::string& program, const std::vector<std::string>& args,
                          const CommandOptions& options) {
  int in_pipe[2], out_pipe[2], err_pipe[2];
  if (pipe2(in_pipe, O_CLOEXEC) || pipe2(out_pipe, O_CLOEXEC) || pipe2(err_pipe, O_CLOEXEC)) {
    Die("pipe");
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_pipe[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  if (!options.working_directory.empty()) {
    posix_spawn_file_actions_addchdir_np(&actions, options.working_directory.c_str());
  }
  std::vector<std::string> argv_strings{program};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<std::string> env_strings = MergedEnvironment(options.environment);
  auto argv = AsArgv(argv_strings);
  auto envp = AsArgv(env_strings);
  pid_t pid = 0;
  if (posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), envp.data()) != 0) {
    Die("spawn " + program);
  }
  posix_spawn_file_actions_destroy(&actions);
  close(in_pipe[0]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  CommandOutcome outcome;
  signal(SIGPIPE, SIG_IGN);
  Pump(in_pipe[1], out_pipe[0], err_pipe[0], options.stdin_text, outcome);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) Die("waitpid");
  }
  outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return outcome;
}

std::string TesseraBinary() { return TESSERA_BINARY; }

CommandOutcome RunTessera(const std::vector<std::string>& args, const CommandOptions& options) {
  return RunCommand(TesseraBinary(), args, options);
}

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "tessera-test-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) Die("mkdtemp");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << text;
  if (!file) throw std::runtime_error("cannot write " + path);
}

std::string ReadFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

}  // namespace tessera::testing
