#include "app/demo_practice.hpp"

#include <map>
#include <sstream>

#include "app/alert_lifecycle.hpp"
#include "app/measure_submission.hpp"
#include "app/plan_use_cases.hpp"
#include "app/simulated_intake.hpp"
#include "stats/practice_simulator.hpp"

namespace tessera::app {
namespace {

constexpr auto kWeek = std::chrono::hours{24 * 7};

struct DemoClinician {
  const char* username;
  Role role;
  const char* therapist;
  const char* name;
  const char* home_model;
  std::vector<Competency> competencies;
  std::map<std::string, double> style;
};

std::vector<DemoClinician> Clinicians() {
  const auto at = [](const char* model, Competence level) {
    return Competency{ModelId(model), std::nullopt, level, {"demo training record", "", 0}};
  };
  return {
      {"demo-ana",
       Role::kClinician,
       "t-ana",
       "Ana (CBT)",
       "cbt",
       {at("cbt", Competence::kExpert), at("behavioural_activation", Competence::kCompetent),
        at("act", Competence::kCompetent)},
       {{"directiveness", 2}, {"challenge", 1}}},
      {"demo-ben",
       Role::kClinician,
       "t-ben",
       "Ben (psychodynamic)",
       "psychodynamic",
       {at("psychodynamic", Competence::kExpert), at("ipt", Competence::kCompetent),
        at("cbt", Competence::kBasic)},
       {{"directiveness", -2}, {"past_orientation", 2}}},
      {"demo-cleo",
       Role::kClinician,
       "t-cleo",
       "Cleo (integrative)",
       "person_centred",
       {at("person_centred", Competence::kExpert), at("emotion_focused", Competence::kCompetent),
        at("motivational_interviewing", Competence::kCompetent), at("cbt", Competence::kCompetent)},
       {{"directiveness", -1}, {"emotional_intensity", 1}}},
      {"demo-sue", Role::kSupervisor, nullptr, "", "", {}, {}},
  };
}

// The submission's answers by item id, as a request carries them.
std::map<std::string, std::optional<double>> ByItem(const std::vector<ItemAnswer>& answers) {
  std::map<std::string, std::optional<double>> by_item;
  for (const ItemAnswer& answer : answers) by_item[answer.item] = answer.value;
  return by_item;
}

struct Accounts {
  std::vector<AccessContext> clinicians;  // clinicians who carry cases, in Clinicians() order
  std::vector<TherapistId> therapists;
};

Result<Accounts> CreateAccounts(Store& store, const DemoCredentials& credentials,
                                DemoPracticeResult& result) {
  const auto create = [&](const AccessContext& actor, const std::string& username,
                          Role role) -> Result<UserId> {
    const std::string password = credentials.new_password();
    TRY_ASSIGN(std::string hash, credentials.hash(password));
    TRY_ASSIGN(UserId id, store.CreateUser(actor, User{{}, username, role, hash, {}}));
    result.accounts.push_back({username,
                               role == Role::kAdmin        ? "admin"
                               : role == Role::kSupervisor ? "supervisor"
                                                           : "clinician",
                               password});
    return id;
  };
  TRY_ASSIGN(UserId admin_id, create(AccessContext::Bootstrap(), "demo-admin", Role::kAdmin));
  const AccessContext admin = AccessContext::For(admin_id);
  Accounts accounts;
  std::map<std::string, UserId> ids;
  for (const DemoClinician& clinician : Clinicians()) {
    TRY_ASSIGN(UserId id, create(admin, clinician.username, clinician.role));
    ids[clinician.username] = id;
    if (clinician.therapist == nullptr) continue;
    Therapist therapist;
    therapist.id = TherapistId(clinician.therapist);
    therapist.user = id;
    therapist.display_name = clinician.name;
    therapist.home_model = ModelId(clinician.home_model);
    therapist.style = clinician.style;
    therapist.competencies = clinician.competencies;
    TRY(store.CreateTherapist(admin, therapist));
    accounts.clinicians.push_back(AccessContext::For(id));
    accounts.therapists.push_back(therapist.id);
  }
  // Sue supervises Ana and Ben (docs/decisions/0210-supervision-read-access.md): her team
  // caseload is theirs; Cleo is in no team, so Sue sees none of Cleo's clients.
  TRY_ASSIGN(TeamId team, store.CreateTeam(admin, "Ana and Ben (supervised by Sue)"));
  TRY(store.AddTeamMember(admin, team, ids.at("demo-ana"), TeamRole::kClinician));
  TRY(store.AddTeamMember(admin, team, ids.at("demo-ben"), TeamRole::kClinician));
  TRY(store.AddTeamMember(admin, team, ids.at("demo-sue"), TeamRole::kSupervisor));
  return accounts;
}

}  // namespace

Result<DemoPracticeResult> LoadDemoPractice(Store& store, const ClinicalLibrary& library,
                                            EpisodeMonitor* monitor,
                                            const DemoCredentials& credentials,
                                            const DemoPracticeSpec& spec) {
  DemoPracticeResult result;
  TRY_ASSIGN(std::int64_t users, store.CountUsers());
  if (users > 0) return result;
  std::ostringstream csv;
  TRY(stats::SimulatePractice({spec.clients, spec.sessions, spec.seed}, csv));
  const std::map<std::string, std::vector<SimulatedRow>> by_client = SimulatedClients(csv.str());

  result.created = true;
  TRY_ASSIGN(Accounts accounts, CreateAccounts(store, credentials, result));
  FakeClock clock(spec.first_session);
  std::size_t client_idx = 0;
  for (const auto& [simulated_id, rows] : by_client) {
    const std::size_t carer = client_idx % accounts.clinicians.size();
    const AccessContext& clinician = accounts.clinicians[carer];
    const TimePoint intake = spec.first_session + kWeek * static_cast<int>(client_idx);
    clock.Set(intake);
    TRY_ASSIGN(ClientId client,
               store.CreateClient(clinician, {"Demo client " + simulated_id, "", "", simulated_id},
                                  ProfileFromIntake(rows.front())));
    ++result.clients;
    TRY_ASSIGN(EpisodeId episode,
               store.OpenEpisode(
                   clinician,
                   Episode{{}, client, FormatUtc(intake).substr(0, 10), "demo referral", {}, ""}));
    // Every fifth client reports thoughts of self-harm at their third attended session.
    const bool risk_client = client_idx % 5 == 2;
    std::vector<AlertId> risk_alerts;
    for (std::size_t row_idx = 0; row_idx < rows.size(); ++row_idx) {
      const SimulatedRow& row = rows[row_idx];
      const int session_number = std::stoi(row.at("session"));
      clock.Set(intake + kWeek * (session_number - 1));
      Session session{
          {}, episode, client, FormatUtc(clock.Now()).substr(0, 10), Attendance::kAttended, {}, {}};
      TRY_ASSIGN(SessionId session_id, store.RecordSession(clinician, session));
      AdministrationRequest phq9{
          client, session_id, "phq9",
          ByItem(Phq9ItemsAddingUpTo(std::stoi(row.at("phq9")), risk_client && row_idx == 2)),
          std::nullopt};
      AdministrationRequest gad7{client, session_id, "gad7", std::nullopt,
                                 std::stod(row.at("gad7"))};
      for (const AdministrationRequest* request : {&phq9, &gad7}) {
        TRY_ASSIGN(SubmissionResult submitted,
                   SubmitAdministration(store, clinician, library, monitor, clock, *request));
        ++result.administrations;
        for (const RaisedAlert& alert : submitted.alerts) {
          result.alerts += alert.change == "raised" ? 1 : 0;
          if (IsRiskAlertKind(alert.kind) && alert.change == "raised")
            risk_alerts.push_back(alert.id);
        }
      }
    }
    // Two in three episodes are finished (for the outcome statistics); the rest are the
    // current caseload and get a plan.
    if (client_idx % 3 != 0) {
      // A risk alert is resolved before an episode closes (issue 16).
      for (AlertId alert : risk_alerts) {
        TRY(store.HandleAlert(clinician, alert,
                              {{},
                               clock.Now(),
                               std::string(kResolvedAction),
                               "fictional demo record: risk reviewed with the client"}));
        ++result.alerts_handled;
      }
      TRY(store.CloseEpisode(clinician, episode, FormatUtc(clock.Now()).substr(0, 10),
                             "treatment ended"));
    } else {
      CreatePlanRequest plan{client, episode, "auto", {accounts.therapists[carer]}, std::nullopt};
      TRY_ASSIGN(Plan made, CreateTreatmentPlan(store, clinician, library, clock, plan));
      // Agreed in session: the clinician signs and records the client's agreement, so the
      // plan is the episode's active one (the one the monitor follows).
      TRY(store.SignOffPlan(clinician, made.id, 1, SignOffRole::kClinician));
      TRY(store.RecordClientAgreement(clinician, made.id, 1, AgreementGiven::kInSession));
      ++result.plans;
    }
    ++client_idx;
  }
  return result;
}

}  // namespace tessera::app
