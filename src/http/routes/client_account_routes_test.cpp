// Client accounts on the clinical routes: a client account linked to one client record
// completes its own questionnaires, lists them, reads its plans and signs a version off as
// the client, and records their own choices among the options it offers; another client's
// objects are the same 404 as missing ones, and every other
// clinical route stays forbidden.
#include <gtest/gtest.h>

#include "http/routes/clinical_test_stack.hpp"

namespace tessera::http {
namespace {

using nlohmann::json;
using testing::ClinicalRoutesTest;

class ClientAccountRoutes : public ClinicalRoutesTest {
 protected:
  void SetUp() override {
    ClinicalRoutesTest::SetUp();
    // cal is the account of ana's client; ben's client has no account.
    ASSERT_TRUE(store().LinkClientAccount(AccessContext::For(users_.at("admin")), users_.at("cal"),
                                          client_));
  }

  static std::string Measures(ClientId client, SessionId session) {
    return ClientPath(client) + "/sessions/" + std::to_string(session.value()) + "/measures";
  }
  static std::string ClientPath(ClientId client) {
    return "/api/v1/clients/" + std::to_string(client.value());
  }
  static std::string Phq9(int item9) {
    json answers;
    for (int item = 1; item <= 8; ++item) answers[std::to_string(item)] = 1;
    answers["9"] = item9;
    return json{{"instrument", "phq9"}, {"answers", answers}}.dump();
  }
  // A plan made by the client's clinician; returns its path.
  std::string MakePlan(const std::string& clinician, ClientId client, EpisodeId episode) {
    const Response created =
        Call(clinician, Method::kPost, ClientPath(client) + "/plans",
             json{{"episode_id", episode.value()}, {"strategy", "sequential"}}.dump());
    EXPECT_EQ(created.status, 201) << created.body;
    return "/api/v1/plans/" + std::to_string(BodyOf(created)["id"].get<std::int64_t>());
  }
};

TEST_F(ClientAccountRoutes, ClientCompletesTheirOwnQuestionnaireAndGetsOnlyTheReceipt) {
  const Response submitted = Call("cal", Method::kPost, Measures(client_, session_), Phq9(1));
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  const json receipt = BodyOf(submitted);
  EXPECT_EQ(receipt["total"], 9);
  EXPECT_EQ(receipt["band"], "mild");
  // The monitor's status, alerts and proposals are for the clinician.
  EXPECT_FALSE(receipt.contains("monitoring")) << receipt.dump();
  EXPECT_FALSE(receipt.contains("alerts")) << receipt.dump();

  // Stored with its item answers, raised the risk flag for the care team, listed for both.
  const json own = BodyOf(Call("cal", Method::kGet, ClientPath(client_) + "/measures"));
  ASSERT_EQ(own["items"].size(), 1u);
  EXPECT_EQ(own["items"][0]["id"], receipt["administration_id"]);
  EXPECT_EQ(own["items"][0]["answers"].size(), 9u);
  const json alerts = BodyOf(Call("ana", Method::kGet, "/api/v1/alerts"));
  ASSERT_EQ(alerts["items"].size(), 1u);
  EXPECT_EQ(alerts["items"][0]["administration_id"], receipt["administration_id"]);
  // Bad answers: the same 400 naming the item as for staff, nothing stored.
  const Response bad = Call("cal", Method::kPost, Measures(client_, session_),
                            R"({"instrument":"phq9","answers":{"1":7}})");
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(BodyOf(Call("cal", Method::kGet, ClientPath(client_) + "/measures"))["items"].size(),
            1u);
}

TEST_F(ClientAccountRoutes, AnotherClientsObjectsAreTheSame404AsMissingOnes) {
  const std::string bens_plan = MakePlan("ben", bens_client_, [&] {
    // ben's client's episode: the one its session belongs to.
    return store()
        .ListSessions(AccessContext::For(users_.at("ben")), bens_client_, Versions::kCurrentOnly)
        .value()
        .front()
        .episode;
  }());
  const struct {
    Method method;
    std::string other;
    std::string missing;
    std::string body;
  } objects[] = {
      {Method::kGet, ClientPath(bens_client_) + "/measures",
       ClientPath(ClientId(999)) + "/measures", ""},
      {Method::kPost, Measures(bens_client_, bens_session_), Measures(ClientId(999), session_),
       R"({"instrument":"gad7","total":5})"},
      // Own record, but a session of another client's record.
      {Method::kPost, Measures(client_, bens_session_), Measures(client_, SessionId(999)),
       R"({"instrument":"gad7","total":5})"},
      {Method::kGet, ClientPath(bens_client_) + "/plans", ClientPath(ClientId(999)) + "/plans", ""},
      {Method::kGet, bens_plan + "/versions/1", "/api/v1/plans/999/versions/1", ""},
      {Method::kPost, bens_plan + "/sign-offs", "/api/v1/plans/999/sign-offs",
       R"({"version":1,"role":"client"})"},
      {Method::kPost, bens_plan + "/choices", "/api/v1/plans/999/choices",
       R"({"expected_version":1,"choices":{"x":"y"}})"},
  };
  const std::string before = RecordsFingerprint();
  for (const auto& object : objects) {
    SCOPED_TRACE(object.other);
    const Response other = Call("cal", object.method, object.other, object.body);
    const Response missing = Call("cal", object.method, object.missing, object.body);
    EXPECT_EQ(other.status, 404) << other.body;
    EXPECT_EQ(missing.status, 404) << missing.body;
    EXPECT_EQ(BodyOf(other)["error"]["code"], BodyOf(missing)["error"]["code"]);
  }
  EXPECT_EQ(RecordsFingerprint(), before);
}

TEST_F(ClientAccountRoutes, ClientReadsTheirPlanAndSignsItOffOnlyAsClient) {
  const std::string plan = MakePlan("ana", client_, episode_);
  const json listed = BodyOf(Call("cal", Method::kGet, ClientPath(client_) + "/plans"));
  ASSERT_EQ(listed["items"].size(), 1u);
  ASSERT_EQ(listed["items"][0]["current_version"], 1);
  const Response version = Call("cal", Method::kGet, plan + "/versions/1");
  ASSERT_EQ(version.status, 200) << version.body;
  EXPECT_TRUE(BodyOf(version)["content"].contains("phases"));
  // What prompted a version is staff business (alerts, administrations); the client sees only
  // its own feedback there, while staff see the ids.
  EXPECT_EQ(BodyOf(version)["prompted_by"].dump(), json({{"client_feedback", ""}}).dump());
  EXPECT_TRUE(
      BodyOf(Call("ana", Method::kGet, plan + "/versions/1"))["prompted_by"].contains("alert_id"));

  for (const char* role : {"clinician", "supervisor"}) {
    const Response refused = Call("cal", Method::kPost, plan + "/sign-offs",
                                  json{{"version", 1}, {"role", role}}.dump());
    EXPECT_EQ(refused.status, 403) << refused.body;
    EXPECT_NE(BodyOf(refused)["error"]["message"].get<std::string>().find("only as 'client'"),
              std::string::npos);
  }
  const Response signed_off = Call("cal", Method::kPost, plan + "/sign-offs",
                                   json{{"version", 1}, {"role", "client"}}.dump());
  ASSERT_EQ(signed_off.status, 201) << signed_off.body;
  for (const json& shown : BodyOf(signed_off)["versions"])
    EXPECT_FALSE(shown["prompted_by"].contains("alert_id")) << shown.dump();
  const json sign_offs = BodyOf(Call("ana", Method::kGet, plan + "/versions/1"))["sign_offs"];
  ASSERT_EQ(sign_offs.size(), 1u);
  EXPECT_EQ(sign_offs[0]["role"], "client");
  EXPECT_EQ(sign_offs[0]["user_id"], users_.at("cal").value());
  // One account signs a version once; the clinician still signs as clinician.
  EXPECT_EQ(Call("cal", Method::kPost, plan + "/sign-offs",
                 json{{"version", 1}, {"role", "client"}}.dump())
                .status,
            409);
  EXPECT_EQ(Call("ana", Method::kPost, plan + "/sign-offs",
                 json{{"version", 1}, {"role", "clinician"}}.dump())
                .status,
            201);
}

TEST_F(ClientAccountRoutes, ClientRecordsTheirOwnChoicesAmongTheOfferedOptions) {
  const std::string plan = MakePlan("ana", client_, episode_);
  const json first = BodyOf(Call("cal", Method::kGet, plan + "/versions/1"));
  ASSERT_FALSE(first["content"]["offered_options"].empty()) << first.dump();
  const json offered = first["content"]["offered_options"][0];
  const std::string decision = offered["for"];
  const std::string option = offered["options"][0];
  const std::string before = RecordsFingerprint();
  // An option the plan does not offer, and a decision it does not offer: 400, nothing stored.
  for (const json& choices : {json{{decision, "not-an-option"}}, json{{"nope", option}}}) {
    const Response bad = Call("cal", Method::kPost, plan + "/choices",
                              json{{"expected_version", 1}, {"choices", choices}}.dump());
    EXPECT_EQ(bad.status, 400) << bad.body;
  }
  EXPECT_EQ(RecordsFingerprint(), before);
  const Response chosen =
      Call("cal", Method::kPost, plan + "/choices",
           json{{"expected_version", 1}, {"choices", {{decision, option}}}}.dump());
  ASSERT_EQ(chosen.status, 201) << chosen.body;
  const json version = BodyOf(Call("ana", Method::kGet, plan + "/versions/2"));
  EXPECT_EQ(version["content"]["client_choices"][decision], option);
  EXPECT_EQ(version["created_by"], users_.at("cal").value());
  EXPECT_EQ(version["reason"], "the client's choices, recorded by the client");
  // Based on a stale version: 409.
  EXPECT_EQ(Call("cal", Method::kPost, plan + "/choices",
                 json{{"expected_version", 1}, {"choices", {{decision, option}}}}.dump())
                .status,
            409);
}

TEST_F(ClientAccountRoutes, EverythingElseStaysForbiddenForALinkedClient) {
  const std::string plan = MakePlan("ana", client_, episode_);
  const Response submitted = Call("ana", Method::kPost, Measures(client_, session_), Phq9(1));
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  const std::string alert =
      "/api/v1/alerts/" + std::to_string(BodyOf(submitted)["alerts"][0]["id"].get<std::int64_t>());
  const struct {
    Method method;
    std::string target;
    std::string body;
  } forbidden[] = {
      {Method::kPost, ClientPath(client_) + "/plans",
       json{{"episode_id", episode_.value()}}.dump()},
      {Method::kGet, plan, ""},
      {Method::kGet, plan + "/versions", ""},
      {Method::kPost, plan + "/adaptations",
       R"({"expected_version":1,"proposal":{"kind":"x","summary":"y"}})"},
      {Method::kGet, "/api/v1/alerts", ""},
      {Method::kPost, alert + "/acknowledgements", R"({"note":"seen"})"},
      {Method::kPost, alert + "/resolutions", R"({"note":"seen"})"},
      {Method::kPost, "/api/v1/alerts/acknowledgements", R"({"alert_ids":[1],"note":"seen"})"},
      {Method::kGet, "/api/v1/caseload", ""},
      {Method::kGet, "/api/v1/notifications", ""},
      {Method::kGet, "/api/v1/statistics/practice", ""},
      {Method::kGet, "/api/v1/catalog/models", ""},
  };
  const std::string before = RecordsFingerprint();
  for (const auto& call : forbidden) {
    SCOPED_TRACE(call.target);
    EXPECT_EQ(Call("cal", call.method, call.target, call.body).status, 403);
  }
  EXPECT_EQ(RecordsFingerprint(), before);
}

}  // namespace
}  // namespace tessera::http
