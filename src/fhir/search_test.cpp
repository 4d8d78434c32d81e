// Search parameters: dates with prefixes at each precision (either side of each boundary),
// tokens, patients, paging; and the Bundle's paging links.

#include "fhir/search.hpp"

#include <gtest/gtest.h>

#include "fhir/bundle.hpp"

namespace tessera::fhir {
namespace {

using nlohmann::json;

TimePoint At(const char* text) {
  std::tm parts{};
  strptime(text, "%Y-%m-%dT%H:%M:%S", &parts);
  return std::chrono::system_clock::from_time_t(timegm(&parts));
}

TEST(FhirSearch, DatePrefixesAtEachPrecision) {
  struct Case {
    const char* value;
    const char* time;
    bool matches;
  };
  const Case cases[] = {
      {"2026-03-05", "2026-03-05T23:59:59", true},
      {"2026-03-05", "2026-03-06T00:00:00", false},
      {"ge2026-03-05", "2026-03-04T23:59:59", false},
      {"ge2026-03-05", "2026-03-05T00:00:00", true},
      {"le2026-03", "2026-03-31T23:59:59", true},
      {"le2026-03", "2026-04-01T00:00:00", false},
      {"gt2026", "2026-12-31T23:59:59", false},
      {"gt2026", "2027-01-01T00:00:00", true},
      {"lt2026-03-05", "2026-03-04T23:59:59", true},
      {"lt2026-03-05", "2026-03-05T00:00:00", false},
      {"ne2026-03-05", "2026-03-05T12:00:00", false},
      {"ne2026-03-05", "2026-03-06T12:00:00", true},
  };
  for (const Case& test : cases) {
    const auto filter = DateParameter({{"date", test.value}}, "date");
    ASSERT_TRUE(filter && *filter) << test.value;
    EXPECT_EQ(Matches(**filter, At(test.time)), test.matches) << test.value << " " << test.time;
  }
  for (const char* bad : {"2026-3-5", "sa2026", "2026-03-05T10:00:00Z", ""}) {
    const auto filter = DateParameter({{"date", bad}}, "date");
    ASSERT_FALSE(filter) << bad;
    EXPECT_NE(filter.error().message().find("'date'"), std::string::npos);
  }
}

TEST(FhirSearch, TokensPatientsAndPaging) {
  const json code = {
      {"coding", json::array({{{"system", "http://loinc.org"}, {"code", "44261-6"}}})}};
  EXPECT_TRUE(Matches(**TokenParameter({{"code", "44261-6"}}, "code"), code));
  EXPECT_TRUE(Matches(**TokenParameter({{"code", "http://loinc.org|44261-6"}}, "code"), code));
  EXPECT_TRUE(Matches(**TokenParameter({{"code", "http://loinc.org|"}}, "code"), code));
  EXPECT_FALSE(Matches(**TokenParameter({{"code", "urn:x|44261-6"}}, "code"), code));
  EXPECT_EQ(**PatientParameter({{"patient", "Patient/12"}}, "patient"), ClientId(12));
  EXPECT_EQ(**PatientParameter({{"patient", "12"}}, "patient"), ClientId(12));
  EXPECT_FALSE(PatientParameter({{"patient", "Group/12"}}, "patient"));
  EXPECT_FALSE(*PatientParameter({}, "patient"));
  EXPECT_EQ(PagingParameters({{"_count", "5"}}, 50, 200)->count, 5u);
  EXPECT_FALSE(PagingParameters({{"_count", "0"}}, 50, 200));
  EXPECT_FALSE(PagingParameters({{"_count", "201"}}, 50, 200));
}

TEST(FhirBundle, PagesWithNextAndPreviousLinks) {
  std::vector<json> matches;
  for (int index = 0; index < 5; ++index) {
    matches.push_back({{"resourceType", "Patient"}, {"id", std::to_string(index + 1)}});
  }
  SearchContext search{"http://h/fhir/R4", "Patient", {{"name", "a b"}, {"_count", "2"}}, {2, 2}};
  const json bundle = SearchSet(matches, search);
  EXPECT_EQ(bundle["total"], 5);
  ASSERT_EQ(bundle["entry"].size(), 2u);
  EXPECT_EQ(bundle["entry"][0]["fullUrl"], "http://h/fhir/R4/Patient/3");
  std::map<std::string, std::string> links;
  for (const json& link : bundle["link"]) links[link["relation"]] = link["url"];
  EXPECT_EQ(links["next"], "http://h/fhir/R4/Patient?name=a%20b&_count=2&_offset=4");
  EXPECT_EQ(links["previous"], "http://h/fhir/R4/Patient?name=a%20b&_count=2&_offset=0");
  search.paging.offset = 4;
  EXPECT_FALSE(SearchSet(matches, search)["link"].dump().find("next") != std::string::npos);
}

}  // namespace
}  // namespace tessera::fhir
