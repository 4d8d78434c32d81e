#include "http/pagination.hpp"

#include <charconv>
#include <limits>

#include <nlohmann/json.hpp>

namespace tessera::http {
namespace {

std::optional<std::size_t> ParseWholeNumber(const std::string& text) {
  std::size_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

}  // namespace

Result<PageRequest> ParsePageRequest(const std::map<std::string, std::string>& query,
                                     const PageLimits& limits) {
  PageRequest page{0, limits.default_page_size};
  if (const auto found = query.find("limit"); found != query.end()) {
    const auto limit = ParseWholeNumber(found->second);
    if (!limit || *limit < 1 || *limit > limits.max_page_size) {
      return InvalidArgument("query parameter 'limit' must be a whole number from 1 to " +
                             std::to_string(limits.max_page_size));
    }
    page.limit = *limit;
  }
  if (const auto found = query.find("cursor"); found != query.end()) {
    const auto offset = ParseWholeNumber(found->second);
    // Bounded so that offset + limit + 1 cannot overflow in the store's arithmetic.
    if (!offset || *offset > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max())) {
      return InvalidArgument("query parameter 'cursor' is not a cursor from a previous page");
    }
    page.offset = *offset;
  }
  return page;
}

std::vector<QueryParameter> PageQuery(std::vector<QueryParameter> more) {
  std::vector<QueryParameter> parameters{
      {"limit",
       "items per page (default and maximum: limits.default_page_size and "
       "limits.max_page_size)",
       "integer"},
      {"cursor", "next_cursor of the previous page"}};
  for (QueryParameter& parameter : more) parameters.push_back(std::move(parameter));
  return parameters;
}

nlohmann::json PageResponse(nlohmann::json items, const PageRequest& page) {
  nlohmann::json next_cursor = nullptr;
  if (items.size() > page.limit) {
    items.erase(items.begin() + static_cast<std::ptrdiff_t>(page.limit), items.end());
    next_cursor = std::to_string(page.offset + page.limit);
  }
  return {{"items", std::move(items)}, {"next_cursor", std::move(next_cursor)}};
}

}  // namespace tessera::http
