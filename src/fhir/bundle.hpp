#pragma once
// Search results as a FHIR `searchset` Bundle with paging links (self, first, previous, next)
// built from the search's own parameters, so a client follows `next` until there is none.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "fhir/search.hpp"

namespace tessera::fhir {

/// Where a search ran: the server's FHIR base URL ("http://host:port/fhir/R4"), the resource
/// type searched, and the parameters given (paging ones are replaced in the links).
struct SearchContext {
  std::string base_url;
  std::string resource_type;
  Query query;
  Paging paging;
};

/// The Bundle of one page of `matches` (all matching resources, in order): `total` is their
/// number; each entry has its fullUrl and `search.mode` match.
nlohmann::json SearchSet(const std::vector<nlohmann::json>& matches, const SearchContext& search);

/// A collection Bundle's entry URL: <base>/<type>/<id>.
std::string FullUrl(const std::string& base_url, const nlohmann::json& resource);

/// Percent-encodes a query parameter name or value (RFC 3986 unreserved characters stay).
std::string EncodeQueryComponent(const std::string& text);

}  // namespace tessera::fhir
