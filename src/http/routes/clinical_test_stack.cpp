#include "http/routes/clinical_test_stack.hpp"

#include "http/json_body.hpp"
#include "store/sql/schema.hpp"
#include "store/sql/sql_store.hpp"

namespace tessera::http::testing {

const app::ClinicalLibrary& ClinicalRoutesTest::library() {
  static const app::ClinicalLibrary* loaded = [] {
    auto result = app::ClinicalLibrary::Load(TESSERA_DATA_DIR);
    if (!result) {
      ADD_FAILURE() << result.error().message();
      std::abort();
    }
    return new app::ClinicalLibrary(std::move(*result));
  }();
  return *loaded;
}

void ClinicalRoutesTest::SetUp() {
  ASSERT_TRUE(routes_added);
  scratch_ = store::testing::ScratchStore::Create(store::StoreKind::kSqlite, clock);
  ASSERT_TRUE(scratch_);
  direct_ = scratch_->Connect(clock);
  const std::string hash = hasher.Hash("pw").value();
  const struct {
    const char* name;
    Role role;
    tessera::Role store_role;
  } accounts[] = {{"admin", Role::kAdmin, tessera::Role::kAdmin},
                  {"ana", Role::kClinician, tessera::Role::kClinician},
                  {"ben", Role::kClinician, tessera::Role::kClinician},
                  {"sue", Role::kSupervisor, tessera::Role::kSupervisor},
                  {"cal", Role::kClient, tessera::Role::kClient}};
  AccessContext admin = AccessContext::Bootstrap();
  for (const auto& account : accounts) {
    auto stored = direct_->CreateUser(admin, User{{}, account.name, account.store_role, hash, {}});
    ASSERT_TRUE(stored) << stored.error().message();
    if (!admin.actor) admin = AccessContext::For(*stored);
    const UserId in_memory = AddUser(account.name, account.role, "pw");
    ASSERT_EQ(in_memory, *stored) << "the two user lists must agree on ids";
    users_[account.name] = in_memory;
  }
  const auto seed = [&](const std::string& clinician, ClientId& client, EpisodeId& episode,
                        SessionId& session) {
    const AccessContext context = AccessContext::For(users_.at(clinician));
    ClientProfile profile;
    profile.problems = {{ProblemId("depression"), "moderate"}};
    profile.goals = {"go back to work"};
    client =
        direct_->CreateClient(context, {"Client of " + clinician, "", "", ""}, profile).value();
    episode = direct_->OpenEpisode(context, Episode{{}, client, "2026-01-05", "referral", {}, ""})
                  .value();
    session =
        direct_
            ->RecordSession(
                context, Session{{}, episode, client, "2026-01-05", Attendance::kAttended, {}, {}})
            .value();
  };
  seed("ana", client_, episode_, session_);
  EpisodeId bens_episode;
  seed("ben", bens_client_, bens_episode, bens_session_);

  std::vector<std::unique_ptr<Store>> connections;
  for (int connection = 0; connection < 2; ++connection)
    connections.push_back(scratch_->Connect(clock));
  // Handlers' store work goes through a commit queue on its own connection, as in serve.
  auto pool = StorePool::Create(
      std::move(connections), std::make_unique<store::CommitQueue>(scratch_->Connect(clock),
                                                                   store::CommitQueue::Options{}));
  ASSERT_TRUE(pool) << pool.error().message();
  pool_ = std::move(*pool);
  deps_ = std::make_unique<ClinicalRouteDeps>(
      ClinicalRouteDeps{*pool_, library(), nullptr, clock, PageLimits{2, 5}});
  ASSERT_TRUE(AddClinicalRoutes(table, *deps_));
}

void ClinicalRoutesTest::TearDown() {
  pool_.reset();
  direct_.reset();
  scratch_.reset();
}

Store& ClinicalRoutesTest::store() { return *direct_; }

Response ClinicalRoutesTest::Call(const std::string& caller, Method method,
                                  const std::string& target, const std::string& body) {
  Request request = Make(method, target, body);
  if (IsWrite(method) && body.empty()) request.headers["content-type"] = "application/json";
  if (!caller.empty()) {
    request.headers["authorization"] = "Bearer " + OpenSession(users_.at(caller)).token;
  }
  return dispatcher.Handle(request);
}

nlohmann::json ClinicalRoutesTest::BodyOf(const Response& response) {
  return nlohmann::json::parse(response.body, nullptr, false);
}

std::string ClinicalRoutesTest::RecordsFingerprint() {
  std::string fingerprint;
  for (std::string_view table_name : store::AppendOnlyTables()) {
    if (table_name == "audit_log") continue;
    auto rows = direct_->database().Query("SELECT COUNT(*) FROM " + std::string(table_name), {});
    fingerprint += std::string(table_name) + "=" + (rows ? rows->at(0).Text(0) : "?") + " ";
  }
  return fingerprint;
}

}  // namespace tessera::http::testing
