// The authorization matrix: every route x every kind of caller, against expectations written
// here by hand (not derived from the route table, so a route whose roles change must change
// here too). A route without an entry fails the test. The object dimension (own / another
// clinician's / another team's / missing object) joins with the domain routes of issue 7.

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "http/testing/test_stack.hpp"

namespace tessera::http {
namespace {

enum class Caller { kAnonymous, kAdmin, kClinician, kSupervisor, kClient };
constexpr Caller kAllCallers[] = {Caller::kAnonymous, Caller::kAdmin, Caller::kClinician,
                                  Caller::kSupervisor, Caller::kClient};
const std::set<Caller> kEveryone(std::begin(kAllCallers), std::end(kAllCallers));
const std::set<Caller> kAnyRole = {Caller::kAdmin, Caller::kClinician, Caller::kSupervisor,
                                   Caller::kClient};

// Who may use each route ("METHOD pattern" -> callers that must not get 401/403).
const std::map<std::string, std::set<Caller>> kMatrix = {
    {"GET /healthz", kEveryone},
    {"GET /metrics", kEveryone},
    {"GET /api/v1/openapi.json", kEveryone},
    {"POST /api/v1/login", kEveryone},
    {"POST /api/v1/logout", kAnyRole},
    {"GET /api/v1/me", kAnyRole},
};

std::string Label(const Route& route) {
  return std::string(MethodName(route.method)) + " " + route.pattern;
}

class AuthorizationMatrixTest : public ::testing::Test, protected testing::TestStack {
 protected:
  void SetUp() override {
    ASSERT_TRUE(routes_added);
    ids_[Caller::kAdmin] = AddUser("admin", Role::kAdmin, "pw-admin");
    ids_[Caller::kClinician] = AddUser("clinician", Role::kClinician, "pw-clinician");
    ids_[Caller::kSupervisor] = AddUser("supervisor", Role::kSupervisor, "pw-supervisor");
    ids_[Caller::kClient] = AddUser("client", Role::kClient, "pw-client");
  }
  // Placeholder ids for path parameters; a JSON object for routes that take a body.
  Response Call(const Route& route, Caller caller) {
    std::string target = route.pattern;
    for (auto open = target.find('{'); open != std::string::npos; open = target.find('{')) {
      target.replace(open, target.find('}', open) - open + 1, "1");
    }
    Request request =
        Make(route.method, target, route.body == RequestBody::kJson ? "{}" : std::string());
    if (caller != Caller::kAnonymous) {
      // A fresh session per call, so that logout in one cell cannot affect another.
      request.headers["authorization"] = "Bearer " + OpenSession(ids_.at(caller)).token;
    }
    return dispatcher.Handle(request);
  }
  std::map<Caller, UserId> ids_;
};

TEST_F(AuthorizationMatrixTest, EveryRouteHasAnEntryAndEveryEntryARoute) {
  std::set<std::string> routed;
  for (const Route& route : table.routes()) {
    routed.insert(Label(route));
    EXPECT_TRUE(kMatrix.contains(Label(route)))
        << Label(route) << " has no authorization matrix entry";
  }
  for (const auto& [label, callers] : kMatrix) {
    EXPECT_TRUE(routed.contains(label)) << label << " is in the matrix but not a route";
  }
}

TEST_F(AuthorizationMatrixTest, NoUnexpectedSuccessesOrDenials) {
  int cells = 0;
  for (const Route& route : table.routes()) {
    const auto entry = kMatrix.find(Label(route));
    if (entry == kMatrix.end()) continue;  // reported by the test above
    for (Caller caller : kAllCallers) {
      ++cells;
      const int status = Call(route, caller).status;
      const bool allowed = entry->second.contains(caller);
      SCOPED_TRACE(Label(route) + " as caller " + std::to_string(static_cast<int>(caller)));
      if (allowed) {
        EXPECT_NE(status, 401);
        EXPECT_NE(status, 403);
      } else {
        EXPECT_EQ(status, caller == Caller::kAnonymous ? 401 : 403);
      }
    }
  }
  EXPECT_EQ(cells, static_cast<int>(kMatrix.size() * std::size(kAllCallers)));
}

}  // namespace
}  // namespace tessera::http
