// Black-box, issue 16: the scoring rules as a user of the API meets them, over sockets against
// the real server (api_fixture.hpp). Totals an instrument cannot produce (a PHQ-9 of 12.5, a
// GAD-7 of 0.001) get a 400 naming the field and the rule and change nothing; a CORE-10 with two
// items missing is refused for the same reason; ORS lines marked to 0.01 are stored as given;
// a PHQ-9's provisional screening result comes back with the score.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "http/api_fixture.hpp"

namespace tessera::testing {
namespace {

using nlohmann::json;

class ScoringApiTest : public ApiTest {
 protected:
  static std::string Measures() {
    return "/api/v1/clients/" + std::to_string(ids().own_client) + "/sessions/" +
           std::to_string(ids().session) + "/measures";
  }
};

json Answers(const std::vector<json>& values) {
  json answers = json::object();
  for (size_t index = 0; index < values.size(); ++index) {
    answers[std::to_string(index + 1)] = values[index];
  }
  return answers;
}

TEST_F(ScoringApiTest, Issue16TotalsAnInstrumentCannotProduceAreRefusedAndChangeNothing) {
  const ApiClient clinician = As("demo-clinician");
  struct Case {
    std::string body;
    std::string names;  // the error message must contain this
  } cases[] = {
      {R"({"instrument":"phq9","total":12.5})",
       "total: 12.5 is not a whole number; PHQ-9 totals are whole numbers"},
      {R"({"instrument":"gad7","total":0.001})",
       "total: 0.001 is not a whole number; GAD-7 totals are whole numbers"},
      {R"({"instrument":"phq9","total":1e-9})", "total: 1e-09 is not a whole number"},
      {R"({"instrument":"who5","total":42})",
       "total: 42 cannot occur; WHO-5 totals run from 0 to 100 in steps of 4"},
      {R"({"instrument":"ors","total":25.001})",
       "total: 25.001 cannot occur; ORS totals run from 0 to 40 in steps of 0.01"},
      {json{{"instrument", "core10"},
            {"answers", Answers({nullptr, nullptr, 2, 0, 4, 3, 2, 4, 1, 3})}}
           .dump(),
       "it may be prorated over at most 1 missing item), so no score is computed"},
      {json{{"instrument", "ors"}, {"answers", Answers({7.255, 5, 5, 5})}}.dump(),
       "ors item 1: 7.255 is not allowed; allowed: 0 to 10 in steps of 0.01"},
  };
  const std::string tables_before = RecordTableCounts();
  const std::int64_t audit_before = AuditLength();
  for (const Case& bad : cases) {
    SCOPED_TRACE(bad.body);
    const HttpReply reply = clinician.Call("POST", Measures(), bad.body);
    EXPECT_EQ(reply.status, 400) << reply.body;
    const json body = json::parse(reply.body, nullptr, false);
    ASSERT_TRUE(body.is_object()) << reply.body;
    EXPECT_NE(body["error"]["message"].get<std::string>().find(bad.names), std::string::npos)
        << reply.body;
    EXPECT_EQ(AuditLength(), audit_before) << "a rejected request reached the store";
  }
  EXPECT_EQ(RecordTableCounts(), tables_before);
}

TEST_F(ScoringApiTest, Issue16WholeTotalsAndFineLineMarksAreStoredAsGiven) {
  const ApiClient clinician = As("demo-clinician");
  const json phq9 =
      clinician.Expect(201, "POST", Measures(), {{"instrument", "phq9"}, {"total", 12}});
  EXPECT_EQ(phq9["total"], 12);
  const json ors = clinician.Expect(
      201, "POST", Measures(), {{"instrument", "ors"}, {"answers", Answers({7.25, 6.4, 8, 5})}});
  EXPECT_NEAR(ors["total"].get<double>(), 26.65, 1e-9);
  const json listed = clinician.Expect(
      200, "GET",
      "/api/v1/clients/" + std::to_string(ids().own_client) + "/measures?instrument=ors&limit=200");
  ASSERT_FALSE(listed["items"].empty());
  const json& stored = listed["items"].back();
  EXPECT_NEAR(stored["total"].get<double>(), 26.65, 1e-9) << stored.dump();
  EXPECT_NE(stored.dump().find("7.25"), std::string::npos) << stored.dump();
}

TEST_F(ScoringApiTest, Issue16Phq9SubmissionShowsItsProvisionalScreeningResult) {
  const ApiClient clinician = As("demo-clinician");
  const json submitted =
      clinician.Expect(201, "POST", Measures(),
                       {{"instrument", "phq9"}, {"answers", Answers({2, 2, 2, 2, 0, 0, 0, 0, 0})}});
  const json& screening = submitted["score"]["screening"];
  ASSERT_TRUE(screening.is_object()) << submitted.dump();
  EXPECT_EQ(screening["symptoms"], 4);
  ASSERT_EQ(screening["provisional_results"].size(), 1u);
  EXPECT_EQ(screening["provisional_results"][0]["id"], "other-depressive-syndrome");
  EXPECT_NE(screening["caution"].get<std::string>().find("not a diagnosis"), std::string::npos);
}

}  // namespace
}  // namespace tessera::testing
