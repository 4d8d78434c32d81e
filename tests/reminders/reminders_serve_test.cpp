// Reminders through the real server binary (issue 18): a local SMTP sink (aiosmtpd) and a local
// webhook receiver, both started here on loopback. Fault tests: the mail server down for a
// while, then up; the server SIGKILLed while a message is in flight. Each checks, by
// Message-ID at the sink, that every reminder arrived and none twice. Nothing waits for a
// fixed time: every wait polls with a generous deadline.
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

namespace tessera::testing {
namespace {

using nlohmann::json;

const std::string kScripts = std::string(TESSERA_SOURCE_DIR) + "/tests/reminders/";

// Polls `done` every 50 ms for up to two minutes.
bool Eventually(const std::function<bool()>& done) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(2);
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return done();
}

int FreePort() {
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
constexpr int kMaxHelpers = 8;
volatile sig_atomic_t running_helpers[kMaxHelpers] = {};

extern "C" void StopHelpersAndAbort(int signal_number) {
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

std::vector<json> JsonLines(const std::string& file) {
  std::vector<json> lines;
  std::istringstream text(ReadFile(file));
  for (std::string line; std::getline(text, line);)
    if (const json parsed = json::parse(line, nullptr, false); !parsed.is_discarded())
      lines.push_back(parsed);  // a line still being written is read on the next poll
  return lines;
}

std::unique_ptr<Helper> StartSmtpSink(const TempDir& directory, int port, int hold_at = 0) {
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

std::map<std::string, std::string> SmtpSettings(int port) {
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
std::map<std::string, int> ArrivalsByKey(const TempDir& directory) {
  std::map<std::string, int> arrivals;
  for (const json& line : JsonLines(directory.File("sink.jsonl"))) {
    const std::string id = line["message_id"].get<std::string>();
    ++arrivals[id.substr(1, id.find('@') - 1)];
  }
  return arrivals;
}

bool AllSent(ReminderClinic& clinic, std::size_t count) {
  const auto sent = clinic.Outbox("?state=sent");
  return sent.size() == count;
}

TEST(RemindersServe, WithoutAMailServerRemindersWaitVisibleInTheOutbox) {
  TempDir directory;
  ReminderClinic clinic(directory, {});
  clinic.PrepareClient(1);
  const std::string key = clinic.Remind(1, "email");
  const auto outbox = clinic.Call("GET", "/api/v1/clients/1/reminders", "", 200)["items"];
  ASSERT_EQ(outbox.size(), 1u);
  EXPECT_EQ(outbox[0]["message_id"], key);
  EXPECT_EQ(outbox[0]["state"], "queued");
  EXPECT_EQ(outbox[0]["recipient"], "client-1@example.org");
  EXPECT_FALSE(outbox[0].contains("link"));  // it may hold a single-use token
  // No consent, no reminder: 409 naming the channel, nothing queued.
  clinic.Call(
      "PUT", "/api/v1/clients/1/reminder-contact",
      R"({"expected_version":1,"email":"client-1@example.org","email_consent":false,"sms_consent":false})",
      200);
  const json refused =
      clinic.Call("POST", "/api/v1/clients/1/reminders", R"({"channel":"email"})", 409);
  EXPECT_NE(refused.dump().find("channel"), std::string::npos) << refused;
  EXPECT_EQ(clinic.Outbox().size(), 1u);
  // A client without an account gets no sign-in reminder.
  clinic.Call(
      "PUT", "/api/v1/clients/2/reminder-contact",
      R"({"expected_version":0,"email":"two@example.org","email_consent":true,"sms_consent":false})",
      200);
  clinic.Call("POST", "/api/v1/clients/2/reminders", R"({"channel":"email"})", 409);
}

TEST(RemindersServe, MailServerDownThenUpEveryReminderArrivesExactlyOnce) {
  TempDir directory;
  const int sink_port = FreePort();
  ReminderClinic clinic(directory, SmtpSettings(sink_port));
  std::set<std::string> keys;
  for (int client = 1; client <= 3; ++client) {
    clinic.PrepareClient(client);
    keys.insert(clinic.Remind(client, "email"));
  }
  // Nothing listens: every reminder fails, is retried with back-off, and says why.
  ASSERT_TRUE(Eventually([&] {
    const auto waiting = clinic.Outbox("?state=failed_retrying");
    return waiting.size() == 3 && std::all_of(waiting.begin(), waiting.end(), [](const json& m) {
             return m["attempts"].get<int>() >= 2 && !m["last_error"].get<std::string>().empty();
           });
  })) << json(clinic.Outbox()).dump();
  const auto sink = StartSmtpSink(directory, sink_port);
  ASSERT_TRUE(Eventually([&] { return AllSent(clinic, 3); })) << json(clinic.Outbox()).dump();
  const auto arrivals = ArrivalsByKey(directory);
  EXPECT_EQ(arrivals.size(), 3u);
  for (const std::string& key : keys)
    EXPECT_EQ(arrivals.count(key) ? arrivals.at(key) : 0, 1) << key;
  for (const json& line : JsonLines(directory.File("sink.jsonl"))) {
    EXPECT_EQ(line["subject"], "You have a questionnaire from your therapist");
    EXPECT_EQ(line["link"], "https://tessera.clinic.example/sign-in");
  }
}

// The lead clinician's risk notification by email (issue 15): an admin gives staff accounts an
// address; a client's own PHQ-9 endorsing item 9 notifies the client's lead in the app and, through
// the outbox, by one email that names neither the client nor anything clinical.
class RiskEmail {
 public:
  explicit RiskEmail(ReminderClinic& clinic) : clinic_(clinic) {
    // Kept in a variable: a range-for over part of a temporary would read a destroyed object.
    const json users = clinic.Call("GET", "/api/v1/users?limit=200", "", 200);
    for (const json& user : users["items"])
      ids_[user["username"].get<std::string>()] = user["id"].get<std::int64_t>();
    ana_ = clinic.Token("demo-ana");
    for (const auto& [client, session] : SubmissionTargets(clinic.port(), ana_, 3)) {
      const json team =
          clinic.Call("GET", "/api/v1/clients/" + std::to_string(client) + "/care-team", "", 200);
      for (const json& member : team["items"])
        if (member["role"] == "lead" && member["user_id"] == ids_.at("demo-ana") && client_ == 0)
          std::tie(client_, session_) = std::pair(client, session);
    }
  }
  std::int64_t Id(const std::string& username) const { return ids_.at(username); }
  std::int64_t client() const { return client_; }
  std::string ClientName() {
    return clinic_.Call("GET", "/api/v1/clients/" + std::to_string(client_), "", 200)
        .at("identifiers")
        .at("name")
        .get<std::string>();
  }
  // The client's own account submits a PHQ-9 with item 9 endorsed; returns the receipt.
  json ClientEndorsesRisk() {
    const json account =
        clinic_.Call("POST", "/api/v1/users", R"({"username":"client-own","role":"client"})", 201);
    clinic_.Call(
        "POST",
        "/api/v1/users/" + std::to_string(account["id"].get<std::int64_t>()) + "/client-link",
        json{{"client_id", client_}}.dump(), 200);
    const std::string token =
        BearerToken(clinic_.port(), "client-own", account["password"].get<std::string>());
    const HttpReply reply = Authorized(
        clinic_.port(), token, "POST",
        "/api/v1/clients/" + std::to_string(client_) + "/sessions/" + std::to_string(session_) +
            "/measures",
        R"({"instrument":"phq9","answers":{"1":2,"2":2,"3":1,"4":1,"5":1,"6":1,"7":1,"8":1,"9":2}})");
    EXPECT_EQ(reply.status, 201) << reply.body;
    return json::parse(reply.body, nullptr, false);
  }
  std::size_t UnreadNotifications() {
    const HttpReply reply =
        Authorized(clinic_.port(), ana_, "GET", "/api/v1/notifications?unread=true", "");
    return json::parse(reply.body, nullptr, false)["items"].size();
  }

 private:
  ReminderClinic& clinic_;
  std::map<std::string, std::int64_t> ids_;
  std::string ana_;
  std::int64_t client_ = 0;
  std::int64_t session_ = 0;
};

std::vector<json> AttentionEmails(ReminderClinic& clinic, const std::string& query = "") {
  std::vector<json> found;
  for (const json& message : clinic.Outbox(query))
    if (message["template"] == "staff_attention") found.push_back(message);
  return found;
}

TEST(RemindersServe,
     AClientsRiskEndorsementEmailsTheLeadClinicianExactlyOnceAndSaysNothingClinical) {
  TempDir directory;
  const int sink_port = FreePort();
  ReminderClinic clinic(directory, SmtpSettings(sink_port));  // the mail server is down at first
  RiskEmail scenario(clinic);
  ASSERT_NE(scenario.client(), 0) << "demo-ana leads none of the demo clients";
  const std::string ana = "/api/v1/users/" + std::to_string(scenario.Id("demo-ana"));
  // An admin sets staff addresses; a bad one is refused naming the field, and changes nothing.
  const json bad = clinic.Call("PUT", ana + "/email", R"({"email":"ana at clinic"})", 400);
  EXPECT_NE(bad.dump().find("email"), std::string::npos) << bad;
  const json set = clinic.Call("PUT", ana + "/email", R"({"email":"ana@riverside.example"})", 200);
  EXPECT_EQ(set["email"], "ana@riverside.example");
  EXPECT_EQ(set["username"], "demo-ana");
  clinic.Call("PUT", "/api/v1/users/" + std::to_string(scenario.Id("demo-ben")) + "/email",
              R"({"email":"ben@riverside.example"})", 200);
  const json created = clinic.Call(
      "POST", "/api/v1/users",
      R"({"username":"new-clinician","role":"clinician","email":"new@riverside.example"})", 201);
  EXPECT_EQ(created["email"], "new@riverside.example");
  const json users = clinic.Call("GET", "/api/v1/users?limit=200", "", 200);
  for (const json& user : users["items"]) {
    if (user["username"] == "demo-ana") {
      EXPECT_EQ(user["email"], "ana@riverside.example");
    }
    if (user["username"] == "new-clinician") {
      EXPECT_EQ(user["email"], "new@riverside.example");
    }
  }

  const json receipt = scenario.ClientEndorsesRisk();
  EXPECT_EQ(receipt["crisis"]["clinician_notified"], true) << receipt.dump();
  EXPECT_EQ(scenario.UnreadNotifications(), 1u);
  // One email, to the lead only, retried while the mail server is down.
  ASSERT_TRUE(Eventually([&] {
    const auto waiting = AttentionEmails(clinic, "?state=failed_retrying");
    return waiting.size() == 1 && waiting[0]["attempts"].get<int>() >= 2;
  })) << json(clinic.Outbox()).dump();
  const auto queued = AttentionEmails(clinic);
  ASSERT_EQ(queued.size(), 1u);
  EXPECT_EQ(queued[0]["recipient"], "ana@riverside.example");
  const auto sink = StartSmtpSink(directory, sink_port);
  ASSERT_TRUE(Eventually([&] { return AttentionEmails(clinic, "?state=sent").size() == 1; }))
      << json(clinic.Outbox()).dump();
  const auto lines = JsonLines(directory.File("sink.jsonl"));
  ASSERT_EQ(lines.size(), 1u);
  const json& mail = lines[0];
  EXPECT_EQ(mail["to"], json({"ana@riverside.example"}));
  EXPECT_EQ(mail["subject"], "A client needs your attention in tessera");
  EXPECT_EQ(mail["link"], "https://tessera.clinic.example/alerts");
  const std::string text = mail["subject"].get<std::string>() + mail["body"].get<std::string>();
  const std::string name = scenario.ClientName();
  ASSERT_FALSE(name.empty());
  EXPECT_EQ(text.find(name), std::string::npos) << text;
  for (const char* clinical : {"PHQ", "phq", "risk", "suicid", "harm", "item", "score"})
    EXPECT_EQ(text.find(clinical), std::string::npos) << clinical << " in " << text;
  EXPECT_EQ(ArrivalsByKey(directory).at(queued[0]["message_id"].get<std::string>()), 1);
}

TEST(RemindersServe, WithoutAMailServerTheRiskNotificationStillArrivesInTheAppAndTheEmailWaits) {
  TempDir directory;
  ReminderClinic clinic(directory, {});
  RiskEmail scenario(clinic);
  ASSERT_NE(scenario.client(), 0) << "demo-ana leads none of the demo clients";
  clinic.Call("PUT", "/api/v1/users/" + std::to_string(scenario.Id("demo-ana")) + "/email",
              R"({"email":"ana@riverside.example"})", 200);
  const json receipt = scenario.ClientEndorsesRisk();
  EXPECT_EQ(receipt["crisis"]["clinician_notified"], true) << receipt.dump();
  EXPECT_EQ(scenario.UnreadNotifications(), 1u);
  const auto waiting = AttentionEmails(clinic);
  ASSERT_EQ(waiting.size(), 1u);
  EXPECT_EQ(waiting[0]["state"], "queued");
  EXPECT_EQ(waiting[0]["attempts"], 0);
}

TEST(RemindersServe, ServerKilledMidSendLosesNoneAndTheSinkDropsTheRepeatByMessageId) {
  TempDir directory;
  const int sink_port = FreePort();
  const auto sink = StartSmtpSink(directory, sink_port, /*hold_at=*/2);
  auto clinic = std::make_unique<ReminderClinic>(directory, SmtpSettings(sink_port));
  std::set<std::string> keys;
  for (int client = 1; client <= 3; ++client) clinic->PrepareClient(client);
  for (int client = 1; client <= 3; ++client) keys.insert(clinic->Remind(client, "email"));
  // The sink holds its answer to the second message: the server is in the middle of sending.
  ASSERT_TRUE(Eventually([&] { return JsonLines(directory.File("sink.jsonl")).size() == 2; }));
  clinic->Kill();
  WriteFile(directory.File("release"), "go\n");
  clinic->Start();
  // The claim in flight at the crash is claimed again when its lease runs out.
  ASSERT_TRUE(Eventually([&] { return AllSent(*clinic, 3); })) << json(clinic->Outbox()).dump();
  const auto arrivals = ArrivalsByKey(directory);
  // None lost: every key arrived. The message in flight may have arrived twice (the sink had
  // it before the crash; the server could not know), always with the same Message-ID, so the
  // sink keeps one: de-duplicated by Message-ID, each reminder exactly once.
  EXPECT_EQ(arrivals.size(), 3u);
  int repeated = 0;
  for (const std::string& key : keys) {
    ASSERT_TRUE(arrivals.count(key)) << key;
    EXPECT_LE(arrivals.at(key), 2) << key;
    repeated += arrivals.at(key) - 1;
  }
  EXPECT_LE(repeated, 1) << "only the message in flight at the crash can be repeated";
}

TEST(RemindersServe, TextMessagesGoThroughTheWebhookWithRetriesAndOneIdempotencyKey) {
  TempDir directory;
  Helper receiver({kScripts + "webhook_receiver.py", "--port-file", directory.File("port"), "--log",
                   directory.File("webhook.jsonl"), "--fail-first", "1"},
                  directory.File("webhook.out"));
  ASSERT_TRUE(Eventually([&] { return !ReadFile(directory.File("port")).empty(); }));
  WriteFile(directory.File("token"), "gateway-secret-token\n");
  ReminderClinic clinic(directory,
                        {{"TESSERA_REMINDERS_SMS_WEBHOOK_URL",
                          "http://127.0.0.1:" + ReadFile(directory.File("port")) + "/messages"},
                         {"TESSERA_REMINDERS_SMS_WEBHOOK_TOKEN_FILE", directory.File("token")},
                         {"TESSERA_REMINDERS_RETRY_INITIAL_MILLISECONDS", "100"},
                         {"TESSERA_REMINDERS_POLL_MILLISECONDS", "50"}});
  clinic.PrepareClient(1);
  const std::string key = clinic.Remind(1, "sms");
  ASSERT_TRUE(Eventually([&] { return AllSent(clinic, 1); })) << json(clinic.Outbox()).dump();
  const auto requests = JsonLines(directory.File("webhook.jsonl"));
  ASSERT_EQ(requests.size(), 2u);  // a 503, then the retry that worked
  for (const json& request : requests) {
    EXPECT_EQ(request["idempotency_key"], key);
    EXPECT_EQ(request["authorization"], "Bearer gateway-secret-token");
    EXPECT_EQ(request["body"]["to"], "+447700900121");
    EXPECT_EQ(
        request["body"]["text"],
        "You have a questionnaire from your therapist: https://tessera.clinic.example/sign-in");
  }
  EXPECT_EQ(requests[1]["status"], 200);
  EXPECT_EQ(ReadFile(directory.File("server.log")).find("gateway-secret-token"), std::string::npos);
}

// The fixture leak (issue 18): a test that aborts (as ServerProcess does when the server never
// starts) or is killed (ctest's time-out) leaves no helper behind to hold ctest's pipe.
void ReceiverThenDie(const TempDir& directory, int signal_number) {
  Helper receiver({kScripts + "webhook_receiver.py", "--port-file", directory.File("port"), "--log",
                   directory.File("webhook.jsonl")},
                  directory.File("webhook.out"));
  if (!Eventually([&] { return !ReadFile(directory.File("port")).empty(); })) std::exit(3);
  raise(signal_number);
}

bool NothingListensOn(int port) {
  return Eventually([&] { return SendRequest(port, "GET", "/").status == 0; });
}

TEST(RemindersServeFixture, AnAbortedTestLeavesNoHelperRunning) {
  TempDir directory;
  EXPECT_EXIT(ReceiverThenDie(directory, SIGABRT), ::testing::KilledBySignal(SIGABRT), "");
  const std::string port = ReadFile(directory.File("port"));
  ASSERT_FALSE(port.empty());
  EXPECT_TRUE(NothingListensOn(std::stoi(port)));
}

TEST(RemindersServeFixture, AKilledTestLeavesNoHelperRunning) {
  TempDir directory;
  EXPECT_EXIT(ReceiverThenDie(directory, SIGKILL), ::testing::KilledBySignal(SIGKILL), "");
  const std::string port = ReadFile(directory.File("port"));
  ASSERT_FALSE(port.empty());
  EXPECT_TRUE(NothingListensOn(std::stoi(port)));
}

}  // namespace
}  // namespace tessera::testing
