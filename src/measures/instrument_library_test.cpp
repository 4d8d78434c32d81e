// The loader: every shipped file loads, and every kind of bad file is refused with a message
// naming the file, the field and the rule.

#include "measures/instrument_library.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "measures/test_support.hpp"

namespace tessera::measures {
namespace {

using nlohmann::json;

class ScratchDirectory {
 public:
  ScratchDirectory() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "tessera-measures-XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~ScratchDirectory() { std::filesystem::remove_all(path_); }
  const std::filesystem::path& path() const { return path_; }
  void Write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name) << text;
  }

 private:
  std::filesystem::path path_;
};

json ValidInstrument() {
  return json::parse(R"({
    "format": 1, "id": "toy-3", "name": "Toy three-item scale", "version": "1",
    "construct": "testing",
    "licence": {"name": "test", "item_text": "included", "attribution": "none"},
    "sources": [{"id": "s", "citation": "made up for the test"}],
    "direction": "higher_is_worse",
    "answer_sets": [{"id": "a", "options": [{"value": 0}, {"value": 1}, {"value": 2}, {"value": 3}]}],
    "items": [{"id": "1", "answers": "a", "text": "one"},
              {"id": "2", "answers": "a", "text": "two"},
              {"id": "3", "answers": "a", "text": "three"}],
    "scoring": {"total": {"name": "Total", "method": "sum"},
                "subscales": [{"id": "first-two", "name": "First two", "method": "sum", "items": ["1", "2"]}]},
    "bands": [{"minimum": 0, "maximum": 4, "label": "low", "source": "s"},
              {"minimum": 5, "maximum": 9, "label": "high", "source": "s"}],
    "clinical_cutoff": {"value": 5, "clinical_when": "at_least", "source": "s"},
    "flags": [{"id": "risk", "message": "risk", "item": "3", "when": "above", "value": 0, "source": "s"}],
    "screening": {"symptom": {"when": "at_least", "value": 2,
                              "except": [{"item": "3", "when": "at_least", "value": 1}]},
                  "results": [{"id": "pattern", "label": "a pattern",
                               "counts": [{"items": ["1", "2"], "at_least": 1}, {"at_least": 2}]}],
                  "caution": "provisional", "source": "s"}
  })");
}

TEST(InstrumentLibrary, LoadsEveryShippedInstrument) {
  std::set<std::string> ids;
  for (const Instrument& instrument : testing::ShippedLibrary().instruments())
    ids.insert(instrument.id);
  const std::set<std::string> expected{"cnip", "core10", "gad7",  "ors",    "pcl5", "phq2",
                                       "phq9", "srs",    "urica", "wai-sr", "who5"};
  EXPECT_EQ(ids, expected);
}

TEST(InstrumentLibrary, ShipsItemTextOnlyWhereTheLicenceAllows) {
  for (const char* licensed : {"ors", "srs", "wai-sr"}) {
    const Instrument& instrument = testing::Shipped(licensed);
    EXPECT_EQ(instrument.item_text, ItemTextPolicy::kWithheldByLicence) << licensed;
    for (const Item& item : instrument.items) EXPECT_TRUE(item.text.empty()) << licensed;
  }
}

TEST(InstrumentLibrary, ComputesTotalRangesFromTheItems) {
  EXPECT_EQ(testing::Shipped("phq9").total->maximum, 27);
  EXPECT_EQ(testing::Shipped("gad7").total->maximum, 21);
  EXPECT_EQ(testing::Shipped("core10").total->maximum, 40);
  EXPECT_EQ(testing::Shipped("who5").total->maximum, 100);
  EXPECT_EQ(testing::Shipped("pcl5").total->maximum, 80);
  EXPECT_EQ(testing::Shipped("wai-sr").total->minimum, 12);
  EXPECT_EQ(testing::Shipped("wai-sr").total->maximum, 60);
  EXPECT_EQ(testing::Shipped("urica").total->minimum, -2);  // FACTS.md: readiness -2 to +14
  EXPECT_EQ(testing::Shipped("urica").total->maximum, 14);
}

TEST(InstrumentLibrary, GetNamesTheKnownInstrumentsWhenTheIdIsUnknown) {
  const auto missing = testing::ShippedLibrary().Get("phq-10");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code(), ErrorCode::kNotFound);
  EXPECT_NE(missing.error().message().find("phq9"), std::string::npos);
}

