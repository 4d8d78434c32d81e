#pragma once
// Black-box helpers for the record routes: a signed-in API client over the real server, and a
// scenario that calls every record route once as the right people and checks the answers.

#include <nlohmann/json.hpp>
#include <string>

#include "support/server_process.hpp"

namespace tessera::testing {

/// A bearer-token client of one account.
struct ApiClient {
  int port = 0;
  std::string token;
  HttpReply Call(const std::string& method, const std::string& target,
                 const std::string& body = {}) const;
  /// Calls and checks the status (a gtest failure names the route and body otherwise);
  /// returns the parsed body (null when empty or not JSON).
  nlohmann::json Expect(int status, const std::string& method, const std::string& target,
                        const nlohmann::json& body = nullptr) const;
};

/// Logs in (bearer); a failed login is a test failure and returns an empty token.
ApiClient LogIn(int port, const std::string& username, const std::string& password);

/// What the scenario created, for further checks.
struct PracticeIds {
  std::int64_t own_client = 0;      // demo-clinician's client; demo-client is linked to it
  std::int64_t other_client = 0;    // clinician-b's client
  std::int64_t episode = 0;
  std::int64_t thread = 0;
  std::int64_t demo_client_user = 0;
  std::string psychotherapy_canary;  // text of a psychotherapy note demo-clinician wrote
  std::string clinician_b_password;
};

/// Runs every record route against a server started with --demo-users on a fresh store.
PracticeIds RunEveryRecordRoute(const ServerProcess& server);

}  // namespace tessera::testing
