// Black-box: GET /api/v1/statistics/practice of the real `tessera serve` after the route
// scenario (api_fixture.hpp): open and closed episodes, a period that narrows every count,
// 400 naming the parameter for a bad period, alert handling times and measure completion.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "http/api_fixture.hpp"

namespace tessera::testing {
namespace {

using nlohmann::json;

class StatisticsApiTest : public ApiTest {};

constexpr const char* kPractice = "/api/v1/statistics/practice";

TEST_F(StatisticsApiTest, APeriodNarrowsEveryCountAndABadOneIsRefusedByName) {
  const ApiClient clinician = As("demo-clinician");
  const struct {
    std::string query, names;
  } bad[] = {{"?from=2026-13-01", "'from'"},
             {"?to=yesterday", "'to'"},
             {"?from=2026-02-30", "'from'"},
             {"?from=2026-05-02&to=2026-05-01", "'from' must not be after 'to'"}};
  for (const auto& [query, names] : bad) {
    const json refused = clinician.Expect(400, "GET", kPractice + query);
    EXPECT_NE(refused.dump().find(names), std::string::npos) << query << ": " << refused.dump();
  }

  const json all = clinician.Expect(200, "GET", kPractice);
  EXPECT_EQ(all["period"], json({{"from", nullptr}, {"to", nullptr}}));
  // The scenario closed one episode of the clinician's client and left another open.
  EXPECT_GE(all["episodes"]["closed"].get<int>(), 1);
  EXPECT_GE(all["episodes"]["open"].get<int>(), 1);
  EXPECT_TRUE(all["outcomes_open"].is_object());
  EXPECT_GT(all["sessions"].get<int>(), 0);
  EXPECT_GT(all["administrations"].get<int>(), 0);
  // Acknowledged alerts have a time to their first handling.
  ASSERT_GT(all["alerts"]["handled"].get<int>(), 0) << all.dump();
  EXPECT_GE(all["alerts"]["median_hours_to_first_handling"].get<double>(), 0.0);
  const json& completion = all["measure_completion"];
  EXPECT_GT(completion["attended_sessions"].get<int>(), 0);
  EXPECT_LE(completion["with_measure"].get<int>(), completion["attended_sessions"].get<int>());
  EXPECT_DOUBLE_EQ(
      completion["rate"].get<double>(),
      completion["with_measure"].get<double>() / completion["attended_sessions"].get<double>());

  // Before anything happened: nothing counts, not even today's open episodes.
  const json before = clinician.Expect(200, "GET", std::string(kPractice) + "?to=2000-12-31");
  EXPECT_EQ(before["period"]["to"], "2000-12-31");
  EXPECT_EQ(before["episodes"], json({{"open", 0}, {"closed", 0}}));
  EXPECT_EQ(before["sessions"], 0);
  EXPECT_EQ(before["administrations"], 0);
  EXPECT_EQ(before["alerts"]["handled"], 0);
  EXPECT_EQ(before["alerts"]["median_hours_to_first_handling"], nullptr);
  EXPECT_EQ(before["measure_completion"]["rate"], nullptr);
  EXPECT_EQ(before["clients"], all["clients"]);

  // After everything: open episodes still count (they are open now), closed ones do not.
  const json after = clinician.Expect(200, "GET", std::string(kPractice) + "?from=2099-01-01");
  EXPECT_EQ(after["episodes"]["open"], all["episodes"]["open"]);
  EXPECT_EQ(after["episodes"]["closed"], 0);
  EXPECT_EQ(after["sessions"], 0);

  // A period around the scenario's closing dates holds its closed episodes.
  const json spring =
      clinician.Expect(200, "GET", std::string(kPractice) + "?from=2026-03-01&to=2026-04-01");
  EXPECT_GE(spring["episodes"]["closed"].get<int>(), 1);
  EXPECT_LE(spring["episodes"]["closed"].get<int>(), all["episodes"]["closed"].get<int>());
  EXPECT_LE(spring["sessions"].get<int>(), all["sessions"].get<int>());
}

// Per team and per clinician (issue 15): an admin sees every team and every lead; the supervisor
// of Team B (the route scenario: clinician-b and demo-supervisor) sees that team and its
// clinician; a clinician only themselves. A group counts what the whole does over its clients,
// and a period narrows it the same way.
TEST_F(StatisticsApiTest, TeamsAndCliniciansAreBrokenDownForWhoMaySeeThem) {
  const auto names = [](const json& groups) {
    std::vector<std::string> out;
    for (const json& group : groups) out.push_back(group["name"]);
    return out;
  };
  const json admin = As("demo-admin").Expect(200, "GET", kPractice);
  EXPECT_EQ(names(admin["by_team"]), std::vector<std::string>({"Team B"}));
  EXPECT_EQ(names(admin["by_clinician"]),
            std::vector<std::string>({"clinician-b", "demo-clinician"}));
  int clients = 0;
  for (const json& group : admin["by_clinician"])
    clients += group["statistics"]["clients"].get<int>();
  EXPECT_LE(clients, admin["clients"].get<int>());  // a client has at most one lead

  const json supervisor = As("demo-supervisor").Expect(200, "GET", kPractice);
  ASSERT_EQ(supervisor["by_team"].size(), 1u);
  EXPECT_EQ(supervisor["by_team"][0]["statistics"]["clients"], 1);
  EXPECT_EQ(names(supervisor["by_clinician"]), std::vector<std::string>({"clinician-b"}));
  EXPECT_EQ(supervisor["by_clinician"][0]["statistics"], supervisor["by_team"][0]["statistics"]);

  const json clinician = As("demo-clinician").Expect(200, "GET", kPractice);
  EXPECT_TRUE(clinician["by_team"].empty());
  EXPECT_EQ(names(clinician["by_clinician"]), std::vector<std::string>({"demo-clinician"}));
  const json& own = clinician["by_clinician"][0]["statistics"];
  EXPECT_EQ(own["sessions"], clinician["sessions"]);
  EXPECT_EQ(own["episodes"], clinician["episodes"]);

  // The period's boundaries hold for the groups too: a day before everything counts nothing,
  // a period of one day holds what happened on it, both ends included.
  const json before =
      As("demo-clinician").Expect(200, "GET", std::string(kPractice) + "?to=2000-12-31");
  EXPECT_EQ(before["by_clinician"][0]["statistics"]["sessions"], 0);
  EXPECT_EQ(before["by_clinician"][0]["statistics"]["period"]["to"], "2000-12-31");
  const json day =
      As("demo-clinician")
          .Expect(200, "GET", std::string(kPractice) + "?from=2026-03-01&to=2026-03-01");
  EXPECT_EQ(day["by_clinician"][0]["statistics"]["episodes"]["closed"], day["episodes"]["closed"]);
  EXPECT_GE(day["episodes"]["closed"].get<int>(), 1);  // the scenario closed one on 2026-03-01
  const json after_day =
      As("demo-clinician")
          .Expect(200, "GET", std::string(kPractice) + "?from=2026-03-02&to=2026-03-02");
  EXPECT_LT(after_day["by_clinician"][0]["statistics"]["episodes"]["closed"].get<int>(),
            day["by_clinician"][0]["statistics"]["episodes"]["closed"].get<int>());
}

}  // namespace
}  // namespace tessera::testing
