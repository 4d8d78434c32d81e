#include "core/records/names.hpp"

#include <gtest/gtest.h>

namespace tessera {
namespace {

TEST(RecordNames, EveryRoleRoundTripsAndUnknownNamesListTheAcceptedOnes) {
  for (Role role : {Role::kAdmin, Role::kClinician, Role::kSupervisor, Role::kClient})
    EXPECT_EQ(*ParseRole(Name(role)), role);
  auto unknown = ParseRole("root");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().message(),
            "role \"root\" is not one of: admin, clinician, supervisor, client");
}

TEST(RecordNames, OtherEnumerationsRoundTrip) {
  for (Attendance value : {Attendance::kAttended, Attendance::kCancelledByClient,
                           Attendance::kCancelledByService, Attendance::kDidNotAttend})
    EXPECT_EQ(*ParseAttendance(Name(value)), value);
  for (CareTeamRole value : {CareTeamRole::kLead, CareTeamRole::kCoTherapist,
                             CareTeamRole::kSupervisor, CareTeamRole::kConsultant})
    EXPECT_EQ(*ParseCareTeamRole(Name(value)), value);
  for (StageOfChange value :
       {StageOfChange::kPrecontemplation, StageOfChange::kContemplation,
        StageOfChange::kPreparation, StageOfChange::kAction, StageOfChange::kMaintenance})
    EXPECT_EQ(*ParseStageOfChange(Name(value)), value);
  for (Competence value :
       {Competence::kNone, Competence::kBasic, Competence::kCompetent, Competence::kExpert})
    EXPECT_EQ(*ParseCompetenceLevel(Name(value)), value);
  EXPECT_FALSE(ParseSignOffRole("Clinician"));  // names are case-sensitive
}

TEST(RecordNames, FormerCompetenceWordsReadAsTheOneScale) {
  // Decision 0220: the five-level scale stored before migration 13, mapped as the planner did.
  EXPECT_EQ(*ParseCompetenceLevel("aware"), Competence::kBasic);
  EXPECT_EQ(*ParseCompetenceLevel("trained"), Competence::kCompetent);
  EXPECT_EQ(*ParseCompetenceLevel("proficient"), Competence::kCompetent);
  EXPECT_EQ(*ParseCompetenceLevel("expert"), Competence::kExpert);
  EXPECT_EQ(*ParseCompetenceLevel("supervisor"), Competence::kExpert);
  EXPECT_EQ(Name(*ParseCompetenceLevel("proficient")), "competent");
  auto unknown = ParseCompetenceLevel("guru");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().message(),
            "competence level \"guru\" is not one of: none, basic, competent, expert");
  EXPECT_FALSE(ParseCompetence("proficient"));  // catalogue and planner files: the scale only
}

TEST(Vocabulary, EpisodeFileAttendanceWordsAreStillRead) {
  EXPECT_EQ(ParseAttendanceWord("missed"), Attendance::kDidNotAttend);
  EXPECT_EQ(ParseAttendanceWord("cancelled"), Attendance::kCancelledByClient);
  EXPECT_EQ(ParseAttendanceWord("did_not_attend"), Attendance::kDidNotAttend);
  EXPECT_FALSE(ParseAttendanceWord("late"));
}

TEST(IsIsoDate, AcceptsRealCalendarDatesOnly) {
  const struct {
    const char* text;
    bool valid;
  } cases[] = {
      {"2026-01-05", true},  {"2024-02-29", true},  {"2026-02-29", false}, {"2026-02-28", true},
      {"2026-13-01", false}, {"2026-12-31", true},  {"2026-00-10", false}, {"2026-01-00", false},
      {"2026-1-05", false},  {"2026/01/05", false}, {"", false},           {"2026-01-05T00", false},
      {"20a6-01-05", false},
  };
  for (const auto& test_case : cases)
    EXPECT_EQ(IsIsoDate(test_case.text), test_case.valid) << test_case.text;
}

}  // namespace
}  // namespace tessera
