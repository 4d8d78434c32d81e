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

// Returns the number of literal segments matched (for precedence), or nullopt. Runs for every
// route on every request, so it walks the pattern in place and builds `params` only on a match.
std::optional<int> MatchPattern(std::string_view pattern, const std::vector<std::string_view>& path,
                                PathParams& params) {
  constexpr std::size_t kMaxParameters = 16;
  std::array<std::pair<std::string_view, std::string_view>, kMaxParameters> parameters;
  std::size_t parameter_count = 0;
  int literal_count = 0;
  std::size_t segment_idx = 0;
  // The same segments as SplitPath(pattern): no leading '/', none at all for "/".
  std::string_view rest = pattern;
  if (!rest.empty() && rest.front() == '/') rest.remove_prefix(1);
  while (!rest.empty()) {
    const auto slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    if (segment_idx >= path.size()) return std::nullopt;
    if (IsParameter(segment)) {
      if (path[segment_idx].empty() || parameter_count == kMaxParameters) return std::nullopt;
      parameters[parameter_count++] = {segment.substr(1, segment.size() - 2), path[segment_idx]};
    } else if (segment == path[segment_idx]) {
      ++literal_count;
    } else {
      return std::nullopt;
    }
    ++segment_idx;
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  if (segment_idx != path.size()) return std::nullopt;
  PathParams found;
  for (std::size_t index = 0; index < parameter_count; ++index) {
    found.emplace(parameters[index].first, parameters[index].second);
  }
  params = std::move(found);
  return literal_count;
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
  segment_counts_.push_back(SplitPath(route.pattern).size());
  routes_.push_back(std::move(route));
  return Ok();
}

RouteTable::Match RouteTable::Find(Method method, std::string_view path) const {
  const std::vector<std::string_view> segments = SplitPath(path);
  Match match;
  int best_literals = -1;
  for (std::size_t route_idx = 0; route_idx < routes_.size(); ++route_idx) {
    if (segment_counts_[route_idx] != segments.size()) continue;  // cheap: most routes end here
    const Route& route = routes_[route_idx];
    PathParams params;
    const std::optional<int> literals = MatchPattern(route.pattern, segments, params);
    if (!literals) continue;
    if (route.method != method) {
      match.allowed.push_back(route.method);
      continue;
    }
    if (*literals > best_literals) {
      best_literals = *literals;
      match.route = &route;
      match.params = std::move(params);
    }
  }
  if (match.route != nullptr) {
    match.outcome = Outcome::kFound;
    match.allowed.clear();
  } else if (!match.allowed.empty()) {
    match.outcome = Outcome::kMethodNotAllowed;
  }
  return match;
}

}  // namespace tessera::http
