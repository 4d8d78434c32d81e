#include "http/router.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include <nlohmann/json.hpp>

#include "http/openapi_schemas.hpp"

namespace tessera::http {
namespace {

// A route's schema: JSON Schema text ('{...}') or the name of a file in src/http/schemas/.
Status CheckSchema(const std::string& where, const std::string& what, const std::string& schema) {
  if (!schema.empty() && schema.front() == '{') {
    if (!nlohmann::json::accept(schema))
      return InvalidArgument(where + ": " + what + " schema is not valid JSON");
    return Ok();
  }
  if (!SchemaComponents().contains(schema))
    return InvalidArgument(where + ": " + what + " schema '" + schema +
                           "' is not a file in src/http/schemas/");
  return Ok();
}

bool IsParameter(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

std::string Lowered(std::string text) {
  for (char& symbol : text) {
    if (symbol >= 'A' && symbol <= 'Z') symbol = static_cast<char>(symbol - 'A' + 'a');
  }
  return text;
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
    compiled.segments.push_back(
        {parameter ? std::string(segment.substr(1, segment.size() - 2)) : std::string(segment),
         parameter});
    if (!parameter) ++compiled.literals;
  }
  return compiled;
}

// The path with SplitPath's leading '/' removed; `at_end` when it has no segment at all.
struct PathRest {
  std::string_view rest;
  bool at_end;
};
PathRest Segments(std::string_view path) {
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  return {path, path.empty()};
}

// Where `text` is or belongs among a tree node's literal children (sorted by text).
template <class Literals>
auto LiteralPosition(Literals& literals, std::string_view text) {
  return std::lower_bound(
      literals.begin(), literals.end(), text,
      [](const auto& literal, std::string_view wanted) { return literal.first < wanted; });
}

// The parameters of a path already known to have the pattern's shape.
PathParams ParametersOf(const RouteTable::Compiled& pattern, std::string_view path) {
  PathParams params;
  std::string_view rest = Segments(path).rest;
  for (const RouteTable::Segment& segment : pattern.segments) {
    const auto slash = rest.find('/');
    if (segment.parameter) params.emplace(segment.text, rest.substr(0, slash));
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
  }
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
  // "/clients/01" and "/clients/1" would otherwise be two addresses of one record (caches,
  // logs and access reviews that compare paths would miss the one they do not expect).
  if (text.front() == '0') {
    return InvalidArgument("path parameter '" + std::string(name) +
                           "' must be written without leading zeros");
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
  for (std::size_t index = 0; index < route.query.size(); ++index) {
    const QueryParameter& parameter = route.query[index];
    // FHIR names its search parameters itself, some in camelCase (`_lastUpdated`).
    const bool fhir_name =
        route.pattern.starts_with("/fhir/") && IsValidParameterName(Lowered(parameter.name));
    if (!(IsValidParameterName(parameter.name) || fhir_name) || parameter.description.empty() ||
        (parameter.type != "string" && parameter.type != "integer" &&
         parameter.type != "boolean")) {
      return InvalidArgument(where + ": query parameter '" + parameter.name +
                             "' needs a lower_case name, a description and a type of string, "
                             "integer or boolean");
    }
    for (std::size_t other = 0; other < index; ++other) {
      if (route.query[other].name == parameter.name) {
        return InvalidArgument(where + ": query parameter '" + parameter.name +
                               "' is declared twice");
      }
    }
  }
  if (!route.request_schema.empty()) TRY(CheckSchema(where, "request", route.request_schema));
  for (const ResponseBody& response : route.responses) {
    TRY(CheckSchema(where, std::to_string(response.status) + " response", response.schema));
  }
  for (const Route& existing : routes_) {
    if (existing.method == route.method && Shape(existing.pattern) == Shape(route.pattern)) {
      return AlreadyExists(where + ": a route with this method and path exists");
    }
  }
  compiled_.push_back(Compile(route.pattern));
  Index(compiled_.back(), static_cast<std::uint32_t>(routes_.size()));
  routes_.push_back(std::move(route));
  return Ok();
}

void RouteTable::Index(const Compiled& pattern, std::uint32_t route_idx) {
  std::uint32_t node_idx = 0;
  for (const Segment& segment : pattern.segments) {
    std::uint32_t child = 0;
    if (segment.parameter) {
      child = nodes_[node_idx].parameter;
    } else {
      const auto& literals = nodes_[node_idx].literals;
      const auto found = LiteralPosition(literals, segment.text);
      if (found != literals.end() && found->first == segment.text) child = found->second;
    }
    if (child == 0) {
      child = static_cast<std::uint32_t>(nodes_.size());
      nodes_.emplace_back();  // may move the nodes: index them again below
      Node& parent = nodes_[node_idx];
      if (segment.parameter) {
        parent.parameter = child;
      } else {
        parent.literals.emplace(LiteralPosition(parent.literals, segment.text), segment.text,
                                child);
      }
    }
    node_idx = child;
  }
  nodes_[node_idx].endings.push_back(route_idx);
}

// Calls visit(route_idx) for every pattern whose remaining segments `rest` has the shape of,
// starting at `node_idx`. Every pattern is reached by at most one path down the tree.
template <class Visit>
void RouteTable::Walk(std::uint32_t node_idx, std::string_view rest, bool at_end,
                      Visit& visit) const {
  const Node& node = nodes_[node_idx];
  if (at_end) {
    for (std::uint32_t route_idx : node.endings) visit(route_idx);
    return;
  }
  const auto slash = rest.find('/');
  const std::string_view segment = rest.substr(0, slash);
  // No literal is empty (Add refuses empty segments) and no parameter takes an empty value.
  if (segment.empty()) return;
  const std::string_view next =
      slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
  const bool next_at_end = slash == std::string_view::npos;
  const auto found = LiteralPosition(node.literals, segment);
  if (found != node.literals.end() && found->first == segment) {
    Walk(found->second, next, next_at_end, visit);
  }
  if (node.parameter != 0) Walk(node.parameter, next, next_at_end, visit);
}

RouteTable::Match RouteTable::Find(Method method, std::string_view path) const {
  const PathRest start = Segments(path);
  Match match;
  std::uint32_t best = 0;
  bool other_methods = false;
  auto consider = [&](std::uint32_t route_idx) {
    if (routes_[route_idx].method != method) {
      other_methods = true;
      return;
    }
    // The most literal segments win ("/clients/mine" over "/clients/{id}"), then the route
    // added first (as the earlier scan of the whole table in order did).
    const int literals = compiled_[route_idx].literals;
    if (match.route == nullptr || literals > compiled_[best].literals ||
        (literals == compiled_[best].literals && route_idx < best)) {
      best = route_idx;
      match.route = &routes_[route_idx];
    }
  };
  Walk(0, start.rest, start.at_end, consider);
  if (match.route != nullptr) {
    match.outcome = Outcome::kFound;
    match.params = ParametersOf(compiled_[best], path);
  } else if (other_methods) {
    // Rare (a 405): gather the matching routes again, in table order.
    std::vector<std::uint32_t> matching;
    auto collect = [&](std::uint32_t route_idx) { matching.push_back(route_idx); };
    Walk(0, start.rest, start.at_end, collect);
    std::sort(matching.begin(), matching.end());
    for (std::uint32_t route_idx : matching) match.allowed.push_back(routes_[route_idx].method);
    match.outcome = Outcome::kMethodNotAllowed;
  }
  return match;
}

}  // namespace tessera::http
