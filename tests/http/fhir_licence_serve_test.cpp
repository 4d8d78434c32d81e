// Black-box, issue 19: instruments whose licence withholds their text (ORS, SRS, WAI-SR) are
// offered as FHIR Questionnaires only when the clinic's settings say it holds their licence
// ([fhir] licensed_instruments, TESSERA_FHIR_LICENSED_INSTRUMENTS); a licence for an instrument
// that needs none is refused at start-up, naming it.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/run_command.hpp"
#include "support/server_process.hpp"

namespace tessera::testing {
namespace {

using nlohmann::json;

HttpReply Get(int port, const std::string& token, const std::string& target) {
  return SendRequest(port, "GET", target, {}, {{"Authorization", "Bearer " + token}});
}

std::string Login(const ServerProcess& server) {
  const HttpReply reply = SendRequest(server.port(), "POST", "/api/v1/login",
                                      json{{"username", "demo-clinician"},
                                           {"password", server.DemoPassword("demo-clinician")},
                                           {"credential", "bearer"}}
                                          .dump());
  EXPECT_EQ(reply.status, 200) << reply.body;
  return json::parse(reply.body, nullptr, false).value("token", "");
}

TEST(FhirLicence, ALicensedInstrumentIsOfferedOnlyWithTheClinicsLicence) {
  TempDir directory;
  auto environment = ServerTestEnvironment();
  environment["TESSERA_FHIR_LICENSED_INSTRUMENTS"] = "ors";
  const ServerProcess server({"--demo-users", "--db", directory.File("clinic.db")}, environment,
                             directory.File("log"));
  const std::string token = Login(server);
  const HttpReply ors = Get(server.port(), token, "/fhir/R4/Questionnaire/ors");
  ASSERT_EQ(ors.status, 200) << ors.body;
  const json questionnaire = json::parse(ors.body);
  EXPECT_NE(questionnaire["copyright"].get<std::string>().find("licence"), std::string::npos);
  for (const json& item : questionnaire["item"]) {
    EXPECT_FALSE(item.contains("text")) << "the licensed wording is the clinic's: " << item.dump();
  }
  // SRS and WAI-SR: no licence in the settings, not offered.
  EXPECT_EQ(Get(server.port(), token, "/fhir/R4/Questionnaire/srs").status, 404);
  EXPECT_EQ(Get(server.port(), token, "/fhir/R4/Questionnaire/wai-sr").status, 404);
  const json search = json::parse(
      Get(server.port(), token, "/fhir/R4/Questionnaire?url=urn%3Atessera%3Aquestionnaire%3Aors")
          .body);
  EXPECT_EQ(search["total"], 1);
}

TEST(FhirLicence, ALicenceForAnInstrumentThatNeedsNoneStopsStartUpNamingIt) {
  TempDir directory;
  CommandOptions options;
  options.environment = ServerTestEnvironment();
  options.environment["TESSERA_FHIR_LICENSED_INSTRUMENTS"] = "ors,phq9";
  const CommandOutcome outcome =
      RunTessera({"serve", "--demo-users", "--db", directory.File("clinic.db")}, options);
  EXPECT_NE(outcome.exit_code, 0);
  EXPECT_NE(outcome.err.find("licensed_instruments"), std::string::npos) << outcome.err;
  EXPECT_NE(outcome.err.find("phq9"), std::string::npos) << outcome.err;
}

}  // namespace
}  // namespace tessera::testing
