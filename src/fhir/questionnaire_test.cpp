// The Questionnaires generated from data/instruments: every offered instrument's items and
// answers, and the PHQ-9 and GAD-7 LOINC codes checked against the German Medical Informatics
// Initiative's PROMs implementation guide (tests/fixtures/fhir/mii-proms-loinc.json, with the
// URL of each source file).

#include "fhir/questionnaire.hpp"

#include <gtest/gtest.h>

#include <fstream>

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

json Fixture() {
  std::ifstream in(std::string(TESSERA_SOURCE_DIR) + "/tests/fixtures/fhir/mii-proms-loinc.json");
  return json::parse(in);
}

std::string LoincOf(const json& codes) {
  for (const json& coding : codes) {
    if (coding["system"] == "http://loinc.org") return coding["code"];
  }
  return "";
}

TEST(FhirQuestionnaire, Phq9AndGad7CarryTheLoincCodesOfTheMiiPromsGuide) {
  const json fixture = Fixture();
  ASSERT_EQ(fixture["instruments"].size(), 2u);
  for (const auto& [id, expected] : fixture["instruments"].items()) {
    SCOPED_TRACE(id + " from " + expected["source"].get<std::string>());
    const measures::Instrument* instrument = Library().Find(id);
    ASSERT_NE(instrument, nullptr);
    const json questionnaire = QuestionnaireOf(*instrument);
    EXPECT_EQ(LoincOf(questionnaire["code"]), expected["questionnaire_code"]);
    EXPECT_EQ(instrument->loinc_total, expected["total_code"]);
    ASSERT_EQ(questionnaire["item"].size(), expected["items"].size());
    for (std::size_t index = 0; index < expected["items"].size(); ++index) {
      const json& want = expected["items"][index];
      const json& item = questionnaire["item"][index];
      EXPECT_EQ(item["prefix"], want["prefix"]);
      EXPECT_EQ(LoincOf(item["code"]), want["code"]) << "item " << want["prefix"];
      ASSERT_EQ(item["answerOption"].size(), want["answers"].size());
      for (std::size_t option = 0; option < want["answers"].size(); ++option) {
        const json& answer = item["answerOption"][option];
        EXPECT_EQ(answer["valueCoding"]["system"], "http://loinc.org");
        EXPECT_EQ(answer["valueCoding"]["code"], want["answers"][option]["code"]);
        EXPECT_EQ(answer["extension"][0]["url"],
                  "http://hl7.org/fhir/StructureDefinition/ordinalValue");
        EXPECT_EQ(answer["extension"][0]["valueDecimal"], want["answers"][option]["ordinalValue"]);
      }
    }
  }
}

TEST(FhirQuestionnaire, EveryOfferedInstrumentHasEveryItemOfItsFile) {
  int offered = 0;
  for (const measures::Instrument& instrument : Library().instruments()) {
    if (!IsOffered(instrument, {})) continue;
    ++offered;
    const json questionnaire = QuestionnaireOf(instrument);
    EXPECT_EQ(questionnaire["id"], instrument.id);
    EXPECT_EQ(questionnaire["url"], CanonicalUrl(instrument.id));
    EXPECT_EQ(InstrumentIdOf(questionnaire["url"].get<std::string>() + "|1"), instrument.id);
    EXPECT_NE(questionnaire["copyright"].get<std::string>().find(instrument.licence),
              std::string::npos);
    ASSERT_EQ(questionnaire["item"].size(), instrument.items.size()) << instrument.id;
    for (std::size_t index = 0; index < instrument.items.size(); ++index) {
      EXPECT_EQ(questionnaire["item"][index]["linkId"], instrument.items[index].id);
    }
  }
  EXPECT_GE(offered, 8);
}

TEST(FhirQuestionnaire, LicensedInstrumentsWithoutTheirTextAreNotOffered) {
  for (const char* licensed : {"ors", "srs", "wai-sr"}) {
    const measures::Instrument* instrument = Library().Find(licensed);
    ASSERT_NE(instrument, nullptr) << licensed;
    EXPECT_FALSE(IsOffered(*instrument, {})) << licensed;
    EXPECT_TRUE(IsOffered(*instrument, {instrument->id})) << "with the clinic's licence";
  }
  EXPECT_TRUE(IsOffered(*Library().Find("phq9"), {}));
}

TEST(FhirQuestionnaire, CanonicalReferencesNameTheInstrument) {
  EXPECT_EQ(InstrumentIdOf("urn:tessera:questionnaire:gad7"), "gad7");
  EXPECT_EQ(InstrumentIdOf("Questionnaire/gad7"), "gad7");
  EXPECT_EQ(InstrumentIdOf("https://example.org/fhir/Questionnaire/gad7|2"), "gad7");
  EXPECT_EQ(InstrumentIdOf("https://example.org/fhir/MyQuestionnaire/gad7"), "");
  EXPECT_EQ(InstrumentIdOf("gad7"), "");
}

}  // namespace
}  // namespace tessera::fhir
