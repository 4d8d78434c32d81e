#pragma once
// The external audit anchor. The in-database anchor (audit_head) catches a truncated or
// shortened log, but someone who can write the database can also rewrite the whole chain and
// the anchor together. Copying the head (count + hash) somewhere they cannot write (another
// machine, a WORM bucket, a printed report) and checking it later closes that gap: the chain
// must still contain exactly that entry at that position. Format: a small text file,
//   tessera-audit-anchor 1
//   <entry count>
//   <hash of that entry>

#include <cstdint>
#include <filesystem>
#include <string>

#include "core/store.hpp"

namespace tessera::store {

struct AuditAnchor {
  std::int64_t entry_count = 0;
  std::string head_hash;
};

/// DataLoss naming the anchored entry unless the chain still holds `anchor.head_hash` at
/// sequence `anchor.entry_count`. Run VerifyAudit as well: this checks only the anchored entry.
Status CheckAuditAnchor(Store& store, const AuditAnchor& anchor);

Result<AuditAnchor> ReadAuditAnchor(const std::filesystem::path& path);
Status WriteAuditAnchor(const std::filesystem::path& path, const AuditAnchor& anchor);

}  // namespace tessera::store
