#pragma once
// The reminders serve tests' clinic (tests only): the real server binary on a demo practice, a
// local SMTP sink and webhook receiver started as helper processes, and the waits they share.
// Split out of reminders_serve_test.cpp so each test file holds one operation.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <thread>
#include <tuple>

#include <nlohmann/json.hpp>

#include "http/clinical_serve_support.hpp"

extern char** environ;

namespace tessera::testing::reminders {

using nlohmann::json;

inline const std::string kScripts = std::string(TESSERA_SOURCE_DIR) + "/tests/reminders/";

// Polls `done` every 50 ms for up to two minutes.
inline bool Eventually(const std::function<bool()>& done) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(2);
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return done();
}

inline int FreePort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

// Helpers still running, so that an abort (ServerProcess aborts the test binary when the server
// never starts) stops them too: destructors do not run on abort, and a helper left behind would
// hold ctest's output pipe open and stall the run. kill() is async-signal-safe.
inline constexpr int kMaxHelpers = 8;
inline volatile sig_atomic_t running_helpers[kMaxHelpers] = {};

extern "C" inline void StopHelpersAndAbort(int signal_number) {
  for (int slot = 0; slot < kMaxHelpers; ++slot)
    if (running_helpers[slot] > 0) kill(running_helpers[slot], SIGTERM);
  std::signal(signal_number, SIG_DFL);
  raise(signal_number);
}

// A helper process (Debian's python3 with the script), stopped with SIGTERM when destroyed or
// when the test binary aborts. Its output goes to `log` (never to ctest's pipe), and the script
// itself exits once its parent is gone (--parent-pid), which covers SIGKILL and ctest's timeout.
class Helper {
 public:
  Helper(std::vector<std::string> args, const std::string& log) {
    static const bool installed = [] {
      std::signal(SIGABRT, StopHelpersAndAbort);
      return true;
    }();
    (void)installed;
    args.insert(args.begin(), "/usr/bin/python3");
    args.push_back("--parent-pid");
    args.push_back(std::to_string(getpid()));
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    if (posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&actions);
    for (int slot = 0; slot < kMaxHelpers && pid_ > 0; ++slot) {
      if (running_helpers[slot] == 0) {
        running_helpers[slot] = pid_;
        slot_ = slot;
        break;
      }
    }
  }
  ~Helper() {
    if (pid_ <= 0) return;
    if (slot_ >= 0) running_helpers[slot_] = 0;
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }
  Helper(const Helper&) = delete;
  Helper& operator=(const Helper&) = delete;
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  int slot_ = -1;
};

inline std::vector<json> JsonLines(const std::string& file) {
  std::vector<json> lines;
  std::istringstream text(ReadFile(file));
  for (std::string line; std::getline(text, line);)
    if (const json parsed = json::parse(line, nullptr, false); !parsed.is_discarded())
      lines.push_back(parsed);  // a line still being written is read on the next poll
  return lines;
}

inline std::unique_ptr<Helper> StartSmtpSink(const TempDir& directory, int port, int hold_at = 0) {
  std::filesystem::remove(directory.File("sink-ready"));
  auto sink = std::make_unique<Helper>(
      std::vector<std::string>{kScripts + "smtp_sink.py", "--port", std::to_string(port), "--log",
                               directory.File("sink.jsonl"), "--ready",
                               directory.File("sink-ready"), "--hold-at", std::to_string(hold_at),
                               "--release", directory.File("release")},
      directory.File("sink.out"));
  EXPECT_TRUE(Eventually([&] { return !ReadFile(directory.File("sink-ready")).empty(); }));
  return sink;
}

