#pragma once
// Runs a real program (usually the tessera binary) for black-box tests and captures what a
// shell user would see.

#include <map>
#include <string>
#include <vector>

namespace tessera::testing {

struct CommandOutcome {
  int exit_code = -1;  // the exit status, or 128 + signal number when killed
  std::string out;     // everything written to stdout
  std::string err;     // everything written to stderr
};

struct CommandOptions {
  std::string stdin_text;                          // fed to the program, then closed
  std::map<std::string, std::string> environment;  // added to (or overriding) the inherited one
  std::string working_directory;                   // empty: inherit
};

/// Runs `program args...` and waits for it. Aborts the test binary if the program cannot start.
CommandOutcome RunCommand(const std::string& program, const std::vector<std::string>& args,
                          const CommandOptions& options = {});

/// The tessera binary under test (set by CMake).
std::string TesseraBinary();

/// Runs the tessera binary with args.
CommandOutcome RunTessera(const std::vector<std::string>& args, const CommandOptions& options = {});

/// A fresh, empty directory under the system temp dir, removed when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  /// path() + "/" + name
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

/// Writes text to a file, replacing it.
void WriteFile(const std::string& path, const std::string& text);
/// Reads a whole file; empty when it does not exist.
std::string ReadFile(const std::string& path);

}  // namespace tessera::testing
