// The authorization matrix: every route x every kind of caller x (for routes that name a client
// record) own / another clinician's / another team's / missing object, against expectations
// written here by hand (not derived from the route table, so a route whose roles change must
// change here too). A route without an entry fails the test. Runs over the real route table of
// `tessera serve --db` (system, auth, record and clinical routes with the real monitor) on a
// temporary SQLite store.

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "app/episode_monitor.hpp"
#include "app/measure_submission.hpp"
#include "app/plan_use_cases.hpp"
#include "app/questionnaire_links.hpp"
#include "http/api_server.hpp"
#include "http/routes/clinical_routes.hpp"
#include "http/routes/questionnaire_link_routes.hpp"
#include "http/testing/store_test_stack.hpp"

namespace tessera::http {
namespace {

enum class Caller { kAnonymous, kAdmin, kClinician, kSupervisor, kClient };
constexpr Caller kAllCallers[] = {Caller::kAnonymous, Caller::kAdmin, Caller::kClinician,
                                  Caller::kSupervisor, Caller::kClient};
const std::set<Caller> kEveryone(std::begin(kAllCallers), std::end(kAllCallers));
const std::set<Caller> kAnyRole = {Caller::kAdmin, Caller::kClinician, Caller::kSupervisor,
                                   Caller::kClient};
const std::set<Caller> kStaff = {Caller::kAdmin, Caller::kClinician, Caller::kSupervisor};
const std::set<Caller> kClinicians = {Caller::kClinician, Caller::kSupervisor};
const std::set<Caller> kAdminOnly = {Caller::kAdmin};
const std::set<Caller> kRegistrars = {Caller::kAdmin, Caller::kClinician};
const std::set<Caller> kSigners = {Caller::kClinician, Caller::kSupervisor, Caller::kClient};

// What the route's path names: nothing, a client record (directly or through an episode,
// thread, session, plan or alert), an account, a therapist profile, or an entry of the shipped
// library (instrument, catalogue entry: the same for everyone, so only own and missing).
enum class Scope { kNone, kClientRecord, kAccount, kTherapist, kLibraryEntry };
// Who reaches another clinician's / another team's client: only admins (the care-team rule),
// or also clinicians and supervisors (break-glass, by design).
enum class Reach { kCareTeam, kBreakGlass };
enum class Object { kOwn, kOtherClinicians, kOtherTeams, kMissing };
constexpr Object kAllObjects[] = {Object::kOwn, Object::kOtherClinicians, Object::kOtherTeams,
                                  Object::kMissing};

struct Entry {
  std::set<Caller> callers;  // callers that must get past authentication and the role check
  Scope scope = Scope::kNone;
  std::string body = {};  // a valid body; @EPISODE@ becomes the object's episode id,
                          // @CHOICES@ a valid choice for the object's plan, @AGREEMENT@ the
                          // agreement field staff give when signing as the client
  std::string query = {};
  Reach reach = Reach::kCareTeam;
};

// "METHOD pattern" -> expectations.
const std::map<std::string, Entry> kMatrix = {
    {"GET /healthz", {kEveryone}},
    {"GET /metrics", {kEveryone}},
    {"GET /api/v1/openapi.json", {kEveryone}},
    {"POST /api/v1/login", {kEveryone, Scope::kNone, "{}"}},
    {"POST /api/v1/logout", {kAnyRole}},
    {"GET /api/v1/me", {kAnyRole}},
    {"POST /api/v1/me/totp/secret", {kAnyRole}},
    {"POST /api/v1/me/totp", {kAnyRole, Scope::kNone, R"({"secret":"A","code":"1"})"}},
    {"POST /api/v1/me/totp/removal", {kAnyRole, Scope::kNone, R"({"code":"123456"})"}},
    {"POST /api/v1/me/password",
     {kAnyRole, Scope::kNone,
      R"({"current_password":"not-the-password","new_password":"a-new-password-1"})"}},
    {"POST /api/v1/me/note-key/recovery",
     {kClinicians, Scope::kNone, R"({"recovery_code":"AAAA","password":"not-the-password"})"}},
    {"GET /api/v1/psychotherapy-notes/unsealed", {kAdminOnly}},
    {"POST /api/v1/users/{user_id}/password-reset", {kAdminOnly, Scope::kAccount}},
    {"POST /api/v1/users/{user_id}/totp-reset", {kAdminOnly, Scope::kAccount}},
    {"GET /api/v1/users", {kAdminOnly}},
    {"POST /api/v1/users",
     {kAdminOnly, Scope::kNone, R"({"username":"new-one","role":"clinician"})"}},
    {"POST /api/v1/users/{user_id}/disable", {kAdminOnly, Scope::kAccount}},
    {"POST /api/v1/users/{user_id}/enable", {kAdminOnly, Scope::kAccount}},
    // The matrix's account is a client's, which may only have its (empty) address cleared.
    {"PUT /api/v1/users/{user_id}/email", {kAdminOnly, Scope::kAccount, R"({"email":""})"}},
    {"POST /api/v1/users/{user_id}/client-link",
     {kAdminOnly, Scope::kAccount, R"({"client_id":@CLIENT@})"}},
    {"POST /api/v1/therapists",
     {kAdminOnly, Scope::kNone, R"({"id":"t-new","display_name":"T","home_model":"cbt"})"}},
    {"GET /api/v1/therapists/{therapist_id}", {kStaff, Scope::kTherapist}},
    {"GET /api/v1/therapists", {kStaff}},
    {"PUT /api/v1/therapists/{therapist_id}",
     {kAdminOnly, Scope::kTherapist,
      R"({"id":"@THERAPIST@","display_name":"T2","home_model":"cbt","version":1})"}},
    {"GET /api/v1/clients", {kAnyRole}},
    {"POST /api/v1/clients", {kRegistrars, Scope::kNone, R"({"identifiers":{"name":"N"}})"}},
    {"GET /api/v1/clients/{client_id}", {kAnyRole, Scope::kClientRecord}},
    {"GET /api/v1/clients/{client_id}/profile", {kAnyRole, Scope::kClientRecord}},
    {"PUT /api/v1/clients/{client_id}/profile",
     {kStaff, Scope::kClientRecord,
      R"({"expected_version":1,"profile":{"problems":[{"problem":"depression","severity":"mild"}],
          "traits":{},"stage_of_change":null,"preferences":{},"goals":[],"risks":[]}})"}},
    {"GET /api/v1/clients/{client_id}/identifiers/versions", {kStaff, Scope::kClientRecord}},
    {"PUT /api/v1/clients/{client_id}/identifiers",
     {kStaff, Scope::kClientRecord, R"({"expected_version":1,"identifiers":{"name":"M"}})"}},
    {"GET /api/v1/clients/{client_id}/care-team", {kStaff, Scope::kClientRecord}},
    {"GET /api/v1/clients/{client_id}/summary", {kStaff, Scope::kClientRecord}},
    {"GET /api/v1/clients/{client_id}/episodes/{episode_id}/course",
     {kStaff, Scope::kClientRecord}},
    {"POST /api/v1/clients/{client_id}/care-team",
     {kRegistrars, Scope::kClientRecord, R"({"user_id":@BYSTANDER@,"role":"consultant"})"}},
    {"DELETE /api/v1/clients/{client_id}/care-team/{user_id}", {kRegistrars, Scope::kClientRecord}},
    {"GET /api/v1/clients/{client_id}/episodes", {kAnyRole, Scope::kClientRecord}},
    {"POST /api/v1/clients/{client_id}/episodes",
     {kStaff, Scope::kClientRecord, R"({"opened_on":"2026-01-05","reason":"referral"})"}},
    {"POST /api/v1/episodes/{episode_id}/close",
     {kStaff, Scope::kClientRecord, R"({"closed_on":"2026-03-01","reason":"goals met"})"}},
    {"POST /api/v1/episodes/{episode_id}/reopen",
     {kStaff, Scope::kClientRecord, R"({"reason":"relapse"})"}},
    {"GET /api/v1/clients/{client_id}/sessions", {kAnyRole, Scope::kClientRecord}},
    {"POST /api/v1/clients/{client_id}/sessions",
     {kStaff, Scope::kClientRecord,
      R"({"episode_id":@EPISODE@,"date":"2026-01-12","attendance":"attended",
          "techniques":[{"technique":"cbt.thought_record","helpfulness":7}]})"}},
    {"GET /api/v1/clients/{client_id}/progress-notes", {kStaff, Scope::kClientRecord}},
    {"POST /api/v1/clients/{client_id}/progress-notes",
     {kStaff, Scope::kClientRecord, R"({"text":"progress"})"}},
    {"GET /api/v1/progress-notes/search", {kStaff, Scope::kNone, "", "?q=progress"}},
    {"GET /api/v1/clients/{client_id}/psychotherapy-notes", {kClinicians, Scope::kClientRecord}},
    {"POST /api/v1/clients/{client_id}/psychotherapy-notes",
     {kClinicians, Scope::kClientRecord, R"({"text":"process"})"}},
    {"GET /api/v1/clients/{client_id}/consultations", {kStaff, Scope::kClientRecord}},
    {"POST /api/v1/clients/{client_id}/consultations",
     {kStaff, Scope::kClientRecord, R"({"topic":"t"})"}},
    {"POST /api/v1/consultations/{thread_id}/messages",
     {kStaff, Scope::kClientRecord, R"({"text":"m"})"}},
    {"POST /api/v1/clients/{client_id}/break-glass",
     {kClinicians, Scope::kClientRecord,
      R"({"reason":"emergency: risk call","duration_minutes":5})", "", Reach::kBreakGlass}},
    {"GET /api/v1/audit/verification", {kAdminOnly}},
    {"GET /api/v1/audit/entries", {kAdminOnly}},
    {"GET /api/v1/clients/{client_id}/access-history", {kAdminOnly, Scope::kClientRecord}},
    // Clinical routes (routes/clinical_routes.hpp).
    {"GET /api/v1/instruments", {kAnyRole}},
    {"GET /api/v1/instruments/{instrument_id}", {kAnyRole, Scope::kLibraryEntry}},
    {"GET /api/v1/catalog/models", {kStaff}},
    {"GET /api/v1/catalog/models/{model_id}", {kStaff, Scope::kLibraryEntry}},
    {"GET /api/v1/catalog/techniques", {kStaff}},
    {"GET /api/v1/catalog/techniques/{technique_id}", {kStaff, Scope::kLibraryEntry}},
    {"GET /api/v1/catalog/integrative-models", {kStaff}},
    {"GET /api/v1/catalog/integrative-models/{integrative_model_id}",
     {kStaff, Scope::kLibraryEntry}},
    {"GET /api/v1/catalog/problems", {kStaff}},
    {"GET /api/v1/catalog/problems/{problem_id}", {kStaff, Scope::kLibraryEntry}},
    {"POST /api/v1/clients/{client_id}/sessions/{session_id}/measures",
     {kAnyRole, Scope::kClientRecord, R"({"instrument":"phq9","total":3})"}},
    {"GET /api/v1/clients/{client_id}/measures", {kAnyRole, Scope::kClientRecord}},
    {"POST /api/v1/clients/{client_id}/measures/{administration_id}/corrections",
     {kStaff, Scope::kClientRecord, R"({"reason":"misread","total":4})"}},
    {"POST /api/v1/clients/{client_id}/measures/{administration_id}/voids",
     {kStaff, Scope::kClientRecord, R"({"reason":"entered twice"})"}},
    {"POST /api/v1/clients/{client_id}/plans",
     {kClinicians, Scope::kClientRecord, R"({"episode_id":@EPISODE@,"strategy":"sequential"})"}},
    {"GET /api/v1/clients/{client_id}/plans", {kAnyRole, Scope::kClientRecord}},
    {"GET /api/v1/plans/{plan_id}", {kStaff, Scope::kClientRecord}},
    {"GET /api/v1/plans/{plan_id}/versions", {kStaff, Scope::kClientRecord}},
    {"GET /api/v1/plans/{plan_id}/versions/{version}", {kAnyRole, Scope::kClientRecord}},
    {"GET /api/v1/plans/{plan_id}/versions/{version}/text", {kStaff, Scope::kClientRecord}},
    {"POST /api/v1/plans/{plan_id}/choices",
     {kSigners, Scope::kClientRecord, R"({"expected_version":1,"choices":@CHOICES@})"}},
    {"POST /api/v1/plans/{plan_id}/sign-offs",
     {kSigners, Scope::kClientRecord, R"({"version":1,"role":"client"@AGREEMENT@})"}},
    {"POST /api/v1/plans/{plan_id}/discard",
     {kClinicians, Scope::kClientRecord, R"({"reason":"a comparison only"})"}},
    {"POST /api/v1/plans/{plan_id}/adaptations",
     {kClinicians, Scope::kClientRecord,
      R"({"expected_version":2,"proposal":{"kind":"review","summary":"s"},"client_feedback":"f"})"}},
    {"GET /api/v1/alerts", {kStaff}},
    {"POST /api/v1/alerts/{alert_id}/acknowledgements",
     {kClinicians, Scope::kClientRecord, R"({"note":"called back"})"}},
    {"POST /api/v1/alerts/{alert_id}/resolutions",
     {kClinicians, Scope::kClientRecord, R"({"note":"risk assessed; safety plan agreed"})"}},
    {"POST /api/v1/alerts/acknowledgements",
     {kClinicians, Scope::kNone, R"({"alert_ids":[@ALERT@],"note":"seen at the team meeting"})"}},
    // Each caller's own notifications; the one marked here is nobody's (404, never 403).
    {"GET /api/v1/notifications", {kStaff}},
    {"POST /api/v1/notifications/{notification_id}/read", {kStaff}},
    // Reminders (docs/reminders.md): the contact's first version is recorded by the first cell
    // (later cells conflict on expected_version); "remind now" then queues or conflicts.
    {"GET /api/v1/clients/{client_id}/reminder-contact", {kStaff, Scope::kClientRecord}},
    {"PUT /api/v1/clients/{client_id}/reminder-contact",
     {kStaff, Scope::kClientRecord,
      R"({"expected_version":0,"email":"a@example.org","email_consent":true,"sms_consent":false})"}},
    {"POST /api/v1/clients/{client_id}/reminders",
     {kStaff, Scope::kClientRecord, R"({"channel":"email"})"}},
    {"GET /api/v1/clients/{client_id}/reminders", {kStaff, Scope::kClientRecord}},
    {"GET /api/v1/reminders", {kAdminOnly}},
    {"GET /api/v1/caseload", {kStaff}},
    // Teams (docs/decisions/0210-supervision-read-access.md): made and filled by an admin.
    {"GET /api/v1/teams", {kStaff}},
    {"POST /api/v1/teams", {kAdminOnly, Scope::kNone, R"({"name":"matrix team"})"}},
    {"PUT /api/v1/teams/{team_id}/name",
     {kAdminOnly, Scope::kNone, R"({"name":"matrix team renamed"})"}},
    {"POST /api/v1/teams/{team_id}/members",
     {kAdminOnly, Scope::kNone, R"({"user_id":@BYSTANDER@,"role":"clinician"})"}},
    {"GET /api/v1/consultations", {kStaff}},
    // Schedules and questionnaire links (issue 18; docs/schedules.md). The public link routes
    // take the token in the body: an anonymous call with a made-up token is refused (404), as
    // any caller's is.
    {"GET /api/v1/clients/{client_id}/episodes/{episode_id}/schedule",
     {kStaff, Scope::kClientRecord}},
    {"PUT /api/v1/clients/{client_id}/episodes/{episode_id}/schedule",
     {kStaff, Scope::kClientRecord,
      R"({"instruments":[{"instrument":"phq9","frequency":"every_session"},
          {"instrument":"gad7","frequency":"every_session"}]})"}},
    {"GET /api/v1/clients/{client_id}/due", {kAnyRole, Scope::kClientRecord}},
    {"POST /api/v1/clients/{client_id}/questionnaire-links",
     {kStaff, Scope::kClientRecord, R"({"session_id":@OBJECT_SESSION@})"}},
    {"GET /api/v1/clients/{client_id}/questionnaire-links", {kStaff, Scope::kClientRecord}},
    {"POST /api/v1/clients/{client_id}/questionnaire-links/{link_id}/revocations",
     {kStaff, Scope::kClientRecord}},
    {"POST /api/v1/questionnaire-link/forms", {kEveryone, Scope::kNone, R"({"token":"made-up"})"}},
    {"POST /api/v1/questionnaire-link/submissions",
     {kEveryone, Scope::kNone,
      R"({"token":"made-up-too","idempotency_key":"matrix-0001","answers":{}})"}},
    // The client's own progress (decision 0260): staff share it; a client reads its own.
    {"PUT /api/v1/clients/{client_id}/episodes/{episode_id}/progress-sharing",
     {kStaff, Scope::kClientRecord, R"({"shared":true})"}},
    {"GET /api/v1/clients/{client_id}/progress", {kAnyRole, Scope::kClientRecord}},
    {"GET /api/v1/statistics/practice", {kStaff}},
    {"GET /api/v1/monitor/expected-model", {kStaff}},
    {"POST /api/v1/monitor/expected-model/refits", {kAdminOnly}},
    // FHIR R4 (docs/fhir.md): the same store calls, so the same rules, as the JSON API.
    {"GET /fhir/R4/metadata", {kEveryone}},
    {"GET /fhir/R4/Questionnaire", {kAnyRole}},
    {"GET /fhir/R4/Questionnaire/{questionnaire_id}", {kAnyRole, Scope::kLibraryEntry}},
    {"GET /fhir/R4/Patient", {kAnyRole}},
    {"GET /fhir/R4/Patient/{patient_id}", {kAnyRole, Scope::kClientRecord}},
    {"GET /fhir/R4/Practitioner", {kStaff}},
    {"GET /fhir/R4/Practitioner/{practitioner_id}", {kStaff, Scope::kTherapist}},
    {"GET /fhir/R4/CareTeam", {kStaff}},
    {"GET /fhir/R4/CareTeam/{care_team_id}", {kStaff, Scope::kClientRecord}},
    {"POST /fhir/R4/QuestionnaireResponse",
     {kAnyRole, Scope::kClientRecord,
      R"({"resourceType":"QuestionnaireResponse","status":"completed",)"
      R"("questionnaire":"urn:tessera:questionnaire:phq2",)"
      R"("subject":{"reference":"Patient/@OBJECT_CLIENT@"},)"
      R"("encounter":{"reference":"Encounter/@OBJECT_SESSION@"},)"
      R"("item":[{"linkId":"1","answer":[{"valueInteger":1}]},)"
      R"({"linkId":"2","answer":[{"valueInteger":0}]}]})"}},
    {"GET /fhir/R4/QuestionnaireResponse", {kAnyRole}},
    {"GET /fhir/R4/QuestionnaireResponse/{response_id}", {kAnyRole, Scope::kClientRecord}},
    {"GET /fhir/R4/Observation", {kAnyRole}},
    {"GET /fhir/R4/Observation/{observation_id}", {kAnyRole, Scope::kClientRecord}},
    {"GET /fhir/R4/CarePlan", {kAnyRole}},
    {"GET /fhir/R4/CarePlan/{care_plan_id}", {kAnyRole, Scope::kClientRecord}},
    {"GET /fhir/R4/Goal", {kAnyRole}},
    {"GET /fhir/R4/Goal/{goal_id}", {kAnyRole, Scope::kClientRecord}},
    // Bulk Data: admins only; a job is its starter's (another's is the same 404 as none).
    {"GET /fhir/R4/$export", {kAdminOnly}},
    {"GET /fhir/R4/$export-status/{job_id}", {kAdminOnly}},
    {"DELETE /fhir/R4/$export-status/{job_id}", {kAdminOnly}},
    {"GET /fhir/R4/$export-files/{job_id}/{file_name}", {kAdminOnly}},
};

