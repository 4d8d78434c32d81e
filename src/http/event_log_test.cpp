#include "http/event_log.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace tessera::http {
namespace {

RequestLogFields Fields(std::string_view source) {
  return {.time = TimePoint(std::chrono::milliseconds(1'700'000'000'123)),
          .request_id = "0123456789abcdef",
          .method = "GET",
          .route = "GET /api/v1/clients/{client_id}",
          .status = 200,
          .duration_ms = 1.25,
          .source = source,
          .user_id = 7};
}

TEST(RequestLogLine, IsOneJsonObjectWithEveryField) {
  EXPECT_EQ(
      RequestLogLine(Fields("127.0.0.1")),
      R"({"time":"2023-11-14T22:13:20.123Z","event":"request","request_id":"0123456789abcdef",)"
      R"("method":"GET","route":"GET /api/v1/clients/{client_id}","status":200,)"
      R"("duration_ms":1.25,"source":"127.0.0.1","user_id":7})");
}

TEST(RequestLogLine, EscapesQuotesBackslashesAndControlCharacters) {
  const struct {
    std::string source;
    const char* escaped;  // as it appears in the line
  } cases[] = {{"", R"("")"},
               {"plain", R"("plain")"},
               {"a\"b", R"("a\"b")"},
               {"\"", R"("\"")"},
               {"back\\slash\\", R"("back\\slash\\")"},
               {"tab\there", R"("tab\u0009here")"},
               {std::string("nul\0end", 7), R"("nul\u0000end")"},
               {"\x1f\x01", R"("\u001f\u0001")"},
               {"caf\xc3\xa9 \x7f", "\"caf\xc3\xa9 \x7f\""}};
  for (const auto& test_case : cases) {
    const std::string line = RequestLogLine(Fields(test_case.source));
    EXPECT_NE(line.find(std::string(",\"source\":") + test_case.escaped + ","), std::string::npos)
        << line;
    EXPECT_EQ(nlohmann::json::parse(line)["source"], test_case.source) << line;
  }
}

}  // namespace
}  // namespace tessera::http
