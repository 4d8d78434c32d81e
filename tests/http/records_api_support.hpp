#pragma once
// Black-box helpers: a signed-in API client over the real server that records every exchange,
// and a scenario that calls every record route (and the system, login and account routes) once
// as the right people and checks the answers. The clinical half: clinical_api_support.hpp.

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/server_process.hpp"

namespace tessera::testing {

/// One request and its reply, as recorded by ApiClient and CallPublic.
struct Exchange {
  std::string user;  // "" for anonymous
  std::string method;
  std::string target;  // path and query as sent
  int status = 0;
  std::string body;     // the reply's body
  std::string request;  // the request's body as sent ("" for none)
};
/// Every exchange since the last ForgetRecordedExchanges (or the start), in order.
const std::vector<Exchange>& RecordedExchanges();
void ForgetRecordedExchanges();

/// An anonymous request, recorded.
HttpReply CallPublic(int port, const std::string& method, const std::string& target,
                     const std::string& body = {});

/// A bearer-token client of one account; every call is recorded (with the username LogIn
/// got the token for).
struct ApiClient {
  int port = 0;
  std::string token;
  HttpReply Call(const std::string& method, const std::string& target, const std::string& body = {},
                 const std::map<std::string, std::string>& headers = {}) const;
  /// Calls and checks the status (a gtest failure names the route and body otherwise);
  /// returns the parsed body (null when empty or not JSON).
  nlohmann::json Expect(int status, const std::string& method, const std::string& target,
                        const nlohmann::json& body = nullptr) const;
};

/// A whole client profile for PUT .../profile: `given` fields over empty ones (a PUT replaces
/// the whole document and refuses one with fields left out).
inline nlohmann::json WholeProfile(const nlohmann::json& given) {
  nlohmann::json profile = {
      {"problems", nlohmann::json::array()}, {"traits", nlohmann::json::object()},
      {"stage_of_change", nullptr},          {"preferences", nlohmann::json::object()},
      {"goals", nlohmann::json::array()},    {"risks", nlohmann::json::array()}};
  profile.update(given);
  return profile;
}

/// Logs in (bearer, recorded); a failed login is a test failure and returns an empty token.
ApiClient LogIn(int port, const std::string& username, const std::string& password);

/// What the scenario created, for further checks.
struct PracticeIds {
  std::int64_t own_client = 0;    // demo-clinician's client; demo-client is linked to it
  std::int64_t other_client = 0;  // clinician-b's client
  std::int64_t episode = 0;
  std::int64_t thread = 0;
  std::int64_t demo_client_user = 0;
  std::string psychotherapy_canary;  // text of a psychotherapy note demo-clinician wrote
  std::string clinician_b_password;
  // Set by RunEveryClinicalRoute (clinical_api_support.hpp), on own_client.
  std::int64_t clinical_episode = 0;  // open
  std::int64_t session = 0;
  std::int64_t administration = 0;
  std::int64_t plan = 0;
  std::string fhir_response;    // set by RunEveryFhirRoute: a QuestionnaireResponse id
  std::string fhir_export_job;  // set by RunEveryFhirRoute: a Bulk Data export of demo-admin's
  std::int64_t alert = 0;
};

/// Runs every record, system, login and account route against a server started with
/// --demo-users on a fresh store.
PracticeIds RunEveryRecordRoute(const ServerProcess& server);

}  // namespace tessera::testing
