#pragma once
// Who is asking. Every repository call takes an AccessContext, and the store writes the audit
// entry for that call in the same transaction as the read or write itself: a caller cannot
// reach client data without leaving a trace.

#include <optional>
#include <string>

#include "core/ids.hpp"
#include "core/records/people.hpp"

namespace tessera {

/// The store looks the actor's role up in its own users table on every call, so a context
/// cannot claim more rights than its account has.
struct AccessContext {
  /// Absent only for the bootstrap context that may create the first admin account.
  std::optional<UserId> actor;

  /// The context for creating the very first account of an empty store. The store refuses it
  /// for anything else and once any account exists.
  static AccessContext Bootstrap() { return AccessContext{std::nullopt}; }
  static AccessContext For(const User& user) { return AccessContext{user.id}; }
  static AccessContext For(UserId user) { return AccessContext{user}; }
};

/// The access rule for client data (DESIGN.md §4): admins (records administrators) may act on
/// every client; clinicians and supervisors only on clients whose care team they are on;
/// client accounts have no access through this rule. The store adds two narrow exceptions on
/// top of it: an unexpired break-glass grant counts as being on the team (clinicians and
/// supervisors), and a client account reaches the one record it is linked to. Psychotherapy
/// notes are further limited to their author.
enum class ClientAccess { kAllowed, kDenied };
ClientAccess DecideClientAccess(Role role, bool on_care_team);

}  // namespace tessera
