#pragma once
// For the clinical route tests: the dispatcher with the real system, auth and clinical routes
// over a fresh SQLite store. Accounts exist twice with the same ids: in the in-memory user
// directory the dispatcher authenticates against, and in the store that checks access.
// Callers: admin, ana and ben (clinicians), sue (supervisor), cal (client account). Ana leads
// the care team of the seeded client; ben and sue are on no team.

#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "app/clinical_library.hpp"
#include "http/routes/clinical_routes.hpp"
#include "http/store_backed/store_pool.hpp"
#include "http/testing/test_stack.hpp"
#include "store/testing/store_fixture.hpp"

namespace tessera::http::testing {

class ClinicalRoutesTest : public ::testing::Test, protected TestStack {
 protected:
  void SetUp() override;
  void TearDown() override;

  /// A request as `caller` (bearer session); "" for anonymous.
  Response Call(const std::string& caller, Method method, const std::string& target,
                const std::string& body = {});
  nlohmann::json BodyOf(const Response& response);
  /// Row counts of the append-only record tables.
  std::string RecordsFingerprint();
  Store& store();

  static const app::ClinicalLibrary& library();

  std::map<std::string, UserId> users_;
  ClientId client_;  // ana's
  EpisodeId episode_;
  SessionId session_;
  ClientId bens_client_;  // on ben's team only
  SessionId bens_session_;

 private:
  std::unique_ptr<store::testing::ScratchStore> scratch_;
  std::unique_ptr<StorePool> pool_;
  std::unique_ptr<store::SqlStore> direct_;
  std::unique_ptr<ClinicalRouteDeps> deps_;
};

}  // namespace tessera::http::testing
