#include "http/security/principal.hpp"

namespace tessera::http {

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kAdmin: return "admin";
    case Role::kClinician: return "clinician";
    case Role::kSupervisor: return "supervisor";
    case Role::kClient: return "client";
  }
  return "client";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (Role role : kAllRoles) {
    if (RoleName(role) == name) return role;
  }
  return std::nullopt;
}

}  // namespace tessera::http
