#pragma once
// The whole HTTP server assembled from its parts: password hasher, login limiter, sessions,
// authenticator, metrics, routes, dispatcher and the network server. The user directory and
// session store come from outside (the store module's adapters, or in-memory ones).

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "http/config.hpp"
#include "http/event_log.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "http/routes/clinical_routes.hpp"
#include "http/security/login_history.hpp"
#include "http/security/session_store.hpp"
#include "http/security/user_directory.hpp"
#include "http/static_site.hpp"
#include "http/store_backed/store_pool.hpp"

namespace tessera::http {

/// What the server is given. The caller owns the metrics registry so that it can hand the same
/// registry (as a MetricsSink) to the store and monitor before the server exists.
struct ApiServerBackends {
  const UserDirectory& users;
  SessionStore& sessions;
  const Clock& clock;
  EventLog& log;
  MetricsRegistry& metrics;
  /// The clinical store. Without it only the system and login routes are served (the
  /// in-memory demo mode); with it every domain route is registered.
  StorePool* store = nullptr;
  /// The clinical routes (instruments, catalogue, measures, plans, alerts, statistics);
  /// absent: not served.
  const ClinicalRouteDeps* clinical = nullptr;
  /// The web app served at / (static_site.hpp); absent: GET / is a 404 as before.
  const StaticSite* web_app = nullptr;
  /// Where the login limits keep their counters and logins are recorded (with a store:
  /// StoreLoginHistory, so the limits survive a restart); absent: in memory.
  LoginHistory* login_history = nullptr;
};

class ApiServer {
 public:
  /// Builds and binds. Errors: the config's (kInvalidArgument), a taken port (kUnavailable).
  /// The backends must outlive the server.
  static Result<std::unique_ptr<ApiServer>> Create(const ServerConfig& config,
                                                   ApiServerBackends backends);
  ~ApiServer();
  /// The OpenAPI document a server made by Create(config, backends) would serve, from the same
  /// route table, without binding or serving anything (`tessera openapi`).
  static Result<std::string> OpenApi(const ServerConfig& config, ApiServerBackends backends);

  std::uint16_t port() const;
  /// "http://127.0.0.1:8080" or "https://...".
  std::string BaseUrl() const;
  /// Serves until Stop() or SIGINT/SIGTERM.
  void Run();
  void Stop();

  const RouteTable& routes() const;

 private:
  struct Parts;
  /// Everything but the network server: security, routes, dispatcher.
  static Result<std::unique_ptr<Parts>> Assemble(const ServerConfig& config,
                                                 ApiServerBackends backends);
  explicit ApiServer(std::unique_ptr<Parts> parts);
  std::unique_ptr<Parts> parts_;
};

struct DemoCredential {
  std::string username;
  std::string role;
  std::string password;
};

/// The same demo accounts in the store (the first one through the bootstrap context when the
/// store has no accounts yet). Accounts that already exist are left alone and not listed.
Result<std::vector<DemoCredential>> AddDemoUsers(Store& store,
                                                 const PasswordHashParameters& parameters);

/// Adds one demo account per role (admin, clinician, supervisor, client) with a fresh random
/// password each, to be printed once. There are no default credentials.
Result<std::vector<DemoCredential>> AddDemoUsers(InMemoryUserDirectory& users,
                                                 const PasswordHashParameters& parameters);

}  // namespace tessera::http
