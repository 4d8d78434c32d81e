#include "notecrypt/base64_text.hpp"

#include <sodium.h>

namespace tessera {

std::string Base64Text(const unsigned char* data, std::size_t size) {
  const std::size_t length = sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_ORIGINAL);
  std::string text(length, '\0');
  sodium_bin2base64(text.data(), length, data, size, sodium_base64_VARIANT_ORIGINAL);
  text.resize(length - 1);  // the terminating NUL
  return text;
}

Result<std::vector<unsigned char>> FromBase64Text(std::string_view text) {
  std::vector<unsigned char> bytes(text.size() / 4 * 3 + 3);
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(bytes.data(), bytes.size(), text.data(), text.size(), nullptr, &length,
                        &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != text.data() + text.size())
    return DataLoss("sealed psychotherapy-note data: not base64");
  bytes.resize(length);
  return bytes;
}

std::vector<std::string> SplitOn(std::string_view text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t at = text.find(separator, start);
    parts.emplace_back(text.substr(start, at == std::string_view::npos ? text.npos : at - start));
    if (at == std::string_view::npos) return parts;
    start = at + 1;
  }
}

}  // namespace tessera
