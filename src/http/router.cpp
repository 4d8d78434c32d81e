#include "http/router.hpp"

#include <array>
#include <charconv>

#include <nlohmann/json.hpp>

namespace tessera::http {
namespace {

bool IsParameter(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

bool IsValidParameterName(std::string_view name) {
  for (char symbol : name) {
    if (!((symbol >= 'a' && symbol <= 'z') || symbol == '_' || (symbol >= '0' && symbol <= '9'))) {
      return false;
    }
  }
  return !name.empty();
}

// The pattern with every parameter replaced by "{}", so "/a/{x}" and "/a/{y}" collide.
std::string Shape(std::string_view pattern) {
  std::string shape;
  for (std::string_view segment : SplitPath(pattern)) {
    shape += '/';
    shape += IsParameter(segment) ? std::string_view("{}") : segment;
  }
  return shape;
}

// A pattern split once at Add: matching a request compares segments, nothing is parsed.
RouteTable::Compiled Compile(std::string_view pattern) {
  RouteTable::Compiled compiled;
  for (std::string_view segment : SplitPath(pattern)) {
    const bool parameter = IsParameter(segment);
    compiled.segments.push_back({parameter ? std::string(segment.substr(1, segment.size() - 2))
                                           : std::string(segment),
                                 parameter});
    if (!parameter) ++compiled.literals;
  }
  return compiled;
}

// True when `path` has the pattern's shape: its literals, and a non-empty value per parameter.
bool Matches(const RouteTable::Compiled& pattern, const std::vector<std::string_view>& path) {
  if (pattern.segments.size() != path.size()) return false;
  for (std::size_t index = 0; index < path.size(); ++index) {
    const RouteTable::Segment& segment = pattern.segments[index];
    if (segment.parameter ? path[index].empty() : segment.text != path[index]) return false;
  }
  return true;
}

PathParams ParametersOf(const RouteTable::Compiled& pattern,
                        const std::vector<std::string_view>& path) {
  PathParams params;
  for (std::size_t index = 0; index < path.size(); ++index)
    if (pattern.segments[index].parameter)
      params.emplace(pattern.segments[index].text, path[index]);
  return params;
}

}  // namespace

std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> segments;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  if (path.empty()) return segments;
  while (true) {
    const auto slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

Result<std::int64_t> PathId(const PathParams& params, std::string_view name) {
  const auto found = params.find(std::string(name));
  const std::string text = found == params.end() ? std::string() : found->second;
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || value < 1) {
    return InvalidArgument("path parameter '" + std::string(name) +
                           "' must be a positive whole number");
  }
  return value;
}

Status RouteTable::Add(Route route) {
  const std::string where = std::string(MethodName(route.method)) + " " + route.pattern;
  if (route.pattern.empty() || route.pattern.front() != '/' ||
      (route.pattern.size() > 1 && route.pattern.back() == '/')) {
    return InvalidArgument(where + ": pattern must start with '/' and not end with '/'");
  }
  for (std::string_view segment : SplitPath(route.pattern)) {
    if (segment.empty()) return InvalidArgument(where + ": pattern has an empty segment");
    const bool has_brace = segment.find_first_of("{}") != std::string_view::npos;
    if (has_brace &&
        (!IsParameter(segment) || !IsValidParameterName(segment.substr(1, segment.size() - 2)))) {
      return InvalidArgument(where + ": parameter segment '" + std::string(segment) +
                             "' must be {lower_case_name}");
    }
  }
  if (route.authentication == Authentication::kSession && route.roles.empty()) {
    return InvalidArgument(where + ": an authenticated route must name the roles that may call it");
  }
  if (route.authentication == Authentication::kPublic && !route.roles.empty()) {
    return InvalidArgument(where + ": a public route cannot require roles");
  }
  if (!route.handler == !route.async_handler) {
    return InvalidArgument(where + ": route needs exactly one of handler and async_handler");
  }
  if (route.summary.empty()) return InvalidArgument(where + ": route has no summary");
  if (!route.request_schema.empty() && !nlohmann::json::accept(route.request_schema)) {
    return InvalidArgument(where + ": request schema is not valid JSON");
  }
  for (const Route& existing : routes_) {
    if (existing.method == route.method && Shape(existing.pattern) == Shape(route.pattern)) {
      return AlreadyExists(where + ": a route with this method and path exists");
    }
  }
  compiled_.push_back(Compile(route.pattern));
  routes_.push_back(std::move(route));
  return Ok();
}

RouteTable::Match RouteTable::Find(Method method, std::string_view path) const {
  const std::vector<std::string_view> segments = SplitPath(path);
  Match match;
  const Compiled* best = nullptr;
  for (std::size_t route_idx = 0; route_idx < routes_.size(); ++route_idx) {
    const Compiled& pattern = compiled_[route_idx];
    if (!Matches(pattern, segments)) continue;
    const Route& route = routes_[route_idx];
    if (route.method != method) {
      match.allowed.push_back(route.method);
      continue;
    }
    // The most literal segments win ("/clients/mine" over "/clients/{id}").
    if (best == nullptr || pattern.literals > best->literals) {
      best = &pattern;
      match.route = &route;
    }
  }
  if (match.route != nullptr) {
    match.outcome = Outcome::kFound;
    match.params = ParametersOf(*best, segments);
    match.allowed.clear();
  } else if (!match.allowed.empty()) {
    match.outcome = Outcome::kMethodNotAllowed;
  }
  return match;
}

}  // namespace tessera::http
