#include "http/message.hpp"

namespace tessera::http {

std::string_view MethodName(Method method) {
  switch (method) {
    case Method::kGet:
      return "GET";
    case Method::kPost:
      return "POST";
    case Method::kPut:
      return "PUT";
    case Method::kPatch:
      return "PATCH";
    case Method::kDelete:
      return "DELETE";
  }
  return "GET";
}

std::optional<Method> ParseMethod(std::string_view token) {
  for (Method method :
       {Method::kGet, Method::kPost, Method::kPut, Method::kPatch, Method::kDelete}) {
    if (MethodName(method) == token) return method;
  }
  return std::nullopt;
}

bool IsWrite(Method method) { return method != Method::kGet; }

std::optional<std::string_view> Request::Header(std::string_view name) const {
  const auto found = headers.find(std::string(name));
  if (found == headers.end()) return std::nullopt;
  return std::string_view(found->second);
}

namespace {

int HexValue(char digit) {
  if (digit >= '0' && digit <= '9') return digit - '0';
  if (digit >= 'a' && digit <= 'f') return digit - 'a' + 10;
  if (digit >= 'A' && digit <= 'F') return digit - 'A' + 10;
  return -1;
}

Result<std::string> PercentDecode(std::string_view text, std::string_view what) {
  std::string decoded;
  decoded.reserve(text.size());
  for (std::size_t index = 0; index < text.size(); ++index) {
    const char symbol = text[index];
    if (symbol == '+') {
      decoded.push_back(' ');
    } else if (symbol == '%') {
      const bool complete = index + 2 < text.size();
      const int high = complete ? HexValue(text[index + 1]) : -1;
      const int low = complete ? HexValue(text[index + 2]) : -1;
      if (high < 0 || low < 0) {
        return InvalidArgument(std::string(what) + ": invalid percent-encoding");
      }
      decoded.push_back(static_cast<char>(high * 16 + low));
      index += 2;
    } else {
      decoded.push_back(symbol);
    }
  }
  return decoded;
}

}  // namespace

Result<Target> ParseTarget(std::string_view target) {
  if (target.empty() || target.front() != '/') {
    return InvalidArgument("request target must be an absolute path starting with '/'");
  }
  Target parsed;
  const auto question = target.find('?');
  TRY_ASSIGN(parsed.path, PercentDecode(target.substr(0, question), "path"));
  if (question == std::string_view::npos) return parsed;
  std::string_view query = target.substr(question + 1);
  while (!query.empty()) {
    const auto ampersand = query.find('&');
    const std::string_view pair = query.substr(0, ampersand);
    query = ampersand == std::string_view::npos ? std::string_view() : query.substr(ampersand + 1);
    if (pair.empty()) continue;
    const auto equals = pair.find('=');
    TRY_ASSIGN(std::string name, PercentDecode(pair.substr(0, equals), "query parameter name"));
    TRY_ASSIGN(std::string value,
               PercentDecode(equals == std::string_view::npos ? "" : pair.substr(equals + 1),
                             "query parameter '" + name + "'"));
    if (!parsed.query.emplace(name, std::move(value)).second) {
      return InvalidArgument("query parameter '" + name + "' is given more than once");
    }
  }
  return parsed;
}

std::optional<std::string> FindCookie(std::string_view cookie_header, std::string_view name) {
  while (!cookie_header.empty()) {
    const auto semicolon = cookie_header.find(';');
    std::string_view pair = cookie_header.substr(0, semicolon);
    cookie_header = semicolon == std::string_view::npos ? std::string_view()
                                                        : cookie_header.substr(semicolon + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    const auto equals = pair.find('=');
    if (equals != std::string_view::npos && pair.substr(0, equals) == name) {
      return std::string(pair.substr(equals + 1));
    }
  }
  return std::nullopt;
}

}  // namespace tessera::http
