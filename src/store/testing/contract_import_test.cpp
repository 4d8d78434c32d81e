// The store contract, part 4: import (whole-file validation, all or nothing) and export
// (the whole record set, never psychotherapy notes).

#include <nlohmann/json.hpp>

#include <fstream>
#include <functional>
#include <sstream>

#include "store/exchange/import_document.hpp"
#include "store/testing/store_fixture.hpp"

namespace tessera::store::testing {
namespace {

using nlohmann::json;

json Sample() {
  std::ifstream file(std::string(TESSERA_SOURCE_DIR) + "/tests/store/data/sample_import.json");
  std::stringstream text;
  text << file.rdbuf();
  return json::parse(text.str());
}

TEST_P(StoreContract, ImportsTheSampleAndExportsItWithoutPsychotherapyNotes) {
  auto document = ParseImport(Sample().dump());
  ASSERT_TRUE(document) << document.error().message();
  // The sample's psychotherapy note is ana's: it can be sealed only once her key exists.
  const std::string before = Fingerprint();
  auto keyless = ImportRecords(store(), admin(), *document);
  ASSERT_FALSE(keyless);
  EXPECT_EQ(keyless.error().code(), ErrorCode::kConflict);
  EXPECT_EQ(Fingerprint(), before);
  const UnlockedNoteKey ana_key = GiveNoteKey(ana());
  auto summary = ImportRecords(store(), admin(), *document);
  ASSERT_TRUE(summary) << summary.error().message();
  EXPECT_EQ(summary->clients, 1u);
  EXPECT_EQ(summary->therapists, 1u);
  const ClientId client = summary->client_ids.at(0);

  auto exported = ExportClient(store(), ana(), client);
  ASSERT_TRUE(exported) << exported.error().message();
  EXPECT_EQ(exported->find("PSYCHO-CANARY-7f3a"), std::string::npos);
  EXPECT_EQ(exported->find("psychotherapy"), std::string::npos);
  const json record = json::parse(*exported)["clients"][0];
  EXPECT_EQ(record["identifiers"]["name"], "Dana Fictional");
  EXPECT_EQ(record["care_team"].size(), 2u);
  // The whole history: the amended session and note are there, each naming what it replaced.
  ASSERT_EQ(record["sessions"].size(), 3u);
  EXPECT_EQ(record["sessions"][2]["supersedes"], record["sessions"][1]["ref"]);
  EXPECT_EQ(record["sessions"][2]["attendance"], "cancelled_by_client");
  ASSERT_EQ(record["progress_notes"].size(), 2u);
  EXPECT_EQ(record["progress_notes"][1]["supersedes"], record["progress_notes"][0]["ref"]);
  EXPECT_EQ(store().ListSessions(ana(), client, Versions::kCurrentOnly)->size(), 2u);
  EXPECT_EQ(store().ListProgressNotes(ana(), client, Versions::kCurrentOnly)->size(), 1u);
  EXPECT_EQ(record["sessions"][0]["techniques"][0]["helpfulness"], 7);
  EXPECT_TRUE(record["sessions"][0]["techniques"][1]["helpfulness"].is_null());
  EXPECT_TRUE(record["administrations"][0]["answers"][1]["value"].is_null());
  EXPECT_EQ(record["administrations"][0]["flags"][0], "risk_item_endorsed");
  EXPECT_EQ(record["alerts"][0]["handlings"][0]["by"], "ana");
  const json& versions = record["plans"][0]["versions"];
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[1]["sign_offs"].size(), 2u);
  EXPECT_EQ(versions[1]["prompted_by"]["alert"], record["alerts"][0]["ref"]);
  EXPECT_EQ(versions[1]["prompted_by"]["client_feedback"], "the worksheets felt like school");
  EXPECT_EQ(versions[1]["content"]["imported"][0], "defusion");
  EXPECT_EQ(record["consultation_threads"][0]["messages"][1]["author"], "ben");
  EXPECT_EQ(store().GetTherapist(ana(), TherapistId("t-ana"))->competencies.size(), 2u);
  // The psychotherapy note arrived, for its author only.
  EXPECT_EQ(store().ListMyPsychotherapyNotes(ana(), client, ana_key.get())->size(), 1u);
  EXPECT_TRUE(store().ListMyPsychotherapyNotes(ben(), client, ana_key.get())->empty());

