#pragma once
// Shared by the clinical black-box tests: a demo-practice database made with the real binary,
// a server on it, bearer logins, and the (client, session) pairs a clinician can submit to.

#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

#include "support/run_command.hpp"
#include "support/server_process.hpp"

namespace tessera::testing {

/// Runs `tessera demo-practice --db db --clients N`; returns its stdout (the passwords).
std::string LoadDemoPractice(const std::string& db, int clients);
/// The password printed for `username` in demo-practice output, or "".
std::string PasswordIn(const std::string& output, const std::string& username);
/// Logs in with a bearer credential; "" when it fails.
std::string BearerToken(int port, const std::string& username, const std::string& password);
/// A request with the bearer token.
HttpReply Authorized(int port, const std::string& token, const std::string& method,
                     const std::string& target, const std::string& body = {});
/// (client id, session id) of every client whose measures this token may read, among ids
/// 1..max_client (each client's first administered session).
std::vector<std::pair<std::int64_t, std::int64_t>> SubmissionTargets(int port,
                                                                     const std::string& token,
                                                                     int max_client);
/// The server arguments for a SQLite database file.
std::vector<std::string> ServeArguments(const std::string& db);

}  // namespace tessera::testing
