// Reminders through the real server binary (issue 18): a local SMTP sink (aiosmtpd) and a local
// webhook receiver, both started here on loopback. Fault tests: the mail server down for a
// while, then up; the server SIGKILLed while a message is in flight. Each checks, by
// Message-ID at the sink, that every reminder arrived and none twice. Nothing waits for a
// fixed time: every wait polls with a generous deadline.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "reminders/reminder_clinic.hpp"

namespace tessera::testing {
namespace {

using nlohmann::json;
using namespace reminders;

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
