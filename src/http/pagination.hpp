#pragma once
// Every list endpoint pages: `?limit=N&cursor=C`. The cursor is opaque to clients (today the
// offset of the next item, base-10); handlers ask the store for limit + 1 items to learn
// whether a next page exists.
//
//   TRY_ASSIGN(PageRequest page, ParsePageRequest(query, limits));
//   auto rows = store.ListClients(page.offset, page.limit + 1);
//   return PageResponse(rows_as_json, page);

#include <cstddef>
#include <map>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "core/result.hpp"
#include "http/router.hpp"

namespace tessera::http {

struct PageLimits {
  std::size_t default_page_size = 50;
  std::size_t max_page_size = 200;
};

struct PageRequest {
  std::size_t offset = 0;
  std::size_t limit = 50;
};

/// Reads `limit` and `cursor` from the query. kInvalidArgument naming the parameter when limit
/// is not a whole number in 1..max_page_size or the cursor is not one tessera issued.
Result<PageRequest> ParsePageRequest(const std::map<std::string, std::string>& query,
                                     const PageLimits& limits);

/// The query parameters of a paged list (`limit`, `cursor`), followed by `more`: a list
/// route's Route::query.
std::vector<QueryParameter> PageQuery(std::vector<QueryParameter> more = {});

/// {"items": [...at most page.limit...], "next_cursor": "..." or null}. `items` may hold one
/// extra element (limit + 1 fetched), which only signals that there is a next page.
/// REQUIRES: items.is_array().
nlohmann::json PageResponse(nlohmann::json items, const PageRequest& page);

}  // namespace tessera::http
