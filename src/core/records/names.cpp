#include "core/records/names.hpp"

#include "core/word_table.hpp"

#include <array>
#include <chrono>
#include <string>
#include <utility>

namespace tessera {
namespace {

constexpr WordTable<Role, 4> kRoles{{{Role::kAdmin, "admin"},
                                     {Role::kClinician, "clinician"},
                                     {Role::kSupervisor, "supervisor"},
                                     {Role::kClient, "client"}}};
constexpr WordTable<CareTeamRole, 4> kTeamRoles{{{CareTeamRole::kLead, "lead"},
                                                 {CareTeamRole::kCoTherapist, "co_therapist"},
                                                 {CareTeamRole::kSupervisor, "supervisor"},
                                                 {CareTeamRole::kConsultant, "consultant"}}};
constexpr WordTable<SignOffRole, 3> kSignOffRoles{{{SignOffRole::kClinician, "clinician"},
                                                   {SignOffRole::kClient, "client"},
                                                   {SignOffRole::kSupervisor, "supervisor"}}};
constexpr WordTable<AgreementGiven, 4> kAgreements{{{AgreementGiven::kOwnAccount, "own_account"},
                                                    {AgreementGiven::kInSession, "in_session"},
                                                    {AgreementGiven::kByPhone, "by_phone"},
                                                    {AgreementGiven::kInWriting, "in_writing"}}};
constexpr WordTable<PlanStatus, 4> kPlanStatuses{{{PlanStatus::kDraft, "draft"},
                                                  {PlanStatus::kActive, "active"},
                                                  {PlanStatus::kSuperseded, "superseded"},
                                                  {PlanStatus::kDiscarded, "discarded"}}};

template <class E, std::size_t N>
std::string_view Lookup(const WordTable<E, N>& table, E value) {
  return WordFor(table, value, "?");
}

template <class E, std::size_t N>
Result<E> Parse(const WordTable<E, N>& table, std::string_view text, std::string_view what) {
  if (const std::optional<E> value = ValueFor(table, text)) return *value;
  return InvalidArgument(std::string(what) + " \"" + std::string(text) +
                         "\" is not one of: " + AllowedWords(table));
}

}  // namespace

std::string_view Name(Role value) { return Lookup(kRoles, value); }
std::string_view Name(CareTeamRole value) { return Lookup(kTeamRoles, value); }
std::string_view Name(SignOffRole value) { return Lookup(kSignOffRoles, value); }
std::string_view Name(AgreementGiven value) { return Lookup(kAgreements, value); }
std::string_view Name(PlanStatus value) { return Lookup(kPlanStatuses, value); }

Result<Role> ParseRole(std::string_view text) { return Parse(kRoles, text, "role"); }
Result<Competence> ParseCompetenceLevel(std::string_view text) {
  if (const std::optional<Competence> level = ParseCompetenceOrFormer(text)) return *level;
  return Parse(kCompetenceWords, text, "competence level");
}
Result<StageOfChange> ParseStageOfChange(std::string_view text) {
  return Parse(kStageOfChangeWords, text, "stage of change");
}
Result<CareTeamRole> ParseCareTeamRole(std::string_view text) {
  return Parse(kTeamRoles, text, "care team role");
}
Result<Attendance> ParseAttendance(std::string_view text) {
  return Parse(kAttendanceWords, text, "attendance");
}
Result<SignOffRole> ParseSignOffRole(std::string_view text) {
  return Parse(kSignOffRoles, text, "sign-off role");
}
Result<AgreementGiven> ParseAgreementGiven(std::string_view text) {
  return Parse(kAgreements, text, "agreement");
}
Result<PlanStatus> ParsePlanStatus(std::string_view text) {
  return Parse(kPlanStatuses, text, "plan status");
}

bool IsIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t index : {0, 1, 2, 3, 5, 6, 8, 9})
    if (text[index] < '0' || text[index] > '9') return false;
  const int year = std::stoi(std::string(text.substr(0, 4)));
  const unsigned month = std::stoul(std::string(text.substr(5, 2)));
  const unsigned day = std::stoul(std::string(text.substr(8, 2)));
  return std::chrono::year_month_day{std::chrono::year{year}, std::chrono::month{month},
                                     std::chrono::day{day}}
      .ok();
}

}  // namespace tessera

namespace tessera {

bool IsRiskAlertKind(std::string_view kind) {
  // The monitor's risk rule, and the instrument flags on risk items (data/instruments/phq9.json
  // "self-harm-thoughts", core10.json "plans-to-end-life").
  return kind == "risk_item" || kind == "flag:self-harm-thoughts" ||
         kind == "flag:plans-to-end-life";
}

}  // namespace tessera
