#include "core/result.hpp"

#include <gtest/gtest.h>

#include <memory>

namespace tessera {
namespace {

Result<int> ParsePositive(int value) {
  if (value <= 0) return InvalidArgument("value: must be positive, got " + std::to_string(value));
  return value;
}

Result<int> Doubled(int value) {
  TRY_ASSIGN(int parsed, ParsePositive(value));
  return parsed * 2;
}

Status CheckPositive(int value) {
  TRY(ParsePositive(value));
  return Ok();
}

TEST(Result, HoldsValue) {
  Result<int> result = ParsePositive(3);
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(*result, 3);
}

TEST(Result, HoldsErrorWithCodeAndMessage) {
  Result<int> result = ParsePositive(-1);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(result.error().message(), "value: must be positive, got -1");
}

TEST(Result, TryAssignPropagatesErrorAndPassesValue) {
  EXPECT_EQ(*Doubled(4), 8);
  EXPECT_EQ(Doubled(0).error().code(), ErrorCode::kInvalidArgument);
}

TEST(Result, TryOnStatus) {
  EXPECT_TRUE(CheckPositive(1));
  EXPECT_FALSE(CheckPositive(0));
}

TEST(Result, MoveOnlyValue) {
  Result<std::unique_ptr<int>> result = std::make_unique<int>(7);
  std::unique_ptr<int> taken = std::move(result).value();
  EXPECT_EQ(*taken, 7);
}

TEST(Result, ValueOrFallsBack) {
  EXPECT_EQ(ParsePositive(-5).value_or(9), 9);
  EXPECT_EQ(ParsePositive(5).value_or(9), 5);
}

TEST(Error, WithContextPrefixesMessage) {
  Error error(ErrorCode::kNotFound, "no such item");
  EXPECT_EQ(error.WithContext("phq9.json").message(), "phq9.json: no such item");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kDataLoss), "data_loss");
}

}  // namespace
}  // namespace tessera
