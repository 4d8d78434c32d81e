#pragma once
// Base64 text of binary key material, and splitting the "$"-separated stored forms (libsodium's
// codec; internal to notecrypt).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace tessera {

std::string Base64Text(const unsigned char* data, std::size_t size);
/// DataLoss when `text` is not base64.
Result<std::vector<unsigned char>> FromBase64Text(std::string_view text);
std::vector<std::string> SplitOn(std::string_view text, char separator);

}  // namespace tessera
