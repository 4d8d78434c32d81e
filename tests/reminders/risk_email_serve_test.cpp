// The lead clinician's risk notification by email, through the real server binary and a local
// SMTP sink (issue 15): one email per lead with an address, nothing clinical in it; without a
// mail server it waits in the outbox while the in-app notification arrives.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "reminders/reminder_clinic.hpp"

namespace tessera::testing {
namespace {

using nlohmann::json;
using namespace reminders;

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

}  // namespace
}  // namespace tessera::testing
