// The Observations of an administration: panel, total with band, items with LA answers.

#include "fhir/observation.hpp"

#include <gtest/gtest.h>

#include "measures/instrument_library.hpp"

namespace tessera::fhir {
namespace {

using nlohmann::json;

TEST(FhirObservation, PanelTotalAndItemsOfAPhq9) {
  const auto library =
      measures::InstrumentLibrary::LoadDirectory(std::string(TESSERA_DATA_DIR) + "/instruments")
          .value();
  MeasureAdministration administration;
  administration.id = AdministrationId(7);
  administration.client = ClientId(3);
  administration.instrument = InstrumentId("phq9");
  administration.total = 11;
  administration.band = "moderate";
  for (int item = 1; item <= 9; ++item) {
    administration.answers.push_back(
        {std::to_string(item), item == 9 ? std::nullopt : std::optional<double>(item % 3)});
  }
  const std::vector<json> all = ObservationsOf(administration, library.Find("phq9"));
  ASSERT_EQ(all.size(), 1u + 1u + 8u);  // panel, total, 8 answered items
  const json& panel = all[0];
  EXPECT_EQ(panel["id"], "3-7-panel");
  EXPECT_EQ(panel["code"]["coding"][0]["code"], "44249-1");
  EXPECT_EQ(panel["hasMember"].size(), 9u);
  const json& total = all[1];
  EXPECT_EQ(total["id"], "3-7-total");
  EXPECT_EQ(total["code"]["coding"][0]["code"], "44261-6");
  EXPECT_EQ(total["valueQuantity"]["value"], 11);
  EXPECT_EQ(total["valueQuantity"]["code"], "{score}");
  EXPECT_EQ(total["interpretation"][0]["text"], "moderate");
  EXPECT_EQ(total["category"][0]["coding"][0]["code"], "survey");
  EXPECT_EQ(total["derivedFrom"][0]["reference"], "QuestionnaireResponse/3-7");
  const json& item2 = all[3];
  EXPECT_EQ(item2["id"], "3-7-item-2");
  EXPECT_EQ(item2["code"]["coding"][0]["code"], "44255-8");
  EXPECT_EQ(item2["valueCodeableConcept"]["coding"][0]["code"], "LA6570-1");
}

TEST(FhirObservation, SubscalesOfAPcl5InTheFilesOrderCodedByTesserasScaleSystem) {
  const auto library =
      measures::InstrumentLibrary::LoadDirectory(std::string(TESSERA_DATA_DIR) + "/instruments")
          .value();
  const measures::Instrument* pcl5 = library.Find("pcl5");
  ASSERT_NE(pcl5, nullptr);
  ASSERT_FALSE(pcl5->subscales.empty());
  MeasureAdministration administration;
  administration.id = AdministrationId(8);
  administration.client = ClientId(3);
  administration.instrument = InstrumentId("pcl5");
  administration.total = 20;
  for (const measures::Scale& scale : pcl5->subscales) administration.subscales[scale.id] = 5;
  const std::vector<json> all = ObservationsOf(administration, pcl5);
  ASSERT_EQ(all.size(), 2u + pcl5->subscales.size());  // panel, total, subscales (no items)
  EXPECT_EQ(all[0]["hasMember"].size(), 1u + pcl5->subscales.size());
  for (std::size_t index = 0; index < pcl5->subscales.size(); ++index) {
    const json& subscale = all[2 + index];
    const measures::Scale& scale = pcl5->subscales[index];
    EXPECT_EQ(subscale["id"], "3-8-scale-" + scale.id);
    EXPECT_EQ(subscale["code"]["coding"][0]["system"], "urn:tessera:scale");
    EXPECT_EQ(subscale["code"]["coding"][0]["code"], "pcl5-" + scale.id);
    EXPECT_NE(subscale["code"]["text"].get<std::string>().find(scale.name), std::string::npos);
    EXPECT_EQ(subscale["valueQuantity"]["value"], 5);
    EXPECT_EQ(subscale["derivedFrom"][0]["reference"], "QuestionnaireResponse/3-8");
  }
}

}  // namespace
}  // namespace tessera::fhir
