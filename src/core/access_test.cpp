#include "core/access.hpp"
#include "core/records/names.hpp"

#include <gtest/gtest.h>

namespace tessera {
namespace {

TEST(DecideClientAccess, AdminsAlwaysTeamMembersOnlyClientsNever) {
  const struct {
    Role role;
    bool on_care_team;
    ClientAccess expected;
  } cases[] = {
      {Role::kAdmin, false, ClientAccess::kAllowed},
      {Role::kAdmin, true, ClientAccess::kAllowed},
      {Role::kClinician, false, ClientAccess::kDenied},
      {Role::kClinician, true, ClientAccess::kAllowed},
      {Role::kSupervisor, false, ClientAccess::kDenied},
      {Role::kSupervisor, true, ClientAccess::kAllowed},
      {Role::kClient, false, ClientAccess::kDenied},
      {Role::kClient, true, ClientAccess::kDenied},
  };
  for (const auto& test_case : cases)
    EXPECT_EQ(DecideClientAccess(test_case.role, test_case.on_care_team), test_case.expected)
        << Name(test_case.role) << " on team: " << test_case.on_care_team;
}

}  // namespace
}  // namespace tessera
