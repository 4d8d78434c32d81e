#pragma once

#include "core/error.hpp"

namespace tessera::cli {

inline constexpr int kExitOk = 0;
/// A check ran and found a problem (e.g. `db verify-audit` on a broken chain).
inline constexpr int kExitCheckFailed = 1;
/// The input was wrong: usage, unknown names, values out of range. Nothing was changed.
inline constexpr int kExitBadInput = 2;
inline constexpr int kExitNotAllowed = 4;
inline constexpr int kExitUnavailable = 5;
inline constexpr int kExitInternal = 70;

/// The one mapping from error codes to exit codes (no default: -Werror=switch).
int ExitCodeFor(ErrorCode code);

}  // namespace tessera::cli