std::string Label(const Route& route) {
  return std::string(MethodName(route.method)) + " " + route.pattern;
}

void ReplaceAll(std::string& text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

constexpr std::int64_t kMissingId = 999999;

// One client record and the ids that hang off it.
struct Record {
  std::int64_t client = kMissingId;
  std::int64_t episode = kMissingId;
  std::int64_t thread = kMissingId;
  std::int64_t session = kMissingId;
  std::int64_t plan = kMissingId;
  std::int64_t alert = kMissingId;
  std::int64_t administration = kMissingId;
  // Corrected and voided by the matrix's calls, so that the FHIR reads of `administration`
  // (which then no longer counts) stay meaningful.
  std::int64_t correctable_administration = kMissingId;
  std::string choices = "{}";      // one offered choice of the plan (JSON object)
  std::int64_t link = kMissingId;  // a questionnaire link of the record
};

// Library entries that exist (own) and that do not (missing), by path parameter.
const std::map<std::string, std::pair<std::string, std::string>> kLibraryEntries = {
    {"{instrument_id}", {"phq9", "phq10"}},
    {"{model_id}", {"cbt", "no-such-model"}},
    {"{technique_id}", {"thought_record", "no-such-technique"}},
    {"{integrative_model_id}", {"dbt_program", "no-such-model"}},
    {"{problem_id}", {"depression", "no-such-problem"}},
    {"{questionnaire_id}", {"phq9", "ors"}},  // ors: licensed, not offered
};

const app::ClinicalLibrary& Library() {
  static const app::ClinicalLibrary* loaded =
      new app::ClinicalLibrary(app::ClinicalLibrary::Load(TESSERA_DATA_DIR).value());
  return *loaded;
}

class AuthorizationMatrixTest : public ::testing::Test, protected testing::StoreTestStack {
 protected:
  void SetUp() override {
    ASSERT_TRUE(routes_added);
    // The clinical routes as `tessera serve --db` adds them: same pool, the real monitor.
    auto monitor = app::RoutineOutcomeMonitor::Create(Library(), TESSERA_DATA_DIR);
    ASSERT_TRUE(monitor) << monitor.error().message();
    monitor_ = std::move(*monitor);
    clinical_ = std::make_unique<ClinicalRouteDeps>(
        ClinicalRouteDeps{*pool, Library(), monitor_.get(), clock, pages});
    ASSERT_TRUE(AddClinicalRoutes(table, *clinical_));
    ASSERT_TRUE(AddQuestionnaireLinkRoutes(table, QuestionnaireLinkDeps{*clinical_, {}}));
    ids_[Caller::kAdmin] = AddUser("admin", Role::kAdmin);
    ids_[Caller::kClinician] = AddUser("clinician", Role::kClinician);
    ids_[Caller::kSupervisor] = AddUser("supervisor", Role::kSupervisor);
    ids_[Caller::kClient] = AddUser("client", Role::kClient);
    const UserId other_clinician = AddUser("clinician-b", Role::kClinician);
    const UserId other_team_lead = AddUser("clinician-c", Role::kClinician);
    const UserId other_team_supervisor = AddUser("supervisor-c", Role::kSupervisor);
    bystander_ = AddUser("bystander", Role::kClinician);
    account_ = AddUser("spare-client", Role::kClient);
    auto store = pool->Acquire();
    const AccessContext admin = AccessContext::For(ids_[Caller::kAdmin]);
    records_[Object::kOwn] = MakeRecord(*store, ids_[Caller::kClinician]);
    ASSERT_TRUE(store->AddCareTeamMember(AccessContext::For(ids_[Caller::kClinician]),
                                         {ClientId(records_[Object::kOwn].client),
                                          ids_[Caller::kSupervisor], CareTeamRole::kSupervisor}));
    ASSERT_TRUE(store->LinkClientAccount(admin, ids_[Caller::kClient],
                                         ClientId(records_[Object::kOwn].client)));
    records_[Object::kOtherClinicians] = MakeRecord(*store, other_clinician);
    records_[Object::kOtherTeams] = MakeRecord(*store, other_team_lead);
    ASSERT_TRUE(store->AddCareTeamMember(AccessContext::For(other_team_lead),
                                         {ClientId(records_[Object::kOtherTeams].client),
                                          other_team_supervisor, CareTeamRole::kSupervisor}));
    records_[Object::kMissing] = Record{};
    // Teams: the supervisor supervises the clinician (team A); clinician-c has a supervisor of
    // their own (team C). Neither team reaches clinician-b's client.
    team_a_ = store->CreateTeam(admin, "team A").value();
    ASSERT_TRUE(
        store->AddTeamMember(admin, team_a_, ids_[Caller::kClinician], TeamRole::kClinician));
    ASSERT_TRUE(
        store->AddTeamMember(admin, team_a_, ids_[Caller::kSupervisor], TeamRole::kSupervisor));
    const TeamId team_c = store->CreateTeam(admin, "team C").value();
    ASSERT_TRUE(store->AddTeamMember(admin, team_c, other_team_lead, TeamRole::kClinician));
    ASSERT_TRUE(store->AddTeamMember(admin, team_c, other_team_supervisor, TeamRole::kSupervisor));
    Therapist therapist;
    therapist.id = TherapistId("t-own");
    therapist.display_name = "Own";
    therapist.home_model = ModelId("cbt");
    ASSERT_TRUE(store->CreateTherapist(admin, therapist));
  }

  // A client led by `lead` with an episode, a thread, a session, a PHQ-9 endorsing item 9 (so
  // an alert) and a plan, made through the same use cases the routes call.
  Record MakeRecord(Store& store, UserId lead) {
    const AccessContext context = AccessContext::For(lead);
    Record record;
    ClientProfile profile;
    profile.problems = {{ProblemId("depression"), "moderate"}};
    profile.goals = {"go back to work"};
    const ClientId client = store.CreateClient(context, {"Name", "", "", ""}, profile).value();
    record.client = client.value();
    Episode episode;
    episode.client = client;
    episode.opened_on = "2026-01-01";
    episode.reason = "referral";
    const EpisodeId episode_id = store.OpenEpisode(context, episode).value();
    record.episode = episode_id.value();
    record.thread = store.OpenThread(context, client, "topic").value().value();
    const Session visit{{}, episode_id, client, "2026-01-05", Attendance::kAttended, {}, {}};
    const SessionId session = store.RecordSession(context, visit).value();
    record.session = session.value();
    std::map<std::string, std::optional<double>> answers;
    for (int item = 1; item <= 9; ++item) answers[std::to_string(item)] = 1;
    const auto submitted =
        app::SubmitAdministration(store, context, Library(), monitor_.get(), clock,
                                  {client, session, "phq9", answers, std::nullopt});
    EXPECT_TRUE(submitted && !submitted->alerts.empty());
    if (submitted && !submitted->alerts.empty()) record.alert = submitted->alerts[0].id.value();
    if (submitted) record.administration = submitted->administration.value();
    const auto spare = app::SubmitAdministration(store, context, Library(), monitor_.get(), clock,
                                                 {client, session, "gad7", std::nullopt, 5.0});
    EXPECT_TRUE(spare) << spare.error().message();
    if (spare) record.correctable_administration = spare->administration.value();
    // A later session with nothing given yet, and a questionnaire link for it.
    const Session next{{}, episode_id, client, "2026-01-12", Attendance::kAttended, {}, {}};
    const SessionId next_session = store.RecordSession(context, next).value();
    const auto link =
        app::IssueQuestionnaireLink(store, context, Library(), clock, {}, client, next_session);
    EXPECT_TRUE(link) << link.error().message();
    if (link) record.link = link->link.id.value();
    const auto plan = app::CreateTreatmentPlan(store, context, Library(), clock,
                                               {client, episode_id, "sequential", {}, {}});
    EXPECT_TRUE(plan) << plan.error().message();
    if (!plan) return record;
    record.plan = plan->id.value();
    // A second plan, signed by the clinician and agreed by the client: the active plan the
    // FHIR CarePlan and Goal serve (until a cell activates the first one instead).
    const auto active = app::CreateTreatmentPlan(store, context, Library(), clock,
                                                 {client, episode_id, "sequential", {}, {}});
    EXPECT_TRUE(active) << active.error().message();
    if (active) {
      EXPECT_TRUE(store.SignOffPlan(context, active->id, 1, SignOffRole::kClinician));
      EXPECT_TRUE(store.RecordClientAgreement(context, active->id, 1, AgreementGiven::kInSession));
    }
    const auto offered = nlohmann::json::parse(plan->versions.back().content)["offered_options"];
    EXPECT_FALSE(offered.empty());
    if (!offered.empty()) {
      record.choices = nlohmann::json{{offered[0]["for"], offered[0]["options"][0]}}.dump();
    }
    return record;
  }

  // The client's active plan now (earlier cells may have activated another), or kMissingId.
  std::int64_t ActivePlan(const Record& record) {
    if (record.client == kMissingId) return kMissingId;
    auto store = pool->Acquire();
    const auto plans =
        store->ListPlans(AccessContext::For(ids_.at(Caller::kAdmin)), ClientId(record.client));
    EXPECT_TRUE(plans) << plans.error().message();
    for (const Plan& plan : plans ? *plans : std::vector<Plan>{}) {
      if (plan.status == PlanStatus::kActive) return plan.id.value();
    }
    ADD_FAILURE() << "client " << record.client << " has no active plan";
    return kMissingId;
  }

  Response Call(const Route& route, const Entry& entry, Caller caller, Object object) {
    const Record& record = records_.at(object);
    const bool missing = object == Object::kMissing;
    std::string target = route.pattern + entry.query;
    ReplaceAll(target, "{client_id}", std::to_string(record.client));
    ReplaceAll(target, "{episode_id}", std::to_string(record.episode));
    ReplaceAll(target, "{thread_id}", std::to_string(record.thread));
    ReplaceAll(target, "{user_id}", std::to_string(missing ? kMissingId : account_.value()));
    ReplaceAll(target, "{therapist_id}", missing ? "t-missing" : "t-own");
    ReplaceAll(target, "{session_id}", std::to_string(record.session));
    ReplaceAll(target, "{plan_id}", std::to_string(record.plan));
    ReplaceAll(target, "{version}", "1");
    ReplaceAll(target, "{alert_id}", std::to_string(record.alert));
    const std::string response_id =
        std::to_string(record.client) + "-" + std::to_string(record.administration);
    ReplaceAll(target, "{patient_id}", std::to_string(record.client));
    ReplaceAll(target, "{care_team_id}", std::to_string(record.client));
    ReplaceAll(target, "{response_id}", response_id);
    ReplaceAll(target, "{observation_id}", response_id + "-total");
    ReplaceAll(target, "{practitioner_id}", missing ? "t-missing" : "t-own");
    const std::string care_plan =
        std::to_string(record.client) + "-" + std::to_string(ActivePlan(record));
    ReplaceAll(target, "{care_plan_id}", care_plan);
    ReplaceAll(target, "{job_id}", "no-such-job");
    ReplaceAll(target, "{file_name}", "Patient.ndjson");
    ReplaceAll(target, "{goal_id}", care_plan + "-1");
    ReplaceAll(target, "{administration_id}", std::to_string(record.correctable_administration));
    ReplaceAll(target, "{notification_id}", std::to_string(kMissingId));
    ReplaceAll(target, "{link_id}", std::to_string(record.link));
    ReplaceAll(target, "{team_id}", std::to_string(team_a_.value()));
    for (const auto& [parameter, ids] : kLibraryEntries)
      ReplaceAll(target, parameter, missing ? ids.second : ids.first);
    std::string body = route.body == RequestBody::kJson && entry.body.empty() ? "{}" : entry.body;
    ReplaceAll(body, "@EPISODE@", std::to_string(record.episode));
    ReplaceAll(body, "@CLIENT@", std::to_string(records_.at(Object::kOwn).client));
    ReplaceAll(body, "@BYSTANDER@", std::to_string(bystander_.value()));
    ReplaceAll(body, "@THERAPIST@", missing ? "t-missing" : "t-own");
    ReplaceAll(body, "@ALERT@", std::to_string(record.alert));
    ReplaceAll(body, "@CHOICES@", records_.at(missing ? Object::kOwn : object).choices);
    ReplaceAll(body, "@OBJECT_CLIENT@", std::to_string(record.client));
    ReplaceAll(body, "@OBJECT_SESSION@", std::to_string(record.session));
    // The client's own account signs as the client; staff record the client's agreement on
    // the client's behalf, saying how it was given.
    ReplaceAll(body, "@AGREEMENT@",
               caller == Caller::kClient ? "" : R"(,"agreement":"in_session")");
    Request request = Make(route.method, target, body);
    if (caller != Caller::kAnonymous) {
      // A fresh session per call, so that logout in one cell cannot affect another.
      request.headers["authorization"] = "Bearer " + OpenSession(ids_.at(caller)).token;
    }
    return dispatcher->Handle(request);
  }

  // The statuses a cell may give.
  enum class Expect { kUnauthenticated, kForbidden, kNotFound, kReached };
  static Expect Expected(const Entry& entry, Caller caller, Object object) {
    if (!entry.callers.contains(caller))
      return caller == Caller::kAnonymous ? Expect::kUnauthenticated : Expect::kForbidden;
    if (entry.scope == Scope::kNone || object == Object::kOwn) return Expect::kReached;
    if (object == Object::kMissing) return Expect::kNotFound;
    if (entry.scope != Scope::kClientRecord) return Expect::kReached;
    if (caller == Caller::kAdmin) return Expect::kReached;
    if (entry.reach == Reach::kBreakGlass && caller != Caller::kClient) return Expect::kReached;
    return Expect::kNotFound;
  }

  std::unique_ptr<app::RoutineOutcomeMonitor> monitor_;
  std::unique_ptr<ClinicalRouteDeps> clinical_;
  std::map<Caller, UserId> ids_;
  std::map<Object, Record> records_;
  UserId bystander_;
  UserId account_;
  TeamId team_a_;
};

TEST_F(AuthorizationMatrixTest, EveryRouteHasAnEntryAndEveryEntryARoute) {
  std::set<std::string> routed;
  for (const Route& route : table.routes()) {
    routed.insert(Label(route));
    EXPECT_TRUE(kMatrix.contains(Label(route)))
        << Label(route) << " has no authorization matrix entry";
  }
  for (const auto& [label, entry] : kMatrix) {
    EXPECT_TRUE(routed.contains(label)) << label << " is in the matrix but not a route";
  }
}

// The matrix's table is the one the real server builds: a route wired into ApiServer but not
// into this stack would otherwise escape the matrix.
TEST_F(AuthorizationMatrixTest, TheMatrixCoversTheRouteTableTheServerServes) {
  ServerConfig config;
  config.port = 0;
  config.password_hash = {kMinimumMemoryMib, kMinimumPasses};
  auto server = ApiServer::Create(config, ApiServerBackends{*users, *session_store, clock, log,
                                                            metrics, pool.get(), clinical_.get()});
  ASSERT_TRUE(server) << server.error().message();
  std::set<std::string> served;
  for (const Route& route : (*server)->routes().routes()) served.insert(Label(route));
  std::set<std::string> tested;
  for (const Route& route : table.routes()) tested.insert(Label(route));
  EXPECT_EQ(served, tested);
}

TEST_F(AuthorizationMatrixTest, NoUnexpectedSuccessesOrDenials) {
  // Break-glass cells grant access, so they run after every other cell.
  std::vector<const Route*> ordered;
  for (const Route& route : table.routes()) ordered.push_back(&route);
  std::stable_partition(ordered.begin(), ordered.end(), [](const Route* route) {
    const auto entry = kMatrix.find(Label(*route));
    return entry == kMatrix.end() || entry->second.reach != Reach::kBreakGlass;
  });
  int cells = 0;
  int unexpected_successes = 0;
  for (const Route* route : ordered) {
    const auto entry = kMatrix.find(Label(*route));
    if (entry == kMatrix.end()) continue;  // reported by the test above
    for (Caller caller : kAllCallers) {
      for (Object object : kAllObjects) {
        if (entry->second.scope == Scope::kNone && object != Object::kOwn) continue;
        if (entry->second.scope == Scope::kLibraryEntry && object != Object::kOwn &&
            object != Object::kMissing) {
          continue;
        }
        ++cells;
        const Response response = Call(*route, entry->second, caller, object);
        const int status = response.status;
        const Expect expected = Expected(entry->second, caller, object);
        SCOPED_TRACE(Label(*route) + " as caller " + std::to_string(static_cast<int>(caller)) +
                     " on object " + std::to_string(static_cast<int>(object)));
        if (expected != Expect::kReached && status < 300) ++unexpected_successes;
        switch (expected) {
          case Expect::kUnauthenticated:
            EXPECT_EQ(status, 401);
            break;
          case Expect::kForbidden:
            EXPECT_EQ(status, 403);
            break;
          case Expect::kNotFound:
            EXPECT_EQ(status, 404);
            break;
          case Expect::kReached:
            EXPECT_NE(status, 401);
            EXPECT_NE(status, 403);
            EXPECT_LT(status, 500);
            // On a record the caller may use, a valid body must succeed (or conflict with an
            // earlier cell's change, e.g. closing an episode twice).
            if (entry->second.scope != Scope::kNone) {
              EXPECT_TRUE(status < 300 || status == 409) << status << " " << response.body;
            }
            break;
        }
      }
    }
  }
  RecordProperty("cells", cells);
  EXPECT_EQ(unexpected_successes, 0);
  EXPECT_GT(cells, 800);
}

// Routes that name no object list only what the caller may see: another team's alerts and
// clients are not in the lists, and the statistics count only the caller's clients.
TEST_F(AuthorizationMatrixTest, ListsShowOnlyTheCallersClients) {
  const auto items_of = [&](Caller caller, const std::string& target) {
    const Response response = CallAs(ids_.at(caller), Method::kGet, target);
    EXPECT_EQ(response.status, 200) << target << ": " << response.body;
    return nlohmann::json::parse(response.body, nullptr, false);
  };
  const std::int64_t own = records_.at(Object::kOwn).client;
  for (Caller caller : {Caller::kClinician, Caller::kSupervisor}) {
    const auto alerts = items_of(caller, "/api/v1/alerts?limit=50")["items"];
    ASSERT_FALSE(alerts.empty());
    for (const auto& alert : alerts) EXPECT_EQ(alert["client_id"], own) << alert.dump();
    const auto clients = items_of(caller, "/api/v1/clients?limit=50")["items"];
    ASSERT_EQ(clients.size(), 1u);
    EXPECT_EQ(clients[0]["id"], own);
    EXPECT_EQ(items_of(caller, "/api/v1/statistics/practice")["clients"], 1);
    // The FHIR searches list the same clients.
    const auto patients = items_of(caller, "/fhir/R4/Patient")["entry"];
    ASSERT_EQ(patients.size(), 1u);
    EXPECT_EQ(patients[0]["resource"]["id"], std::to_string(own));
    for (const auto& entry : items_of(caller, "/fhir/R4/Observation")["entry"]) {
      EXPECT_EQ(entry["resource"]["subject"]["reference"], "Patient/" + std::to_string(own));
    }
  }
  EXPECT_EQ(items_of(Caller::kAdmin, "/api/v1/alerts?limit=50")["items"].size(), 3u);
  EXPECT_EQ(items_of(Caller::kAdmin, "/api/v1/statistics/practice")["clients"], 3);
}

// Supervision (docs/decisions/0210-supervision-read-access.md): the supervisor of team A reads
// a client led by team A's clinician without being on its care team, for supervision (audited
// with that reason), and writes nothing there (psychotherapy notes: the store contract suite,
// SupervisionReadsButNeverWrites); team C's
// client and clinician-b's stay out of reach; only supervisors have a team view.
TEST_F(AuthorizationMatrixTest, ASupervisorReadsTheTeamsClientsForSupervisionOnly) {
  Record supervised;
  {
    auto store = pool->Acquire();
    supervised = MakeRecord(*store, ids_.at(Caller::kClinician));
  }
  const std::string client = std::to_string(supervised.client);
  const UserId supervisor = ids_.at(Caller::kSupervisor);
  // Reads reach.
  for (const char* path : {"/summary", "/sessions", "/measures", "/plans", ""})
    EXPECT_EQ(
        CallAs(supervisor, Method::kGet, "/api/v1/clients/" + client + std::string(path)).status,
        200)
        << path;
  // Writes are refused, and nothing is written.
  EXPECT_EQ(CallAs(supervisor, Method::kPost, "/api/v1/clients/" + client + "/progress-notes",
                   R"({"text":"supervision note"})")
                .status,
            403);
  // An alert of the client is handled by its care team, not through supervision (refused;
  // the acknowledgement route finds it only among the caller's own clients' alerts).
  const int acknowledged =
      CallAs(supervisor, Method::kPost,
             "/api/v1/alerts/" + std::to_string(supervised.alert) + "/acknowledgements",
             R"({"note":"seen"})")
          .status;
  EXPECT_TRUE(acknowledged == 403 || acknowledged == 404) << acknowledged;
  EXPECT_TRUE(nlohmann::json::parse(CallAs(ids_.at(Caller::kClinician), Method::kGet,
                                           "/api/v1/clients/" + client + "/progress-notes")
                                        .body)["items"]
                  .empty());
  // Another team's client and an unteamed clinician's client stay missing.
  for (Object object : {Object::kOtherTeams, Object::kOtherClinicians}) {
    EXPECT_EQ(CallAs(supervisor, Method::kGet,
                     "/api/v1/clients/" + std::to_string(records_.at(object).client) + "/summary")
                  .status,
              404);
  }
  // The team view: team A's clients with their lead, nothing of team C.
  const Response team = CallAs(supervisor, Method::kGet, "/api/v1/caseload?scope=team&limit=50");
  ASSERT_EQ(team.status, 200) << team.body;
  std::set<std::int64_t> listed;
  const nlohmann::json team_items = nlohmann::json::parse(team.body)["items"];
  for (const auto& item : team_items) {
    listed.insert(item["client_id"].get<std::int64_t>());
    EXPECT_EQ(item["lead"]["user_id"], ids_.at(Caller::kClinician).value()) << item.dump();
    EXPECT_EQ(item["lead"]["name"], "clinician") << item.dump();
  }
  EXPECT_EQ(listed, (std::set<std::int64_t>{records_.at(Object::kOwn).client, supervised.client}))
      << team.body;
  // The own view is the care team's only; nobody else has a team view.
  const Response own = CallAs(supervisor, Method::kGet, "/api/v1/caseload?limit=50");
  ASSERT_EQ(own.status, 200);
  ASSERT_EQ(nlohmann::json::parse(own.body)["items"].size(), 1u);
  EXPECT_FALSE(nlohmann::json::parse(own.body)["items"][0].contains("lead"));
  for (Caller caller : {Caller::kAdmin, Caller::kClinician, Caller::kClient})
    EXPECT_EQ(CallAs(ids_.at(caller), Method::kGet, "/api/v1/caseload?scope=team").status, 403);
  EXPECT_EQ(CallAs(supervisor, Method::kGet, "/api/v1/caseload?scope=everyone").status, 400);
  // Every supervision read names its reason in the audit log.
  auto store = pool->Acquire();
  const auto audit = store->ReadClientAudit(AccessContext::For(ids_.at(Caller::kAdmin)),
                                            ClientId(supervised.client), 0, 1000);
  ASSERT_TRUE(audit) << audit.error().message();
  int supervision = 0;
  int team_view = 0;
  for (const AuditEntry& entry : *audit) {
    if (entry.actor != supervisor) continue;
    if (entry.record_type == "supervision") ++supervision;
    if (entry.record_type == "supervision_caseload") ++team_view;
  }
  EXPECT_GE(supervision, 5);
  EXPECT_EQ(team_view, 1);
}

}  // namespace
}  // namespace tessera::http
