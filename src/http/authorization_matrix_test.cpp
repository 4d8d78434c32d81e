// The authorization matrix: every route x every kind of caller x (for routes that name a client
// record) own / another clinician's / another team's / missing object, against expectations
// written here by hand (not derived from the route table, so a route whose roles change must
// change here too). A route without an entry fails the test. Runs over the real store-backed
// route table on a temporary SQLite store.

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

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

// What the route's path names: nothing, a client record (directly or through an episode or
// thread), an account or a therapist profile.
enum class Scope { kNone, kClientRecord, kAccount, kTherapist };
// Who reaches another clinician's / another team's client: only admins (the care-team rule),
// or also clinicians and supervisors (break-glass, by design).
enum class Reach { kCareTeam, kBreakGlass };
enum class Object { kOwn, kOtherClinicians, kOtherTeams, kMissing };
constexpr Object kAllObjects[] = {Object::kOwn, Object::kOtherClinicians, Object::kOtherTeams,
                                  Object::kMissing};

struct Entry {
  std::set<Caller> callers;  // callers that must get past authentication and the role check
  Scope scope = Scope::kNone;
  std::string body = {};     // a valid body; @EPISODE@ becomes the object's episode id
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
    {"GET /api/v1/users", {kAdminOnly}},
    {"POST /api/v1/users", {kAdminOnly, Scope::kNone, R"({"username":"new-one","role":"clinician"})"}},
    {"POST /api/v1/users/{user_id}/disable", {kAdminOnly, Scope::kAccount}},
    {"POST /api/v1/users/{user_id}/enable", {kAdminOnly, Scope::kAccount}},
    {"POST /api/v1/users/{user_id}/client-link",
     {kAdminOnly, Scope::kAccount, R"({"client_id":@CLIENT@})"}},
    {"POST /api/v1/therapists",
     {kAdminOnly, Scope::kNone, R"({"id":"t-new","display_name":"T","home_model":"cbt"})"}},
    {"GET /api/v1/therapists/{therapist_id}", {kStaff, Scope::kTherapist}},
    {"PUT /api/v1/therapists/{therapist_id}",
     {kAdminOnly, Scope::kTherapist,
      R"({"id":"@THERAPIST@","display_name":"T2","home_model":"cbt","version":1})"}},
    {"GET /api/v1/clients", {kAnyRole}},
    {"POST /api/v1/clients", {kRegistrars, Scope::kNone, R"({"identifiers":{"name":"N"}})"}},
    {"GET /api/v1/clients/{client_id}", {kAnyRole, Scope::kClientRecord}},
    {"GET /api/v1/clients/{client_id}/profile", {kAnyRole, Scope::kClientRecord}},
    {"PUT /api/v1/clients/{client_id}/profile",
     {kStaff, Scope::kClientRecord, R"({"expected_version":1,"profile":{"goals":["g"]}})"}},
    {"GET /api/v1/clients/{client_id}/care-team", {kStaff, Scope::kClientRecord}},
    {"GET /api/v1/clients/{client_id}/summary", {kStaff, Scope::kClientRecord}},
    {"POST /api/v1/clients/{client_id}/care-team",
     {kRegistrars, Scope::kClientRecord, R"({"user_id":@BYSTANDER@,"role":"consultant"})"}},
    {"GET /api/v1/clients/{client_id}/episodes", {kAnyRole, Scope::kClientRecord}},
    {"POST /api/v1/clients/{client_id}/episodes",
     {kStaff, Scope::kClientRecord, R"({"opened_on":"2026-01-05","reason":"referral"})"}},
    {"POST /api/v1/episodes/{episode_id}/close",
     {kStaff, Scope::kClientRecord, R"({"closed_on":"2026-03-01","reason":"goals met"})"}},
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
     {kClinicians, Scope::kClientRecord, R"({"reason":"emergency: risk call","duration_minutes":5})",
      "", Reach::kBreakGlass}},
    {"GET /api/v1/audit/verification", {kAdminOnly}},
    {"GET /api/v1/audit/entries", {kAdminOnly}},
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
};

class AuthorizationMatrixTest : public ::testing::Test, protected testing::StoreTestStack {
 protected:
  void SetUp() override {
    ASSERT_TRUE(routes_added);
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
    Therapist therapist;
    therapist.id = TherapistId("t-own");
    therapist.display_name = "Own";
    therapist.home_model = ModelId("cbt");
    ASSERT_TRUE(store->CreateTherapist(admin, therapist));
  }

  static Record MakeRecord(Store& store, UserId lead) {
    const AccessContext context = AccessContext::For(lead);
    Record record;
    record.client = store.CreateClient(context, {"Name", "", "", ""}, {}).value().value();
    Episode episode;
    episode.client = ClientId(record.client);
    episode.opened_on = "2026-01-01";
    episode.reason = "referral";
    record.episode = store.OpenEpisode(context, episode).value().value();
    record.thread = store.OpenThread(context, ClientId(record.client), "topic").value().value();
    return record;
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
    std::string body = route.body == RequestBody::kJson && entry.body.empty() ? "{}" : entry.body;
    ReplaceAll(body, "@EPISODE@", std::to_string(record.episode));
    ReplaceAll(body, "@CLIENT@", std::to_string(records_.at(Object::kOwn).client));
    ReplaceAll(body, "@BYSTANDER@", std::to_string(bystander_.value()));
    ReplaceAll(body, "@THERAPIST@", missing ? "t-missing" : "t-own");
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

  std::map<Caller, UserId> ids_;
  std::map<Object, Record> records_;
  UserId bystander_;
  UserId account_;
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
        ++cells;
        const int status = Call(*route, entry->second, caller, object).status;
        const Expect expected = Expected(entry->second, caller, object);
        SCOPED_TRACE(Label(*route) + " as caller " + std::to_string(static_cast<int>(caller)) +
                     " on object " + std::to_string(static_cast<int>(object)));
        if (expected != Expect::kReached && status < 300) ++unexpected_successes;
        switch (expected) {
          case Expect::kUnauthenticated: EXPECT_EQ(status, 401); break;
          case Expect::kForbidden: EXPECT_EQ(status, 403); break;
          case Expect::kNotFound: EXPECT_EQ(status, 404); break;
          case Expect::kReached:
            EXPECT_NE(status, 401);
            EXPECT_NE(status, 403);
            EXPECT_LT(status, 500);
            // On a record the caller may use, a valid body must succeed (or conflict with an
            // earlier cell's change, e.g. closing an episode twice).
            if (entry->second.scope != Scope::kNone) {
              EXPECT_TRUE(status < 300 || status == 409) << status;
            }
            break;
        }
      }
    }
  }
  EXPECT_EQ(unexpected_successes, 0);
  EXPECT_GT(cells, 300);
}

}  // namespace
}  // namespace tessera::http
