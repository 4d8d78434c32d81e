// Black-box: the consultation inbox (GET /api/v1/consultations) of the real `tessera serve`
// after the route scenario (api_fixture.hpp): newest activity first, client names, message
// and unread counts per caller, authors by name; another clinician's threads stay out.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "http/api_fixture.hpp"

namespace tessera::testing {
namespace {

using nlohmann::json;

class ConsultationInboxApiTest : public ApiTest {};

// The inbox entry of `thread`, or null.
json EntryOf(const json& inbox, std::int64_t thread) {
  for (const json& entry : inbox["items"]) {
    if (entry["id"] == thread) return entry;
  }
  return nullptr;
}

TEST_F(ConsultationInboxApiTest, ListsThreadsNewestFirstWithUnreadCountsAndAuthorNames) {
  const ApiClient clinician = As("demo-clinician");
  const ApiClient supervisor = As("demo-supervisor");
  const std::string own = "/api/v1/clients/" + std::to_string(ids().own_client);
  const std::int64_t thread =
      clinician.Expect(201, "POST", own + "/consultations", {{"topic", "inbox check"}})
          .value("id", 0);
  const std::string messages = "/api/v1/consultations/" + std::to_string(thread) + "/messages";
  supervisor.Expect(201, "POST", messages, {{"text", "first"}});
  supervisor.Expect(201, "POST", messages, {{"text", "second"}});

  json inbox = clinician.Expect(200, "GET", "/api/v1/consultations");
  ASSERT_GE(inbox["items"].size(), 2u) << inbox.dump();
  const json& newest = inbox["items"][0];
  EXPECT_EQ(newest["id"], thread);
  EXPECT_EQ(newest["client_id"], ids().own_client);
  EXPECT_EQ(newest["client_name"], "Client A");
  EXPECT_EQ(newest["topic"], "inbox check");
  EXPECT_EQ(newest["messages"], 2);
  EXPECT_EQ(newest["unread"], 2);  // the opener has not posted yet
  EXPECT_EQ(newest["taking_part"], true);
  ASSERT_EQ(newest["authors"].size(), 1u);
  EXPECT_EQ(newest["authors"][0]["name"], "demo-supervisor");
  for (std::size_t index = 1; index < inbox["items"].size(); ++index) {
    EXPECT_GE(inbox["items"][index - 1]["last_activity_at"].get<std::string>(),
              inbox["items"][index]["last_activity_at"].get<std::string>());
  }

  // The thread's own answer names its authors the same way.
  const json threads = clinician.Expect(200, "GET", own + "/consultations");
  bool found = false;
  for (const json& listed : threads["items"]) {
    if (listed["id"] != thread) continue;
    found = true;
    ASSERT_EQ(listed["messages"].size(), 2u);
    EXPECT_EQ(listed["messages"][0]["author_name"], "demo-supervisor");
    EXPECT_EQ(listed["messages"][0]["author_id"], newest["authors"][0]["id"]);
  }
  EXPECT_TRUE(found);

  // Replying reads what came before; a later message by another is unread again.
  clinician.Expect(201, "POST", messages, {{"text", "reply"}});
  EXPECT_EQ(EntryOf(clinician.Expect(200, "GET", "/api/v1/consultations"), thread)["unread"], 0);
  supervisor.Expect(201, "POST", messages, {{"text", "third"}});
  inbox = clinician.Expect(200, "GET", "/api/v1/consultations");
  const json entry = EntryOf(inbox, thread);
  EXPECT_EQ(entry["messages"], 4);
  EXPECT_EQ(entry["unread"], 1);
  ASSERT_EQ(entry["authors"].size(), 2u);
  EXPECT_EQ(entry["authors"][1]["name"], "demo-clinician");
  EXPECT_EQ(EntryOf(supervisor.Expect(200, "GET", "/api/v1/consultations"), thread)["unread"], 0);

  // Paged like every list; another clinician's inbox does not hold this client's threads.
  EXPECT_EQ(clinician.Expect(200, "GET", "/api/v1/consultations?limit=1")["items"].size(), 1u);
  const ApiClient clinician_b = LogIn(server().port(), "clinician-b", ids().clinician_b_password);
  EXPECT_TRUE(EntryOf(clinician_b.Expect(200, "GET", "/api/v1/consultations"), thread).is_null());
  As("demo-client").Expect(403, "GET", "/api/v1/consultations");
}

}  // namespace
}  // namespace tessera::testing
