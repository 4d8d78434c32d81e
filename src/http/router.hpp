#pragma once
// The route table: the one list of what the server serves. Each route names its method, a
// path pattern with `{name}` segments, who may call it, what it does (for the OpenAPI
// document) and a thin handler from a parsed request to a response.
//
//   table.Add({Method::kGet, "/api/v1/clients/{client_id}", Authentication::kSession,
//              {Role::kClinician}, "Read one client", RequestBody::kNone, GetClient});

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/result.hpp"
#include "http/message.hpp"
#include "http/security/principal.hpp"

namespace tessera::http {

enum class Authentication { kPublic, kSession };
enum class RequestBody { kNone, kJson };

using PathParams = std::map<std::string, std::string>;

/// What a handler gets: everything already parsed, checked and authenticated.
struct HandlerContext {
  const Request& request;
  const Target& target;
  const PathParams& path_params;
  const Principal* principal;  // non-null exactly for Authentication::kSession routes
  const nlohmann::json* body;  // non-null exactly for RequestBody::kJson routes
};

using Handler = std::function<Result<Response>(const HandlerContext&)>;

struct Route {
  Method method = Method::kGet;
  std::string pattern{};  // "/api/v1/clients/{client_id}"
  Authentication authentication = Authentication::kSession;
  std::vector<Role> roles{};  // who may call a kSession route; empty for kPublic
  std::string summary{};    // one line for the OpenAPI document
  RequestBody body = RequestBody::kNone;
  Handler handler{};
  /// OpenAPI schema of the JSON request body (JSON text); empty when the route takes none.
  std::string request_schema{};
  /// Media type of a successful response, for the OpenAPI document.
  std::string response_media_type = "application/json";
  /// kEventLoop only for handlers that never block (message.hpp); the default is safe.
  Execution execution = Execution::kHandlerPool;
};

/// A path segment parameter as a positive whole number (for store ids); kInvalidArgument
/// naming the parameter otherwise.
Result<std::int64_t> PathId(const PathParams& params, std::string_view name);

class RouteTable {
 public:
  /// kInvalidArgument for a malformed pattern, a kSession route without roles or a kPublic one
  /// with roles, a route without a handler or summary; kAlreadyExists for a duplicate
  /// method + pattern (patterns that differ only in parameter names count as duplicates).
  Status Add(Route route);

  enum class Outcome { kFound, kNoSuchPath, kMethodNotAllowed };
  struct Match {
    Outcome outcome = Outcome::kNoSuchPath;
    const Route* route = nullptr;      // set when kFound
    PathParams params;                 // set when kFound
    std::vector<Method> allowed;       // set when kMethodNotAllowed
  };
  /// Finds the route for a decoded path. Literal segments win over parameters.
  Match Find(Method method, std::string_view path) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
  std::vector<std::size_t> segment_counts_;  // per route: Find skips patterns of another length
};

/// "/a/{x}/b" -> {"a", "{x}", "b"}.
std::vector<std::string_view> SplitPath(std::string_view path);

}  // namespace tessera::http
