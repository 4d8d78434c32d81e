#include "http/pagination.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace tessera::http {
namespace {

TEST(ParsePageRequest, DefaultsAndBoundaries) {
  const PageLimits limits{50, 200};
  const struct {
    std::map<std::string, std::string> query;
    bool valid;
    std::size_t offset;
    std::size_t limit;
  } cases[] = {
      {{}, true, 0, 50},
      {{{"limit", "1"}}, true, 0, 1},
      {{{"limit", "200"}}, true, 0, 200},
      {{{"limit", "201"}}, false, 0, 0},
      {{{"limit", "0"}}, false, 0, 0},
      {{{"limit", "-1"}}, false, 0, 0},
      {{{"limit", "10x"}}, false, 0, 0},
      {{{"limit", ""}}, false, 0, 0},
      {{{"cursor", "40"}, {"limit", "20"}}, true, 40, 20},
      {{{"cursor", "abc"}}, false, 0, 0},
      {{{"cursor", "99999999999999"}}, false, 0, 0},
  };
  for (const auto& test_case : cases) {
    const auto page = ParsePageRequest(test_case.query, limits);
    ASSERT_EQ(page.has_value(), test_case.valid);
    if (!test_case.valid) continue;
    EXPECT_EQ(page->offset, test_case.offset);
    EXPECT_EQ(page->limit, test_case.limit);
  }
}

TEST(ParsePageRequest, ErrorNamesTheParameterAndRange) {
  const auto page = ParsePageRequest({{"limit", "500"}}, {50, 200});
  EXPECT_EQ(page.error().message(), "query parameter 'limit' must be a whole number from 1 to 200");
}

TEST(PageResponse, TrimsTheLookAheadItemAndSetsTheNextCursor) {
  const PageRequest page{20, 2};
  const nlohmann::json full = PageResponse(nlohmann::json::array({1, 2, 3}), page);
  EXPECT_EQ(full["items"], nlohmann::json::array({1, 2}));
  EXPECT_EQ(full["next_cursor"], "22");
  const nlohmann::json last = PageResponse(nlohmann::json::array({1, 2}), page);
  EXPECT_EQ(last["items"].size(), 2u);
  EXPECT_TRUE(last["next_cursor"].is_null());
}

}  // namespace
}  // namespace tessera::http
