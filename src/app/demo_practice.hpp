#pragma once
// A demo practice for `make run`: accounts (an admin, three clinicians with different
// competencies, a supervisor), therapist profiles, and clients simulated by the stats module's
// practice simulator (docs/simulation.md: invented effect sizes, not clinical facts) with
// weekly sessions, PHQ-9 and GAD-7 administrations submitted through the same use case as the
// API (so flags and monitoring raise alerts), closed and open episodes, and plans for the open
// ones. Everything is fictional.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "app/clinical_library.hpp"
#include "app/monitoring.hpp"
#include "core/clock.hpp"
#include "core/store.hpp"

namespace tessera::app {

struct DemoAccount {
  std::string username;
  std::string role;
  std::string password;  // shown once by the caller; only its hash is stored
};

struct DemoPracticeSpec {
  std::size_t clients = 24;
  int sessions = 10;
  std::uint64_t seed = 7;
  TimePoint first_session;  // the first client's intake; clients start a week apart
};

/// Turns a password into the stored hash (argon2id in the HTTP module), and makes a fresh
/// random password. Injected so that app does not depend on http.
struct DemoCredentials {
  std::function<Result<std::string>(const std::string&)> hash;
  std::function<std::string()> new_password;
};

struct DemoPracticeResult {
  bool created = false;  // false: the store already had accounts; nothing was changed
  std::vector<DemoAccount> accounts;
  int clients = 0;
  int administrations = 0;
  int alerts = 0;          // raised
  int alerts_handled = 0;  // risk alerts handled before their episode closed (issue 16)
  int plans = 0;
};

/// Loads the demo practice into an empty store. Idempotent: a store that has any account is
/// left alone (created = false). `monitor` may be null.
Result<DemoPracticeResult> LoadDemoPractice(Store& store, const ClinicalLibrary& library,
                                            EpisodeMonitor* monitor,
                                            const DemoCredentials& credentials,
                                            const DemoPracticeSpec& spec);

}  // namespace tessera::app
