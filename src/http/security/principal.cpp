#include "http/security/principal.hpp"

#include "core/records/names.hpp"

namespace tessera::http {

std::string_view RoleName(Role role) { return tessera::Name(role); }

std::optional<Role> ParseRole(std::string_view name) {
  for (Role role : kAllRoles) {
    if (RoleName(role) == name) return role;
  }
  return std::nullopt;
}

}  // namespace tessera::http
