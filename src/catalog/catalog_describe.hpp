#pragma once
// Describing catalogue entries for people and tools (`tessera catalog show <id>`).

#include <optional>
#include <string>
#include <string_view>

#include "catalog/catalog.hpp"

namespace tessera::catalog {

/// The entry with this id as pretty JSON with a "kind" field (technique, model, problem_area,
/// mechanism, integrative_model, source), sources expanded to their citations; nullopt when no
/// entry has the id.
std::optional<std::string> DescribeEntry(const Catalog& catalog, std::string_view id);

/// One line summarising the catalogue: counts of each kind of entry.
std::string Summary(const Catalog& catalog);

}  // namespace tessera::catalog
