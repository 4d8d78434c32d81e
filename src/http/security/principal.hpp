#pragma once
// Who is calling: the authenticated user behind a request.

#include <optional>
#include <string>
#include <string_view>

#include "core/ids.hpp"
#include "core/records/people.hpp"

namespace tessera::http {

/// The store's roles: one definition, so a role means the same at the door and in the store.
using Role = tessera::Role;

/// "admin", "clinician", "supervisor", "client".
std::string_view RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);
inline constexpr Role kAllRoles[] = {Role::kAdmin, Role::kClinician, Role::kSupervisor,
                                     Role::kClient};

/// How the session token arrived. Cookies are sent by browsers on their own, so only
/// cookie-authenticated writes need a CSRF token; a bearer header is never ambient.
enum class CredentialKind { kCookie, kBearer };

struct Principal {
  UserId user_id;
  std::string username;
  Role role = Role::kClient;
  CredentialKind credential = CredentialKind::kBearer;
  std::string session_token_hash;  // hex; identifies the session (for logout), never the token
  std::string csrf_token;          // the session's synchronizer token
};

}  // namespace tessera::http
