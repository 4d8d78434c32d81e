#pragma once
// For unit tests only: the dispatcher with every route (system, auth and all store-backed
// families) over a real SQLite store in a fresh temporary directory, store-backed accounts and
// sessions, a fake clock and the cheapest allowed argon2id parameters. No sockets.

#include <stdlib.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "http/dispatcher.hpp"
#include "http/routes/routes.hpp"
#include "http/security/authenticator.hpp"
#include "http/security/password_hasher.hpp"
#include "http/store_backed/store_accounts.hpp"
#include "store/open_store.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace tessera::http::testing {

class StoreTestStack {
 public:
  /// Wraps the commit queue writer's database connection (e.g. to act between a batch's units
  /// and its commit).
  using WriterDatabaseWrap =
      std::function<std::unique_ptr<store::Database>(std::unique_ptr<store::Database>)>;

  StoreTestStack() : StoreTestStack(WriterDatabaseWrap{}) {}
  explicit StoreTestStack(const WriterDatabaseWrap& wrap_writer) {
    std::string pattern = (std::filesystem::temp_directory_path() / "tessera-http-XXXXXX").string();
    directory = mkdtemp(pattern.data());
    std::vector<std::unique_ptr<Store>> connections;
    for (int index = 0; index < 2; ++index) {
      connections.push_back(store::OpenStore(directory + "/clinic.db", clock,
                                             {.creation = store::Creation::kCreateIfMissing})
                                .value());
    }
    // Handlers' store work goes through a commit queue on its own connection, as in serve.
    std::unique_ptr<Store> writer;
    if (wrap_writer) {
      auto database =
          store::SqliteDatabase::Open(directory + "/clinic.db", store::SqliteOpenMode::kMustExist)
              .value();
      writer = std::make_unique<store::SqlStore>(wrap_writer(std::move(database)), clock);
    } else {
      writer = store::OpenStore(directory + "/clinic.db", clock, {}).value();
    }
    pool = StorePool::Create(std::move(connections),
                             std::make_unique<store::CommitQueue>(std::move(writer),
                                                                  store::CommitQueue::Options{}))
               .value();
    users = std::make_unique<StoreUserDirectory>(*pool);
    session_store = std::make_unique<StoreSessionStore>(*pool);
    sessions = std::make_unique<SessionManager>(*session_store, *users, clock, SessionTimeouts{});
    login_history = std::make_unique<StoreLoginHistory>(*pool);
    limiter = LoginRateLimiter::Create(clock, {}, *login_history).value();
    authenticator = std::make_unique<Authenticator>(
        Authenticator::Parts{*users, *sessions, *limiter, *login_history, hasher, clock,
                             hasher.HashOfUnguessablePassword().value()});
    dispatcher = std::make_unique<Dispatcher>(table, *sessions, metrics, log, clock, JsonLimits{});
    Status added = AddSystemRoutes(table, metrics);
    if (added) added = AddAuthRoutes(table, *authenticator, *sessions);
    if (added) {
      added = AddStoreRoutes(table, StoreRoutes{*pool, pages, clock, sessions.get()},
                             AccountSecurity{hasher, *limiter});
    }
    routes_added = added.has_value();
    if (!added) routes_error = added.error().message();
  }
  ~StoreTestStack() {
    std::error_code ignored;
    std::filesystem::remove_all(directory, ignored);
  }

  /// Creates an account in the store (the first one must be an admin: bootstrap).
  UserId AddUser(const std::string& username, Role role) {
    auto store = pool->Acquire();
    User user;
    user.username = username;
    user.role = role;
    user.password_hash = hasher.Hash("password-" + username).value();
    const AccessContext creator = store->CountUsers().value() == 0
                                      ? AccessContext::Bootstrap()
                                      : AccessContext::For(first_admin);
    const UserId id = store->CreateUser(creator, user).value();
    if (role == Role::kAdmin && first_admin.value() == 0) first_admin = id;
    return id;
  }

  NewSession OpenSession(UserId user) { return sessions->Open(user).value(); }

  static Request Make(Method method, std::string target, std::string body = {}) {
    Request request;
    request.method = method;
    request.target = std::move(target);
    request.body = std::move(body);
    request.source_address = "127.0.0.1";
    if (!request.body.empty()) request.headers["content-type"] = "application/json";
    return request;
  }

  /// A request as `user` with a fresh bearer session.
  Response CallAs(UserId user, Method method, std::string target, std::string body = {}) {
    Request request = Make(method, std::move(target), std::move(body));
    request.headers["authorization"] = "Bearer " + OpenSession(user).token;
    return dispatcher->Handle(request);
  }

  std::string directory;
  FakeClock clock{TimePoint(std::chrono::hours(500000))};
  PasswordHasher hasher = PasswordHasher::Create({kMinimumMemoryMib, kMinimumPasses}).value();
  PageLimits pages;
  std::unique_ptr<StorePool> pool;
  std::unique_ptr<StoreUserDirectory> users;
  std::unique_ptr<StoreSessionStore> session_store;
  std::unique_ptr<SessionManager> sessions;
  std::unique_ptr<StoreLoginHistory> login_history;
  std::unique_ptr<LoginRateLimiter> limiter;
  std::unique_ptr<Authenticator> authenticator;
  MetricsRegistry metrics;
  MemoryEventLog log;
  RouteTable table;
  std::unique_ptr<Dispatcher> dispatcher;
  UserId first_admin{0};
  bool routes_added = false;
  std::string routes_error;  // why routes_added is false
};

}  // namespace tessera::http::testing