  // An export is itself a valid import file: it can be loaded into another store.
  auto again = ParseImport(*exported);
  ASSERT_TRUE(again) << again.error().message();
  auto reimported = ImportRecords(store(), admin(), *again);
  ASSERT_TRUE(reimported) << reimported.error().message();
  auto second = ExportClient(store(), ana(), reimported->client_ids.at(0));
  ASSERT_TRUE(second);
  json first_record = record, second_record = json::parse(*second)["clients"][0];
  EXPECT_EQ(first_record["plans"][0]["versions"].size(),
            second_record["plans"][0]["versions"].size());
  EXPECT_EQ(first_record["profile"], second_record["profile"]);
  EXPECT_EQ(first_record["administrations"][0]["answers"],
            second_record["administrations"][0]["answers"]);
  EXPECT_EQ(second_record["sessions"].size(), 3u);
  EXPECT_EQ(second_record["sessions"][2]["supersedes"], second_record["sessions"][1]["ref"]);
}

struct BadImport {
  const char* name;
  std::function<void(json&)> change;
  const char* message;  // must appear in the error
};

TEST_P(StoreContract, BadImportsAreRefusedNamingTheProblemAndChangeNothing) {
  const BadImport cases[] = {
      {"unknown field", [](json& j) { j["clients"][0]["sessions"][0]["colour"] = "red"; },
       "clients[0].sessions[0].colour: unknown field"},
      {"unknown top-level field", [](json& j) { j["patients"] = json::array(); },
       "patients: unknown field"},
      {"wrong type", [](json& j) { j["clients"][0]["sessions"][0]["date"] = 20260112; },
       "clients[0].sessions[0].date: expected a string"},
      {"not a date", [](json& j) { j["clients"][0]["sessions"][0]["date"] = "2026-02-30"; },
       "clients[0].sessions[0].date: expected a date YYYY-MM-DD"},
      {"list is an object", [](json& j) { j["clients"][0]["episodes"] = json::object(); },
       "clients[0].episodes: expected an array"},
      {"missing reference", [](json& j) { j["clients"][0]["sessions"][1]["episode"] = "e9"; },
       "clients[0].sessions[1].episode: no episode with ref \"e9\""},
      {"missing prompt reference",
       [](json& j) { j["clients"][0]["plans"][0]["versions"][1]["prompted_by"]["alert"] = "al7"; },
       "prompted_by.alert: no alert with ref \"al7\""},
      {"unknown attendance",
       [](json& j) { j["clients"][0]["sessions"][0]["attendance"] = "maybe"; },
       "clients[0].sessions[0].attendance: attendance \"maybe\" is not one of"},
      {"rating out of range",
       [](json& j) { j["clients"][0]["sessions"][0]["techniques"][0]["helpfulness"] = 11; },
       "helpfulness: 11 is out of range 0..10"},
      {"missing answer value",
       [](json& j) { j["clients"][0]["administrations"][0]["answers"][0].erase("value"); },
       "answers[0].value: required"},
      {"bad timestamp",
       [](json& j) { j["clients"][0]["administrations"][0]["administered_at"] = "yesterday"; },
       "administered_at: must be a UTC time"},
      {"duplicate ref", [](json& j) { j["clients"][0]["sessions"][1]["ref"] = "s1"; },
       "\"s1\" is used twice"},
      {"amends a later record",
       [](json& j) { j["clients"][0]["sessions"][0]["supersedes"] = "s1"; },
       "clients[0].sessions[0].supersedes: must name an earlier session"},
      {"amends a record twice",
       [](json& j) {
         j["clients"][0]["sessions"][1]["supersedes"] = "s1";
         j["clients"][0]["sessions"][2]["supersedes"] = "s1";
       },
       "session 1 was already amended"},
      {"unknown schedule frequency",
       [](json& j) {
         j["clients"][0]["episodes"][0]["schedule"] = {
             {"instruments", {{{"instrument", "phq9"}, {"frequency", "weekly"}}}}};
       },
       "clients[0].episodes[0].schedule.instruments[0].frequency: 'weekly' is not one of: "},
      {"sharing not a boolean",
       [](json& j) { j["clients"][0]["episodes"][0]["progress_shared"] = "yes"; },
       "clients[0].episodes[0].progress_shared: must be true or false"},
      {"wrong format", [](json& j) { j["format"] = "csv"; }, "format: must be \"tessera-records\""},
      {"missing account", [](json& j) { j["clients"][0]["care_team"][1]["user"] = "zed"; },
       "clients[0].care_team[1]: no account named \"zed\""},
      {"author not on the team",
       [](json& j) { j["clients"][0]["progress_notes"][0]["author"] = "admin"; },
       "clients[0].progress_notes[0]: \"admin\" is not on this client's care_team"},
      {"admin on a care team", [](json& j) { j["clients"][0]["care_team"][1]["user"] = "admin"; },
       "is a admin account, not a clinician"},
      // Fails only while writing (the second client's therapist id is taken by the first):
      // everything already written in the transaction is rolled back.
      {"fails part-way", [](json& j) { j["therapists"].push_back(j["therapists"][0]); },
       "therapists[1]: therapist \"t-ana\" already exists"},
  };
  const std::string fingerprint = Fingerprint();
  for (const BadImport& bad : cases) {
    json file = Sample();
    bad.change(file);
    auto document = ParseImport(file.dump());
    Result<ImportSummary> outcome =
        document ? ImportRecords(store(), admin(), *document) : Propagate(document.error());
    ASSERT_FALSE(outcome) << bad.name;
    EXPECT_NE(outcome.error().message().find(bad.message), std::string::npos)
        << bad.name << ": " << outcome.error().message();
    EXPECT_EQ(Fingerprint(), fingerprint) << bad.name;
  }
  auto malformed = ParseImport(R"({"format": "tessera-records", "clients": [)");
  ASSERT_FALSE(malformed);
  EXPECT_NE(malformed.error().message().find("malformed JSON at byte"), std::string::npos);
  auto twice = ParseImport(R"({"format": "tessera-records", "clients": [{"name": 1, "name": 2}]})");
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().message(),
            "clients[0].name: appears twice; each member name may appear once");
  EXPECT_TRUE(store().VerifyAudit()->intact());
}

