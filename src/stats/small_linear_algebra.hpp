#pragma once
// Internal helpers for the small dense (p x p) systems of the growth model.

#include <cstddef>
#include <optional>
#include <vector>

namespace tessera::stats {

/// For a Gram matrix X'X (p x p row-major), the first column that is (numerically) a linear
/// combination of the columns before it, or nullopt when X has full column rank. Columns are
/// scaled to unit diagonal first, so the test does not depend on units.
std::optional<std::size_t> FindCollinearColumn(const std::vector<double>& gram, std::size_t p);

}  // namespace tessera::stats