TEST(InstrumentLibrary, FindIgnoresCaseAndSeparators) {
  const InstrumentLibrary& library = testing::ShippedLibrary();
  for (const char* spelling : {"phq9", "PHQ-9", "phq_9", "Phq 9"}) {
    const Instrument* found = library.Find(spelling);
    ASSERT_NE(found, nullptr) << spelling;
    EXPECT_EQ(found->id, "phq9");
  }
  EXPECT_EQ(library.Find("phq-99"), nullptr);
}

TEST(InstrumentLibrary, TheValidTestInstrumentLoads) {
  ScratchDirectory directory;
  directory.Write("toy.json", ValidInstrument().dump());
  const auto library = InstrumentLibrary::LoadDirectory(directory.path());
  ASSERT_TRUE(library) << library.error().message();
  EXPECT_NE(library->Find("toy-3"), nullptr);
}

struct BadFileCase {
  const char* name;
  std::function<void(json&)> spoil;
  const char* field;  // expected in the message after the file name
  const char* rule;   // expected in the message
};

TEST(InstrumentLibrary, RejectsBadFilesNamingFileFieldAndRule) {
  const BadFileCase cases[] = {
      {"unknown top-level field", [](json& j) { j["colour"] = "red"; }, "colour", "unknown field"},
      {"missing id", [](json& j) { j.erase("id"); }, "id", "required"},
      {"bad id characters", [](json& j) { j["id"] = "Toy 3"; }, "id", "lower-case"},
      {"wrong format", [](json& j) { j["format"] = 2; }, "format", "must be 1"},
      {"unknown direction", [](json& j) { j["direction"] = "up"; }, "direction", "not one of"},
      {"text where a number belongs", [](json& j) { j["bands"][0]["minimum"] = "zero"; },
       "bands[0].minimum", "expected a number"},
      {"unknown answer set", [](json& j) { j["items"][0]["answers"] = "b"; }, "items[0].answers",
       "not in 'answer_sets'"},
      {"duplicate item id", [](json& j) { j["items"][1]["id"] = "1"; }, "items[1].id",
       "used twice"},
      {"options not increasing", [](json& j) { j["answer_sets"][0]["options"][1]["value"] = 0; },
       "answer_sets[0].options[1].value", "strictly increasing"},
      {"options and range",
       [](json& j) {
         j["answer_sets"][0]["range"] = {{"minimum", 0}, {"maximum", 3}, {"step", 1}};
       },
       "answer_sets[0]", "exactly one of 'options' and 'range'"},
      {"range step",
       [](json& j) {
         j["answer_sets"][0] = {{"id", "a"},
                                {"range", {{"minimum", 0}, {"maximum", 3}, {"step", 0.7}}}};
       },
       "answer_sets[0].range.step", "whole steps"},
      {"item text missing", [](json& j) { j["items"][0].erase("text"); }, "items[0].text",
       "is required"},
      {"item text of a withheld instrument",
       [](json& j) { j["licence"]["item_text"] = "withheld_by_licence"; }, "items[0].text",
       "must be absent"},
      {"gap between bands", [](json& j) { j["bands"][1]["minimum"] = 7; }, "bands[1].minimum",
       "contiguous"},
      {"overlapping bands", [](json& j) { j["bands"][1]["minimum"] = 4; }, "bands[1].minimum",
       "contiguous"},
      {"bands stop short", [](json& j) { j["bands"][1]["maximum"] = 8; }, "bands[1].maximum",
       "highest possible total (9)"},
      {"bands start late", [](json& j) { j["bands"][0]["minimum"] = 1; }, "bands[0].minimum",
       "lowest possible total (0)"},
      {"unknown band source", [](json& j) { j["bands"][0]["source"] = "nope"; }, "bands[0].source",
       "not in 'sources'"},
      {"sum with a minimum", [](json& j) { j["scoring"]["total"]["minimum_answered"] = 2; },
       "scoring.total.minimum_answered", "use 'prorated_sum'"},
      {"prorated without a minimum",
       [](json& j) { j["scoring"]["total"]["method"] = "prorated_sum"; },
       "scoring.total.minimum_answered", "is required"},
      {"subscale names an unknown item",
       [](json& j) { j["scoring"]["subscales"][0]["items"][0] = "9"; },
       "scoring.subscales[0].items[0]", "no item has id '9'"},
      {"subscale called total", [](json& j) { j["scoring"]["subscales"][0]["id"] = "total"; },
       "scoring.subscales[0].id", "'total'"},
      {"weighted term names an unknown scale",
       [](json& j) {
         j["scoring"]["total"] = {
             {"name", "T"}, {"method", "weighted"}, {"terms", {{{"scale", "x"}, {"weight", 1}}}}};
       },
       "scoring.total.terms[0].scale", "defined earlier"},
      {"cut-off outside the range", [](json& j) { j["clinical_cutoff"]["value"] = 10; },
       "clinical_cutoff.value", "within the total's range"},
      {"reliability above 1",
       [](json& j) {
         j["reliability"] = {{"value", 1.2}, {"kind", "test_retest"}, {"source", "s"}};
       },
       "reliability.value", "between 0 and 1"},
      {"zero standard deviation",
       [](json& j) {
         j["norms"] = {{"clinical", {{"mean", 5}, {"standard_deviation", 0}}},
                       {"functional", {{"mean", 1}, {"standard_deviation", 1}}},
                       {"source", "s"}};
       },
       "norms.clinical.standard_deviation", "greater than 0"},
      {"flag on an unknown item", [](json& j) { j["flags"][0]["item"] = "7"; }, "flags[0].item",
       "no item has id '7'"},
      {"flag on item and scale", [](json& j) { j["flags"][0]["scale"] = "total"; }, "flags[0]",
       "exactly one of 'item', 'items' and 'scale'"},
      {"any-item flag on an unknown item",
       [](json& j) {
         j["flags"][0].erase("item");
         j["flags"][0]["items"] = {"1", "8"};
       },
       "flags[0].items[1]", "no item has id '8'"},
      {"published and Jacobson-Truax reliable change without a choice",
       [](json& j) {
         j["reliability"] = {{"value", 0.9}, {"kind", "test_retest"}, {"source", "s"}};
         j["norms"] = {{"clinical", {{"mean", 5}, {"standard_deviation", 2}}},
                       {"functional", {{"mean", 1}, {"standard_deviation", 1}}},
                       {"source", "s"}};
         j["reliable_change"] = {{"points", 3}, {"source", "s"}};
       },
       "change_categories_from", "is required when the file gives both"},
      {"categories from a judgement the file cannot make",
       [](json& j) { j["change_categories_from"] = "jacobson_truax"; }, "change_categories_from",
       "needs norms and reliability"},
      {"confidence of 100 %",
       [](json& j) {
         j["reliable_change"] = {{"points", 3}, {"confidence_percent", 100}, {"source", "s"}};
       },
       "reliable_change.confidence_percent", "between 0 and 100"},
      {"screening counts an unknown item",
       [](json& j) { j["screening"]["results"][0]["counts"][0]["items"][0] = "9"; },
       "screening.results[0].counts[0].items[0]", "not an item of the total"},
      {"screening needs more symptoms than items",
       [](json& j) { j["screening"]["results"][0]["counts"][1]["at_least"] = 4; },
       "screening.results[0].counts[1].at_least", "between 0 and 3"},
      {"screening at_most below at_least",
       [](json& j) { j["screening"]["results"][0]["counts"][1]["at_most"] = 1; },
       "screening.results[0].counts[1].at_most", "between at_least and 3"},
      {"screening on a prorated total",
       [](json& j) {
         j["scoring"]["total"]["method"] = "prorated_sum";
         j["scoring"]["total"]["minimum_answered"] = 2;
       },
       "screening", "needs a 'sum' total"},
      {"screening exception listed twice",
       [](json& j) {
         j["screening"]["symptom"]["except"].push_back(j["screening"]["symptom"]["except"][0]);
       },
       "screening.symptom.except[1].item", "listed twice"},
      {"screening unknown source", [](json& j) { j["screening"]["source"] = "nope"; },
       "screening.source", "names source 'nope'"},
      {"instructions unknown source",
       [](json& j) {
         j["instructions"] = {{"text", "Over the last week"}, {"source", "nope"}};
       },
       "instructions.source", "names source 'nope'"},
      {"instructions without text",
       [](json& j) {
         j["instructions"] = {{"source", "s"}};
       },
       "instructions.text", ""},
      {"flag comparison", [](json& j) { j["flags"][0]["when"] = "over"; }, "flags[0].when",
       "not one of"},
      {"duplicate source",
       [](json& j) {
         j["sources"].push_back({{"id", "s"}, {"citation", "again"}});
       },
       "sources[1].id", "used twice"},
  };
  for (const BadFileCase& bad : cases) {
    SCOPED_TRACE(bad.name);
    json document = ValidInstrument();
    bad.spoil(document);
    ScratchDirectory directory;
    directory.Write("toy.json", document.dump());
    const auto library = InstrumentLibrary::LoadDirectory(directory.path());
    ASSERT_FALSE(library);
    const std::string& message = library.error().message();
    EXPECT_EQ(library.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(message.rfind("toy.json: ", 0), 0u) << message;
    EXPECT_NE(message.find(std::string(": ") + bad.field + ":"), std::string::npos) << message;
    EXPECT_NE(message.find(bad.rule), std::string::npos) << message;
  }
}

TEST(InstrumentLibrary, RejectsTextThatIsNotJson) {
  ScratchDirectory directory;
  directory.Write("broken.json", "{\"format\": 1,");
  const auto library = InstrumentLibrary::LoadDirectory(directory.path());
  ASSERT_FALSE(library);
  EXPECT_NE(library.error().message().find("broken.json: malformed JSON at byte"),
            std::string::npos);
}

TEST(InstrumentLibrary, RejectsTwoFilesWithOneId) {
  ScratchDirectory directory;
  directory.Write("a.json", ValidInstrument().dump());
  directory.Write("b.json", ValidInstrument().dump());
  const auto library = InstrumentLibrary::LoadDirectory(directory.path());
  ASSERT_FALSE(library);
  EXPECT_NE(library.error().message().find("'toy-3' is defined by two files"), std::string::npos);
}

TEST(InstrumentLibrary, RejectsIdsThatDifferOnlyBySeparators) {
  ScratchDirectory directory;
  directory.Write("a.json", ValidInstrument().dump());
  json other = ValidInstrument();
  other["id"] = "toy3";
  directory.Write("b.json", other.dump());
  const auto library = InstrumentLibrary::LoadDirectory(directory.path());
  ASSERT_FALSE(library);
  EXPECT_NE(library.error().message().find("defined by two files"), std::string::npos);
}

TEST(InstrumentLibrary, RejectsAnEmptyOrMissingDirectory) {
  ScratchDirectory directory;
  EXPECT_FALSE(InstrumentLibrary::LoadDirectory(directory.path()));
  EXPECT_FALSE(InstrumentLibrary::LoadDirectory(directory.path() / "absent"));
}

TEST(InstrumentLibrary, IgnoresFilesThatAreNotJson) {
  ScratchDirectory directory;
  directory.Write("toy.json", ValidInstrument().dump());
  directory.Write("README.md", "not an instrument");
  EXPECT_TRUE(InstrumentLibrary::LoadDirectory(directory.path()));
}

}  // namespace
}  // namespace tessera::measures

namespace tessera::measures {
namespace {

std::string ReadText(const std::filesystem::path& file) {
  std::ifstream stream(file);
  std::ostringstream text;
  text << stream.rdbuf();
  return text.str();
}

// docs/clinical-sources.md must list every value a data file marks as unverified, as
// "<instrument id> / <source id>", so the documentation cannot drift from the data.
TEST(ClinicalSources, EveryUnverifiedSourceIsListedHere) {
  const std::string doc =
      ReadText(std::filesystem::path(TESSERA_SOURCE_DIR) / "docs" / "clinical-sources.md");
  ASSERT_FALSE(doc.empty());
  int unverified = 0;
  for (const Instrument& instrument : testing::ShippedLibrary().instruments()) {
    for (const Source& source : instrument.sources) {
      if (source.verified) continue;
      ++unverified;
      EXPECT_NE(doc.find(instrument.id + " / " + source.id), std::string::npos)
          << instrument.id << " / " << source.id << " is unverified but not in the doc";
    }
  }
  EXPECT_GT(unverified, 0);
}

}  // namespace
}  // namespace tessera::measures
