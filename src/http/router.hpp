#pragma once
// The route table: the one list of what the server serves. Each route names its method, a
// path pattern with `{name}` segments, who may call it, what it does (for the OpenAPI
// document) and a thin handler from a parsed request to a response.
//
//   table.Add({Method::kGet, "/api/v1/clients/{client_id}", Authentication::kSession,
//              {Role::kClinician}, "Read one client", RequestBody::kNone, GetClient});

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
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

/// Answers one request of an asynchronous route later, from any thread. Copies share the one
/// answer: the first Send or SendFrom answers, later calls are ignored. Until then the
/// dispatcher keeps the request and everything its HandlerContext refers to alive; when every
/// copy is dropped without an answer, the request is answered 500. The answer gets the same
/// error mapping, security headers, metrics and log line as a synchronous route's.
class Responder {
 public:
  /// The dispatcher's side of one request (dispatcher.cpp implements it).
  class Exchange {
   public:
    virtual ~Exchange() = default;
    virtual void Complete(Result<Response> answer) = 0;
    /// `self` is the caller's reference to this exchange, handed on to the finishing step.
    virtual void CompleteFrom(std::shared_ptr<Exchange> self,
                              std::function<Result<Response>()> finish) = 0;
  };
  explicit Responder(std::shared_ptr<Exchange> exchange) : exchange_(std::move(exchange)) {}

  /// Answers with `answer` (an error: its status and message), on the calling thread.
  void Send(Result<Response> answer) const { exchange_->Complete(std::move(answer)); }
  /// Answers with what `finish` returns, run on the request's connection (an event-loop
  /// thread), never on the calling thread: for the commit queue's writer thread, which only
  /// does store work and leaves building the response (and sending it) to others.
  void SendFrom(std::function<Result<Response>()> finish) const& {
    exchange_->CompleteFrom(exchange_, std::move(finish));
  }
  /// The same, giving up this copy first, so that the finishing step may hold the last
  /// reference to the request (which is then freed there, not on the calling thread).
  void SendFrom(std::function<Result<Response>()> finish) && {
    Exchange* exchange = exchange_.get();
    exchange->CompleteFrom(std::move(exchange_), std::move(finish));
  }

 private:
  std::shared_ptr<Exchange> exchange_;
};

/// A handler that answers through its Responder, now or later (e.g. after a commit), so that
/// no thread waits meanwhile. It must not block; what runs before it hands the work on runs
/// where the route's Execution says.
using AsyncHandler = std::function<void(const HandlerContext&, Responder)>;

/// One success response of a route, for the OpenAPI document: its status and the JSON Schema
/// of its body, by the name of a component in src/http/schemas/<name>.json (or, for a one-off,
/// schema text starting with '{'). `paged`: the body is {"items": [<schema>...],
/// "next_cursor": string or null} (component <name>Page, made by the document).
struct ResponseBody {
  int status = 200;
  std::string schema{};
  bool paged = false;
};
/// `status` with a body of component `schema`.
inline ResponseBody Reply(int status, std::string schema) { return {status, std::move(schema)}; }
/// 200 with one page of items of component `item_schema` (pagination.hpp).
inline ResponseBody PagedReply(std::string item_schema) {
  return {200, std::move(item_schema), true};
}
/// A query parameter a route reads (`?name=value`). Declared once on the route: the dispatcher
/// refuses any parameter a route does not declare (400 naming it), and the OpenAPI document
/// lists them. The handler still checks the value.
struct QueryParameter {
  std::string name;
  std::string description;
  std::string type = "string";  // its OpenAPI schema type: string, integer or boolean
  bool required = false;        // documentation only; the handler refuses a missing one
};

struct Route {
  Method method = Method::kGet;
  std::string pattern{};  // "/api/v1/clients/{client_id}"
  Authentication authentication = Authentication::kSession;
  std::vector<Role> roles{};  // who may call a kSession route; empty for kPublic
  std::string summary{};      // one line for the OpenAPI document
  RequestBody body = RequestBody::kNone;
  /// Exactly one of handler and async_handler.
  Handler handler{};
  AsyncHandler async_handler{};
  /// Schema of the JSON request body: a component name (src/http/schemas/<name>.json) or, for
  /// a one-off, JSON Schema text starting with '{'; empty when the route takes none.
  std::string request_schema{};
  /// Every success response with its body schema (docs/http.md, "Adding a route"). A route
  /// without one is listed as undocumented and fails tests/cli/openapi_cli_test.
  std::vector<ResponseBody> responses{};
  /// Media type of a successful response, for the OpenAPI document.
  std::string response_media_type = "application/json";
  /// kEventLoop only for handlers that never block (message.hpp); the default is safe.
  Execution execution = Execution::kHandlerPool;
  /// Every query parameter the route reads; any other is refused (lists: PageQuery()).
  std::vector<QueryParameter> query{};
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
    const Route* route = nullptr;  // set when kFound
    PathParams params;             // set when kFound
    std::vector<Method> allowed;   // set when kMethodNotAllowed
  };
  /// Finds the route for a decoded path: among the patterns the path has the shape of (as
  /// many segments, the same literals, a non-empty value per parameter), the one for `method`
  /// with the most literal segments ("/clients/mine" over "/clients/{id}"; on a tie the one
  /// added first); kMethodNotAllowed with every matching pattern's method, in table order,
  /// when none is for `method`. Costs a walk down an index of the patterns, not a comparison
  /// with each.
  Match Find(Method method, std::string_view path) const;

  const std::vector<Route>& routes() const { return routes_; }

  /// A pattern as Find compares it: its segments, each a literal or a parameter's name.
  struct Segment {
    std::string text;
    bool parameter = false;
  };
  struct Compiled {
    std::vector<Segment> segments;
    int literals = 0;
  };

 private:
  // The patterns as a tree of segments: a path is matched by walking down it, taking the
  // literal child named by the path's segment (binary search) and the parameter child.
  struct Node {
    std::vector<std::pair<std::string, std::uint32_t>> literals;  // sorted by text
    std::uint32_t parameter = 0;         // child for a `{name}` segment; 0: none
    std::vector<std::uint32_t> endings;  // routes whose pattern ends here, in table order
  };
  void Index(const Compiled& pattern, std::uint32_t route_idx);
  template <class Visit>
  void Walk(std::uint32_t node_idx, std::string_view rest, bool at_end, Visit& visit) const;

  std::vector<Route> routes_;
  std::vector<Compiled> compiled_;  // per route, split once by Add
  std::vector<Node> nodes_{1};      // nodes_[0] is the root (no segment consumed)
};

/// "/a/{x}/b" -> {"a", "{x}", "b"}.
std::vector<std::string_view> SplitPath(std::string_view path);

}  // namespace tessera::http
