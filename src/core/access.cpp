#include "core/access.hpp"

namespace tessera {

ClientAccess DecideClientAccess(Role role, bool on_care_team) {
  switch (role) {
    case Role::kAdmin:
      return ClientAccess::kAllowed;
    case Role::kClinician:
    case Role::kSupervisor:
      return on_care_team ? ClientAccess::kAllowed : ClientAccess::kDenied;
    case Role::kClient:
      return ClientAccess::kDenied;
  }
  return ClientAccess::kDenied;
}

}  // namespace tessera
