#include "http/error_response.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace tessera::http {
namespace {

TEST(HttpStatusFor, MapsEveryErrorCode) {
  const struct {
    ErrorCode code;
    int status;
  } cases[] = {
      {ErrorCode::kInvalidArgument, 400},   {ErrorCode::kUnauthenticated, 401},
      {ErrorCode::kPermissionDenied, 403},  {ErrorCode::kNotFound, 404},
      {ErrorCode::kAlreadyExists, 409},     {ErrorCode::kConflict, 409},
      {ErrorCode::kResourceExhausted, 429}, {ErrorCode::kInternal, 500},
      {ErrorCode::kDataLoss, 500},          {ErrorCode::kUnavailable, 503},
  };
  for (const auto& test_case : cases) {
    EXPECT_EQ(HttpStatusFor(test_case.code), test_case.status) << ErrorCodeName(test_case.code);
  }
}

TEST(ErrorResponse, CarriesCodeAndMessage) {
  const Response response = ErrorResponse(Error(ErrorCode::kInvalidArgument, "field 'x' bad"));
  EXPECT_EQ(response.status, 400);
  const auto body = nlohmann::json::parse(response.body);
  EXPECT_EQ(body["error"]["code"], "invalid_argument");
  EXPECT_EQ(body["error"]["message"], "field 'x' bad");
}

TEST(ErrorResponse, HidesInternalDetails) {
  const Response response = ErrorResponse(Error(ErrorCode::kInternal, "null pointer in foo.cpp"));
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(response.body.find("foo.cpp"), std::string::npos);
}

}  // namespace
}  // namespace tessera::http
