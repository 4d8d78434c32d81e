// Black-box: the log is asynchronous (lines are queued and written by one writer thread), yet
// SIGTERM loses none of them: the server writes every queued line before it exits.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/run_command.hpp"
#include "support/server_process.hpp"

namespace tessera::testing {
namespace {

TEST(ServeShutdown, EveryRequestLineIsInTheLogAfterSigterm) {
  TempDir directory;
  ServerProcess server({}, ServerTestEnvironment(), directory.File("log"));
  std::vector<std::string> request_ids;
  for (int request = 0; request < 50; ++request) {
    const HttpReply reply = SendRequest(server.port(), "GET", "/healthz");
    ASSERT_EQ(reply.status, 200);
    request_ids.push_back(reply.Header("x-request-id"));
    ASSERT_FALSE(request_ids.back().empty());
  }
  EXPECT_EQ(server.Stop(), 0);  // SIGTERM right after the last answer
  const std::string log = ReadFile(directory.File("log"));
  for (const std::string& id : request_ids) {
    EXPECT_NE(log.find("\"request_id\":\"" + id + "\""), std::string::npos) << id;
  }
  // The last request's line is there, complete (the file ends with a newline).
  ASSERT_FALSE(log.empty());
  EXPECT_EQ(log.back(), '\n');
}

}  // namespace
}  // namespace tessera::testing
