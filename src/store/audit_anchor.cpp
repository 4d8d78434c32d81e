#include "store/audit_anchor.hpp"

#include <fstream>

namespace tessera::store {
namespace {
constexpr std::string_view kHeader = "tessera-audit-anchor 1";
}

Status CheckAuditAnchor(Store& store, const AuditAnchor& anchor) {
  if (anchor.entry_count == 0) return Ok();
  TRY_ASSIGN(std::vector<AuditEntry> entries, store.ReadAudit(anchor.entry_count, 1));
  if (entries.empty() || entries[0].sequence != anchor.entry_count)
    return DataLoss("audit entry " + std::to_string(anchor.entry_count) +
                    " recorded in the external anchor is missing (truncated)");
  if (entries[0].hash != anchor.head_hash)
    return DataLoss("audit entry " + std::to_string(anchor.entry_count) +
                    " differs from the external anchor (the chain was rewritten)");
  return Ok();
}

Result<AuditAnchor> ReadAuditAnchor(const std::filesystem::path& path) {
  std::ifstream file(path);
  if (!file) return NotFound("audit anchor " + path.string() + ": cannot be read");
  std::string header, count, hash;
  std::getline(file, header);
  std::getline(file, count);
  std::getline(file, hash);
  if (header != kHeader || count.empty() ||
      count.find_first_not_of("0123456789") != std::string::npos || hash.size() != 64)
    return InvalidArgument("audit anchor " + path.string() + ": not a tessera audit anchor");
  return AuditAnchor{std::stoll(count), hash};
}

Status WriteAuditAnchor(const std::filesystem::path& path, const AuditAnchor& anchor) {
  std::ofstream file(path, std::ios::trunc);
  file << kHeader << '\n' << anchor.entry_count << '\n' << anchor.head_hash << '\n';
  file.close();
  if (!file) return Unavailable("audit anchor " + path.string() + ": cannot be written");
  return Ok();
}

}  // namespace tessera::store