// A demo practice whose clients 1..count have a linked account, an email address and a mobile
// number with consent to both, on a server whose reminder settings are `settings`.
class ReminderClinic {
 public:
  ReminderClinic(const TempDir& directory, std::map<std::string, std::string> settings)
      : directory_(directory), settings_(std::move(settings)) {
    output_ = LoadDemoPractice(directory.File("clinic.db"), 3);
    Start();
  }
  void Start() {
    auto environment = ServerTestEnvironment();
    environment["TESSERA_SERVER_PUBLIC_URL"] = "https://tessera.clinic.example";
    for (const auto& [key, value] : settings_) environment[key] = value;
    server_ = std::make_unique<ServerProcess>(
        std::vector<std::string>{"--db", directory_.File("clinic.db")}, environment,
        directory_.File("server.log"));
    admin_ = BearerToken(server_->port(), "demo-admin", PasswordIn(output_, "demo-admin"));
    ASSERT_FALSE(admin_.empty());
  }
  void Kill() { server_->Kill(); }
  int port() const { return server_->port(); }
  std::string Token(const std::string& username) {
    return BearerToken(server_->port(), username, PasswordIn(output_, username));
  }

  json Call(const std::string& method, const std::string& target, const std::string& body,
            int status) {
    const HttpReply reply = Authorized(server_->port(), admin_, method, target, body);
    EXPECT_EQ(reply.status, status) << method << " " << target << ": " << reply.body;
    return json::parse(reply.body, nullptr, false);
  }
  void PrepareClient(int client) {
    const std::string name = "client-" + std::to_string(client);
    const json account =
        Call("POST", "/api/v1/users", json{{"username", name}, {"role", "client"}}.dump(), 201);
    Call("POST",
         "/api/v1/users/" + std::to_string(account["id"].get<std::int64_t>()) + "/client-link",
         json{{"client_id", client}}.dump(), 200);
    Call("PUT", "/api/v1/clients/" + std::to_string(client) + "/reminder-contact",
         json{{"expected_version", 0},
              {"email", name + "@example.org"},
              {"mobile", "+44770090012" + std::to_string(client)},
              {"email_consent", true},
              {"sms_consent", true}}
             .dump(),
         200);
  }
  // Queues a reminder; returns its message id (the idempotency key).
  std::string Remind(int client, const std::string& channel) {
    const json message = Call("POST", "/api/v1/clients/" + std::to_string(client) + "/reminders",
                              json{{"channel", channel}}.dump(), 201);
    EXPECT_EQ(message["state"], "queued");
    return message["message_id"].get<std::string>();
  }
  std::vector<json> Outbox(const std::string& query = "") {
    return Call("GET", "/api/v1/reminders" + query, "", 200)["items"].get<std::vector<json>>();
  }

 private:
  const TempDir& directory_;
  std::map<std::string, std::string> settings_;
  std::string output_;
  std::unique_ptr<ServerProcess> server_;
  std::string admin_;
};

inline std::map<std::string, std::string> SmtpSettings(int port) {
  return {{"TESSERA_REMINDERS_SMTP_HOST", "127.0.0.1"},
          {"TESSERA_REMINDERS_SMTP_PORT", std::to_string(port)},
          {"TESSERA_REMINDERS_SMTP_SECURITY", "none"},
          {"TESSERA_REMINDERS_FROM", "Riverside Clinic <reminders@riverside.example>"},
          {"TESSERA_REMINDERS_RETRY_INITIAL_MILLISECONDS", "100"},
          {"TESSERA_REMINDERS_RETRY_MAX_MILLISECONDS", "400"},
          {"TESSERA_REMINDERS_POLL_MILLISECONDS", "50"},
          {"TESSERA_REMINDERS_MAX_ATTEMPTS", "1000"},  // never give up while the test waits
          {"TESSERA_REMINDERS_SEND_TIMEOUT_SECONDS", "20"},
          {"TESSERA_REMINDERS_CLAIM_LEASE_SECONDS", "22"}};
}

// Message-ID <key@riverside.example> -> how many times the sink received it.
inline std::map<std::string, int> ArrivalsByKey(const TempDir& directory) {
  std::map<std::string, int> arrivals;
  for (const json& line : JsonLines(directory.File("sink.jsonl"))) {
    const std::string id = line["message_id"].get<std::string>();
    ++arrivals[id.substr(1, id.find('@') - 1)];
  }
  return arrivals;
}

inline bool AllSent(ReminderClinic& clinic, std::size_t count) {
  const auto sent = clinic.Outbox("?state=sent");
  return sent.size() == count;
}

}  // namespace tessera::testing::reminders
