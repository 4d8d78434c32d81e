#include "fhir/bundle.hpp"

#include <algorithm>
#include <cstdio>

namespace tessera::fhir {
namespace {

using nlohmann::json;

std::string PageUrl(const SearchContext& search, std::size_t offset) {
  std::string url = search.base_url + "/" + search.resource_type + "?";
  for (const auto& [name, value] : search.query) {
    if (name == "_count" || name == "_offset") continue;
    url += EncodeQueryComponent(name) + "=" + EncodeQueryComponent(value) + "&";
  }
  return url + "_count=" + std::to_string(search.paging.count) +
         "&_offset=" + std::to_string(offset);
}

json Link(std::string relation, std::string url) {
  return {{"relation", std::move(relation)}, {"url", std::move(url)}};
}

}  // namespace

std::string EncodeQueryComponent(const std::string& text) {
  std::string out;
  for (const unsigned char symbol : text) {
    const bool unreserved = (symbol >= 'a' && symbol <= 'z') || (symbol >= 'A' && symbol <= 'Z') ||
                            (symbol >= '0' && symbol <= '9') || symbol == '-' || symbol == '.' ||
                            symbol == '_' || symbol == '~';
    if (unreserved) {
      out += static_cast<char>(symbol);
    } else {
      char escaped[4];
      std::snprintf(escaped, sizeof escaped, "%%%02X", symbol);
      out += escaped;
    }
  }
  return out;
}

std::string FullUrl(const std::string& base_url, const json& resource) {
  return base_url + "/" + resource["resourceType"].get<std::string>() + "/" +
         resource["id"].get<std::string>();
}

json SearchSet(const std::vector<json>& matches, const SearchContext& search) {
  const std::size_t count = search.paging.count;
  const std::size_t offset = std::min(search.paging.offset, matches.size());
  const std::size_t end = std::min(matches.size(), offset + count);
  json links = json::array(
      {Link("self", PageUrl(search, search.paging.offset)), Link("first", PageUrl(search, 0))});
  if (offset > 0)
    links.push_back(Link("previous", PageUrl(search, offset > count ? offset - count : 0)));
  if (end < matches.size()) links.push_back(Link("next", PageUrl(search, end)));
  json entries = json::array();
  for (std::size_t index = offset; index < end; ++index) {
    entries.push_back({{"fullUrl", FullUrl(search.base_url, matches[index])},
                       {"resource", matches[index]},
                       {"search", {{"mode", "match"}}}});
  }
  json bundle = {{"resourceType", "Bundle"},
                 {"type", "searchset"},
                 {"total", matches.size()},
                 {"link", std::move(links)}};
  if (!entries.empty()) bundle["entry"] = std::move(entries);
  return bundle;
}

}  // namespace tessera::fhir
