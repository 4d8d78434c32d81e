#pragma once
// Result<T>: a value or an Error, shaped like C++23 std::expected<T, Error> so that switching
// to the standard type later is one alias (g++ 12 has no std::expected in C++20).
//
//   Result<int> ParseAge(std::string_view text) {
//     if (text.empty()) return InvalidArgument("age: must not be empty");
//     return 42;
//   }
//   TRY_ASSIGN(int age, ParseAge(input));   // returns the error to the caller on failure
//   TRY(SaveAge(age));

#include <cassert>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

#include "core/error.hpp"

namespace tessera {

/// Wraps an error so that it converts to any Result<T>; mirrors std::unexpected.
template <class E>
class Unexpected {
 public:
  explicit Unexpected(E error) : error_(std::move(error)) {}
  const E& error() const& { return error_; }
  E&& error() && { return std::move(error_); }

 private:
  E error_;
};

template <class T, class E = Error>
class [[nodiscard]] Expected {
 public:
  using value_type = T;
  using error_type = E;

  template <class U = T>
  requires std::is_constructible_v<T, U&&> Expected(U&& value)
      : storage_(std::in_place_index<0>, std::forward<U>(value)) {}
  template <class G>
  Expected(Unexpected<G> error) : storage_(std::in_place_index<1>, std::move(error).error()) {}

  bool has_value() const { return storage_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  // REQUIRES: has_value().
  T& value() & {
    assert(has_value());
    return std::get<0>(storage_);
  }
  const T& value() const& {
    assert(has_value());
    return std::get<0>(storage_);
  }
  T&& value() && {
    assert(has_value());
    return std::get<0>(std::move(storage_));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  // REQUIRES: !has_value().
  const E& error() const& {
    assert(!has_value());
    return std::get<1>(storage_);
  }
  E&& error() && {
    assert(!has_value());
    return std::get<1>(std::move(storage_));
  }

  template <class U>
  T value_or(U&& fallback) const& {
    return has_value() ? value() : static_cast<T>(std::forward<U>(fallback));
  }

 private:
  std::variant<T, E> storage_;
};

template <class E>
class [[nodiscard]] Expected<void, E> {
 public:
  using value_type = void;
  using error_type = E;

  Expected() = default;
  template <class G>
  Expected(Unexpected<G> error) : error_(std::move(error).error()) {}

  bool has_value() const { return !error_.has_value(); }
  explicit operator bool() const { return has_value(); }
  void value() const { assert(has_value()); }
  const E& error() const& {
    assert(!has_value());
    return *error_;
  }
  E&& error() && {
    assert(!has_value());
    return std::move(*error_);
  }

 private:
  std::optional<E> error_;
};

template <class T>
using Result = Expected<T, Error>;
using Status = Expected<void, Error>;

/// A successful Status.
inline Status Ok() { return {}; }

inline Unexpected<Error> MakeError(ErrorCode code, std::string message) {
  return Unexpected<Error>(Error(code, std::move(message)));
}
inline Unexpected<Error> InvalidArgument(std::string message) {
  return MakeError(ErrorCode::kInvalidArgument, std::move(message));
}
inline Unexpected<Error> NotFound(std::string message) {
  return MakeError(ErrorCode::kNotFound, std::move(message));
}
inline Unexpected<Error> AlreadyExists(std::string message) {
  return MakeError(ErrorCode::kAlreadyExists, std::move(message));
}
inline Unexpected<Error> Conflict(std::string message) {
  return MakeError(ErrorCode::kConflict, std::move(message));
}
inline Unexpected<Error> PermissionDenied(std::string message) {
  return MakeError(ErrorCode::kPermissionDenied, std::move(message));
}
inline Unexpected<Error> Unauthenticated(std::string message) {
  return MakeError(ErrorCode::kUnauthenticated, std::move(message));
}
inline Unexpected<Error> ResourceExhausted(std::string message) {
  return MakeError(ErrorCode::kResourceExhausted, std::move(message));
}
inline Unexpected<Error> Unavailable(std::string message) {
  return MakeError(ErrorCode::kUnavailable, std::move(message));
}
inline Unexpected<Error> DataLoss(std::string message) {
  return MakeError(ErrorCode::kDataLoss, std::move(message));
}
inline Unexpected<Error> Internal(std::string message) {
  return MakeError(ErrorCode::kInternal, std::move(message));
}
/// Re-raises an error held by another Result (e.g. to change the value type).
inline Unexpected<Error> Propagate(Error error) { return Unexpected<Error>(std::move(error)); }

}  // namespace tessera

#define TESSERA_CONCAT_INNER(a, b) a##b
#define TESSERA_CONCAT(a, b) TESSERA_CONCAT_INNER(a, b)

/// Evaluates a Status or Result expression; on error returns that error from the caller.
#define TRY(expr)                                                         \
  do {                                                                    \
    auto&& tessera_try_result = (expr);                                   \
    if (!tessera_try_result.has_value())                                  \
      return ::tessera::Propagate(std::move(tessera_try_result).error()); \
  } while (false)

/// `TRY_ASSIGN(auto x, F());` declares/assigns x from F()'s value, or returns F()'s error.
#define TRY_ASSIGN(lhs, expr) \
  TRY_ASSIGN_IMPL(TESSERA_CONCAT(tessera_try_value_, __LINE__), lhs, expr)
#define TRY_ASSIGN_IMPL(tmp, lhs, expr)                                      \
  auto tmp = (expr);                                                         \
  if (!tmp.has_value()) return ::tessera::Propagate(std::move(tmp).error()); \
  lhs = std::move(tmp).value()
