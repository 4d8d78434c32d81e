#pragma once
// FHIR search parameters as tessera reads them (docs/fhir.md, "Search"): a patient
// reference, token parameters (code, category), date parameters with the prefixes eq, ne, lt,
// le, gt and ge on a date of year, month or day precision (compared with the UTC date of the
// resource), and _count/_offset paging. A value tessera cannot read is kInvalidArgument
// naming the parameter: never ignored.

#include <cstddef>
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"

namespace tessera::fhir {

using Query = std::map<std::string, std::string>;

/// `patient=12` or `patient=Patient/12`; nullopt when absent.
Result<std::optional<ClientId>> PatientParameter(const Query& query, const std::string& name);

/// A token: `code`, `system|code` or `system|` (any code of the system).
struct TokenFilter {
  std::optional<std::string> system;  // unset: any system
  std::string code;                   // empty: any code (with a system)
};
Result<std::optional<TokenFilter>> TokenParameter(const Query& query, const std::string& name);
/// Whether any coding of the CodeableConcept matches.
bool Matches(const TokenFilter& filter, const nlohmann::json& codeable_concept);

struct DateFilter {
  std::string prefix;  // eq, ne, lt, le, gt, ge
  std::string value;   // YYYY, YYYY-MM or YYYY-MM-DD
};
Result<std::optional<DateFilter>> DateParameter(const Query& query, const std::string& name);
bool Matches(const DateFilter& filter, TimePoint time);

/// The page asked for: `_count` (1..maximum, default `standard`) and `_offset` (from 0).
struct Paging {
  std::size_t count = 0;
  std::size_t offset = 0;
};
Result<Paging> PagingParameters(const Query& query, std::size_t standard, std::size_t maximum);

}  // namespace tessera::fhir
