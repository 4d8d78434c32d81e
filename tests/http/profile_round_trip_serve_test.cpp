// Black-box: one client-profile document (docs/schemas/client-profile.schema.json) for the
// HTTP API, `tessera plan --profile`, `match`, `monitor --episode`, import and export. The profile
// the server stores (GET after PUT) is planned from and imported unchanged, an exported profile is
// accepted by PUT, and a bad value is refused naming the field path and the rule on both the CLI
// and HTTP.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "http/clinical_serve_support.hpp"

namespace tessera::testing {
namespace {

using nlohmann::json;

const char* kProfile = R"({
  "problems": [{"problem": "depression", "severity": "moderate"}],
  "traits": {"coping_style": "internalizing", "reactance": "high", "distress": "high"},
  "stage_of_change": "contemplation",
  "preferences": {"directiveness": -2, "emotional_intensity": 1, "past_orientation": 2,
                  "challenge": -1, "session_time": "evenings"},
  "goals": ["feel less alone", "go back to work"],
  "risks": ["suicidality:none"]
})";

class ProfileRoundTrip : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    directory_ = new TempDir();
    output_ = new std::string(LoadDemoPractice(directory_->File("practice.db"), 2));
  }
  static void TearDownTestSuite() {
    delete output_;
    delete directory_;
  }

  void SetUp() override {
    server_ =
        std::make_unique<ServerProcess>(ServeArguments(directory_->File("practice.db")),
                                        ServerTestEnvironment(), directory_->File("server.log"));
    token_ = BearerToken(server_->port(), "demo-ana", PasswordIn(*output_, "demo-ana"));
    ASSERT_FALSE(token_.empty());
    const auto targets = SubmissionTargets(server_->port(), token_, 2);
    ASSERT_FALSE(targets.empty());
    client_ = "/api/v1/clients/" + std::to_string(targets.front().first) + "/profile";
  }

  json Get() {
    const HttpReply reply = Authorized(server_->port(), token_, "GET", client_);
    EXPECT_EQ(reply.status, 200) << reply.body;
    return json::parse(reply.body, nullptr, false);
  }
  HttpReply Put(const json& profile) {
    const json body = {{"expected_version", Get()["profile_version"]}, {"profile", profile}};
    return Authorized(server_->port(), token_, "PUT", client_, body.dump());
  }

  // A records database with admin and ana, for import and export.
  std::string RecordsDb() {
    const std::string db = directory_->File("records.db");
    EXPECT_EQ(RunTessera({"db", "init", "--db", db}).exit_code, 0);
    for (const char* name : {"admin", "ana"}) {
      CommandOptions options;
      options.stdin_text = "correct horse battery\n";
      const CommandOutcome added = RunTessera(
          {"user", "add", name, "--role", std::string(name) == "admin" ? "admin" : "clinician",
           "--as", "admin", "--db", db},
          options);
      EXPECT_EQ(added.exit_code, 0) << added.err;
    }
    return db;
  }

  static TempDir* directory_;
  static std::string* output_;
  std::unique_ptr<ServerProcess> server_;
  std::string token_;
  std::string client_;
};
TempDir* ProfileRoundTrip::directory_ = nullptr;
std::string* ProfileRoundTrip::output_ = nullptr;

TEST_F(ProfileRoundTrip, TheStoredProfileIsPlannedFromAndImportedUnchanged) {
  const HttpReply put = Put(json::parse(kProfile));
  ASSERT_EQ(put.status, 200) << put.body;
  const json stored = Get()["profile"];
  EXPECT_EQ(stored["preferences"]["directiveness"], -2);  // a number, as it went in
  EXPECT_EQ(stored["preferences"]["session_time"], "evenings");

  const std::string file = directory_->File("stored_profile.json");
  WriteFile(file, stored.dump(2));
  const CommandOutcome plan =
      RunTessera({"plan", "--profile", file, "--strategy", "eclectic", "--sessions", "12"});
  ASSERT_EQ(plan.exit_code, 0) << plan.err;
  EXPECT_FALSE(json::parse(plan.out)["phases"].empty()) << plan.out;
  const std::string therapist = directory_->File("ana.json");
  WriteFile(therapist, R"({"id": "t-ana", "home_model": "cbt",
    "competencies": [{"model": "cbt", "level": "expert"}],
    "style": {"directiveness": -1, "emotional_intensity": 1, "past_orientation": 0, "challenge": 0}})");
  const CommandOutcome match = RunTessera({"match", "--profile", file, "--therapist", therapist});
  EXPECT_EQ(match.exit_code, 0) << match.err;
  // The same document is the profile of a `tessera monitor --episode` file.
  const json episode = {
      {"profile", stored},
      {"sessions",
       {{{"number", 1}, {"measures", {{{"instrument", "phq9"}, {"total", 16}}}}},
        {{"number", 2}, {"attendance", "did_not_attend"}},
        {{"number", 3}, {"measures", {{{"instrument", "phq9"}, {"total", 12}}}}}}}};
  WriteFile(directory_->File("episode.json"), episode.dump());
  const CommandOutcome monitored =
      RunTessera({"monitor", "--episode", directory_->File("episode.json")});
  ASSERT_EQ(monitored.exit_code, 0) << monitored.err;
  const json report = json::parse(monitored.out);
  ASSERT_EQ(report["sessions"].size(), 3u) << monitored.out;
  EXPECT_EQ(report["sessions"][1]["attended"], false);

  const std::string db = RecordsDb();
  const json document = {{"format", "tessera-records"},
                         {"version", 1},
                         {"clients",
                          {{{"ref", "c1"},
                            {"identifiers", {{"name", "Round Trip"}}},
                            {"profile", stored},
                            {"care_team", {{{"user", "ana"}, {"role", "lead"}}}}}}}};
  WriteFile(directory_->File("import.json"), document.dump());
  const CommandOutcome imported =
      RunTessera({"import", directory_->File("import.json"), "--as", "admin", "--db", db});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  const CommandOutcome exported = RunTessera({"export", "1", "--as", "ana", "--db", db});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  const json exported_profile = json::parse(exported.out)["clients"][0]["profile"];
  EXPECT_EQ(exported_profile, stored);

  // The exported profile goes back through PUT unchanged.
  json changed = exported_profile;
  changed["goals"].push_back("sleep");
  const HttpReply again = Put(changed);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(Get()["profile"], changed);
}

TEST_F(ProfileRoundTrip, PreferencesStoredAsTextAreReadAndWrittenBackAsNumbers) {
  json old = json::parse(kProfile);
  old["preferences"]["directiveness"] = "-2";  // how profiles were stored before
  ASSERT_EQ(Put(old).status, 200);
  EXPECT_EQ(Get()["profile"]["preferences"]["directiveness"], -2);
}

TEST_F(ProfileRoundTrip, AnOutOfRangePreferenceIsRefusedNamingThePathAndRule) {
  json bad = json::parse(kProfile);
  bad["preferences"]["directiveness"] = 5;
  const std::string message = "profile.preferences.directiveness: 5 is out of range -3..3";
  const json before = Get();
  const HttpReply refused = Put(bad);
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_NE(refused.body.find(message), std::string::npos) << refused.body;
  EXPECT_EQ(Get(), before);  // nothing changed

  const std::string file = directory_->File("bad_profile.json");
  WriteFile(file, bad.dump());
  const CommandOutcome plan = RunTessera({"plan", "--profile", file, "--strategy", "eclectic"});
  EXPECT_EQ(plan.exit_code, 2) << plan.err;
  EXPECT_NE(plan.err.find(message), std::string::npos) << plan.err;
}

}  // namespace
}  // namespace tessera::testing