// Issue 18: an episode's own measurement schedule and its progress sharing go out with the
// export and come back with the import; an episode without them follows the default, unshared.
TEST_P(StoreContract, SchedulesAndProgressSharingRoundTripThroughExportAndImport) {
  json file = Sample();
  file["clients"][0].erase("psychotherapy_notes");
  const json schedule = {
      {"instruments",
       {{{"instrument", "phq9"}, {"frequency", "every_session"}},
        {{"instrument", "pcl5"}, {"frequency", "intake_and_every"}, {"every", 4}},
        {{"instrument", "wai-sr"}, {"frequency", "every_session"}, {"timing", "end_of_session"}}}},
      {"planned_sessions", 12}};
  file["clients"][0]["episodes"][0]["schedule"] = schedule;
  file["clients"][0]["episodes"][0]["progress_shared"] = true;
  auto document = ParseImport(file.dump());
  ASSERT_TRUE(document) << document.error().message();
  auto summary = ImportRecords(store(), admin(), *document);
  ASSERT_TRUE(summary) << summary.error().message();
  const ClientId client = summary->client_ids.at(0);
  const std::vector<Episode> episodes = *store().ListEpisodes(ana(), client);
  ASSERT_FALSE(episodes.empty());
  auto stored = store().GetSchedule(ana(), client, episodes[0].id);
  ASSERT_TRUE(stored && stored->has_value());
  EXPECT_EQ(json::parse((*stored)->document), schedule);
  EXPECT_TRUE(store().GetProgressSharing(ana(), client, episodes[0].id)->shared);

  auto exported = ExportClient(store(), ana(), client);
  ASSERT_TRUE(exported) << exported.error().message();
  const json record = json::parse(*exported)["clients"][0];
  EXPECT_EQ(record["episodes"][0]["schedule"], schedule);
  EXPECT_EQ(record["episodes"][0]["progress_shared"], true);
  for (std::size_t episode_idx = 1; episode_idx < record["episodes"].size(); ++episode_idx) {
    EXPECT_FALSE(record["episodes"][episode_idx].contains("schedule"));
    EXPECT_FALSE(record["episodes"][episode_idx].contains("progress_shared"));
  }
  // And back again into the same store, unchanged.
  auto again = ImportRecords(store(), admin(), *ParseImport(*exported));
  ASSERT_TRUE(again) << again.error().message();
  const json second =
      json::parse(*ExportClient(store(), ana(), again->client_ids.at(0)))["clients"][0];
  EXPECT_EQ(second["episodes"][0]["schedule"], schedule);
  EXPECT_EQ(second["episodes"][0]["progress_shared"], true);
}

TEST_P(StoreContract, OnlyAdminsImport) {
  auto document = ParseImport(Sample().dump());
  ASSERT_TRUE(document);
  const std::string records = RecordsFingerprint();
  auto refused = ImportRecords(store(), ana(), *document);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(RecordsFingerprint(), records);
  EXPECT_EQ(LastAuditEntry().action, AuditAction::kDeny);
  EXPECT_EQ(LastAuditEntry().record_id, "import records");
}

}  // namespace
}  // namespace tessera::store::testing
