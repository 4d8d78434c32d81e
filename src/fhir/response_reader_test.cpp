// A QuestionnaireResponse read into a measure submission: our own linkIds, another
// application's LOINC-coded items (the MII PROMs example's shape), and what is refused.

#include "fhir/response_reader.hpp"

#include <gtest/gtest.h>

#include "fhir/questionnaire_response.hpp"
#include "measures/instrument_library.hpp"

namespace tessera::fhir {
namespace {

using nlohmann::json;

const measures::InstrumentLibrary& Library() {
  static const auto* library = new measures::InstrumentLibrary(
      measures::InstrumentLibrary::LoadDirectory(std::string(TESSERA_DATA_DIR) + "/instruments")
          .value());
  return *library;
}

json Response(json items, std::string questionnaire = "urn:tessera:questionnaire:phq9") {
  return {{"resourceType", "QuestionnaireResponse"},
          {"status", "completed"},
          {"questionnaire", questionnaire},
          {"subject", {{"reference", "Patient/12"}}},
          {"encounter", {{"reference", "Encounter/5"}}},
          {"item", std::move(items)}};
}

json Coded(const std::string& code) {
  return json::array({{{"valueCoding", {{"system", "http://loinc.org"}, {"code", code}}}}});
}

TEST(FhirResponseReader, ReadsOurOwnLinkIdsAndLoincAnswers) {
  json items = json::array();
  for (int item = 1; item <= 9; ++item) {
    items.push_back({{"linkId", std::to_string(item)}, {"answer", Coded("LA6570-1")}});
  }
  const auto request = ReadQuestionnaireResponse(Response(items), Library());
  ASSERT_TRUE(request) << request.error().message();
  EXPECT_EQ(request->client, ClientId(12));
  EXPECT_EQ(request->session, SessionId(5));
  EXPECT_EQ(request->instrument, "phq9");
  ASSERT_TRUE(request->answers);
  EXPECT_EQ(request->answers->size(), 9u);
  EXPECT_EQ(request->answers->at("9"), 2.0);
}

TEST(FhirResponseReader, ReadsAnotherApplicationsLoincCodedItems) {
  // The MII PROMs guide's PHQ-9 linkIds ("PHQ-9.1") with LOINC item codes, a display item,
  // the calculated total item, all inside a group.
  const char* codes[] = {"44250-9", "44255-8", "44259-0", "44254-1", "44251-7",
                         "44258-2", "44252-5", "44253-3", "44260-8"};
  json inner = json::array({{{"linkId", "PHQ-9.Description"}}});
  for (int item = 0; item < 9; ++item) {
    inner.push_back(
        {{"linkId", "PHQ-9." + std::to_string(item + 1)},
         {"code", json::array({{{"system", "http://loinc.org"}, {"code", codes[item]}}})},
         {"answer", Coded(item == 8 ? "LA6569-3" : "LA6568-5")}});
  }
  inner.push_back({{"linkId", "/44261-6"}, {"answer", json::array({{{"valueDecimal", 1}}})}});
  const auto request =
      ReadQuestionnaireResponse(Response(json::array({{{"linkId", "group"}, {"item", inner}}}),
                                         "https://example.org/fhir/Questionnaire/phq9|1.0"),
                                Library());
  ASSERT_TRUE(request) << request.error().message();
  EXPECT_EQ(request->answers->at("1"), 0.0);
  EXPECT_EQ(request->answers->at("9"), 1.0);
}

TEST(FhirResponseReader, RoundTripsWhatTheServerWrites) {
  MeasureAdministration administration;
  administration.id = AdministrationId(345);
  administration.client = ClientId(12);
  administration.session = SessionId(5);
  administration.instrument = InstrumentId("gad7");
  for (int item = 1; item <= 7; ++item) {
    administration.answers.push_back({std::to_string(item), static_cast<double>(item % 4)});
  }
  const json written = QuestionnaireResponseOf(administration, Library().Find("gad7"));
  EXPECT_EQ(written["id"], "12-345");
  const auto request = ReadQuestionnaireResponse(written, Library());
  ASSERT_TRUE(request) << request.error().message();
  for (const auto& answer : administration.answers) {
    EXPECT_EQ(request->answers->at(answer.item), answer.value);
  }
}

TEST(FhirResponseReader, RefusesAResponseThatDoesNotMatchNamingTheItem) {
  struct Case {
    json resource;
    std::string names;
  };
  const Case cases[] = {
      {Response(json::array({{{"linkId", "10"}, {"answer", Coded("LA6568-5")}}})), "item '10'"},
      {Response(json::array({{{"linkId", "3"}, {"answer", Coded("LA6574-3")}}})), "item '3'"},
      {Response(
           json::array({{{"linkId", "3"}, {"answer", json::array({{{"valueString", "x"}}})}}})),
       "item '3'"},
      {Response(json::array(), "urn:tessera:questionnaire:ors"), "questionnaire"},
      {Response(json::array(), "urn:tessera:questionnaire:phq10"), "questionnaire"},
      {json{{"resourceType", "Patient"}}, "resourceType"},
  };
  for (const Case& test : cases) {
    const auto request = ReadQuestionnaireResponse(test.resource, Library());
    ASSERT_FALSE(request) << test.resource.dump();
    EXPECT_EQ(request.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(request.error().message().find(test.names), std::string::npos)
        << request.error().message();
  }
  json no_subject = Response(json::array());
  no_subject.erase("subject");
  EXPECT_NE(ReadQuestionnaireResponse(no_subject, Library()).error().message().find("subject"),
            std::string::npos);
}

}  // namespace
}  // namespace tessera::fhir
