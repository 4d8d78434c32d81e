#include "http/response_head.hpp"

#include <algorithm>
#include <boost/beast/http/status.hpp>
#include <cctype>
#include <charconv>
#include <cstring>

namespace tessera::http {
namespace {

namespace bhttp = boost::beast::http;

// A header value as Beast stores it: without leading or trailing blanks.
bool IsTrimmed(std::string_view value) {
  const auto blank = [](char symbol) { return symbol == ' ' || symbol == '\t'; };
  return value.empty() || (!blank(value.front()) && !blank(value.back()));
}

bool EqualsIgnoringCase(std::string_view left, std::string_view right) {
  return left.size() == right.size() &&
         std::equal(left.begin(), left.end(), right.begin(), [](char one, char other) {
           return std::tolower(static_cast<unsigned char>(one)) ==
                  std::tolower(static_cast<unsigned char>(other));
         });
}

}  // namespace

bool HasPlainHead(const Response& response, unsigned version) {
  if ((version != 10 && version != 11) || response.status < 200 || response.status > 599 ||
      response.status == 204 || response.status == 304 || !IsTrimmed(response.content_type)) {
    return false;
  }
  const auto& headers = response.headers;
  for (std::size_t header_idx = 0; header_idx < headers.size(); ++header_idx) {
    const std::string_view name = headers[header_idx].first;
    if (name.empty() || !IsTrimmed(headers[header_idx].second)) return false;
    for (std::string_view framing :
         {"content-type", "content-length", "connection", "transfer-encoding"}) {
      if (EqualsIgnoringCase(name, framing)) return false;
    }
    for (std::size_t earlier_idx = 0; earlier_idx < header_idx; ++earlier_idx) {
      if (EqualsIgnoringCase(headers[earlier_idx].first, name) &&
          !EqualsIgnoringCase(headers[header_idx - 1].first, name)) {
        return false;
      }
    }
  }
  return true;
}

void WriteResponseHead(std::string& head, const Response& response, unsigned version, bool keep_alive) {
  const auto reason = bhttp::obsolete_reason(static_cast<bhttp::status>(response.status));
  const std::string_view connection = version == 11 && !keep_alive ? "Connection: close\r\n"
                                      : version == 10 && keep_alive ? "Connection: keep-alive\r\n"
                                                                    : "";
  char length[24];
  const std::string_view length_text(
      length, static_cast<std::size_t>(
                  std::to_chars(length, length + sizeof length, response.body.size()).ptr - length));
  // Sized once, then copied into: this runs for every answer.
  std::size_t size = std::string_view("HTTP/1.1 200 \r\nContent-Type: \r\n").size() +
                     reason.size() + response.content_type.size() + connection.size() +
                     std::string_view("Content-Length: \r\n\r\n").size() + length_text.size();
  for (const auto& [name, value] : response.headers) size += name.size() + value.size() + 4;
  head.resize(size);
  char* cursor = head.data();
  const auto put = [&cursor](std::string_view text) {
    std::memcpy(cursor, text.data(), text.size());
    cursor += text.size();
  };
  put(version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ");
  const int status = response.status;  // 200-599 (HasPlainHead)
  const char digits[4] = {static_cast<char>('0' + status / 100),
                          static_cast<char>('0' + status / 10 % 10),
                          static_cast<char>('0' + status % 10), ' '};
  put(std::string_view(digits, 4));
  put(std::string_view(reason.data(), reason.size()));
  put("\r\nContent-Type: ");
  put(response.content_type);
  put("\r\n");
  for (const auto& [name, value] : response.headers) {
    put(name);
    put(": ");
    put(value);
    put("\r\n");
  }
  put(connection);
  put("Content-Length: ");
  put(length_text);
  put("\r\n\r\n");
}

}  // namespace tessera::http
