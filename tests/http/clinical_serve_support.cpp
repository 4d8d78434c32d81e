#include "http/clinical_serve_support.hpp"

#include <gtest/gtest.h>

namespace tessera::testing {

std::string LoadDemoPractice(const std::string& db, int clients) {
  const CommandOutcome outcome =
      RunTessera({"demo-practice", "--db", db, "--clients", std::to_string(clients)});
  EXPECT_EQ(outcome.exit_code, 0) << outcome.err;
  return outcome.out;
}

std::string PasswordIn(const std::string& output, const std::string& username) {
  const std::string marker = "demo user " + username + " (";
  const auto start = output.find(marker);
  if (start == std::string::npos) return "";
  const auto password = output.find("password: ", start) + 10;
  return output.substr(password, output.find('\n', password) - password);
}

std::string BearerToken(int port, const std::string& username, const std::string& password) {
  const HttpReply reply = SendRequest(
      port, "POST", "/api/v1/login",
      nlohmann::json{{"username", username}, {"password", password}, {"credential", "bearer"}}
          .dump());
  if (reply.status != 200) return "";
  return nlohmann::json::parse(reply.body).value("token", "");
}

HttpReply Authorized(int port, const std::string& token, const std::string& method,
                     const std::string& target, const std::string& body) {
  return SendRequest(port, method, target, body, {{"Authorization", "Bearer " + token}});
}

std::vector<std::pair<std::int64_t, std::int64_t>> SubmissionTargets(int port,
                                                                     const std::string& token,
                                                                     int max_client) {
  std::vector<std::pair<std::int64_t, std::int64_t>> targets;
  for (int client = 1; client <= max_client; ++client) {
    const HttpReply reply = Authorized(
        port, token, "GET", "/api/v1/clients/" + std::to_string(client) + "/measures?limit=1");
    if (reply.status != 200) continue;
    const auto items = nlohmann::json::parse(reply.body)["items"];
    if (items.empty() || items[0]["session_id"].is_null()) continue;
    targets.emplace_back(client, items[0]["session_id"].get<std::int64_t>());
  }
  return targets;
}

std::vector<std::string> ServeArguments(const std::string& db) { return {"--db", db}; }

}  // namespace tessera::testing
