#include "http/routes/route_support.hpp"

#include "core/records/names.hpp"
#include "http/error_response.hpp"
#include "http/json_body.hpp"
#include "json/object.hpp"

namespace tessera::http {

using nlohmann::json;

AsyncHandler WithStore(StorePool& pool, StoreHandler handler) {
  // `handler` lives in the route table, which does not change while requests are served.
  return [&pool, handler = std::move(handler)](const HandlerContext& context, Responder responder) {
    RespondAfterCommit<Response>(
        pool, std::move(responder),
        [&handler, &context, actor = ContextOf(*context.principal)](Store& store) {
          return handler(store, actor, context);
        },
        [](Response& response) -> Result<Response> { return std::move(response); });
  };
}

Result<Response> RunOnStore(StorePool& pool,
                            const std::function<Result<Response>(Store& store)>& work) {
  std::optional<Result<Response>> answer;
  Status durable = pool.Run([&](Store& store) -> Status {
    answer = work(store);
    if (!*answer) return Propagate(answer->error());
    return Ok();
  });
  // The unit's own error is the answer; a failed commit turns even a finished response into
  // the commit's error (Unavailable): nothing is acknowledged that is not on disk.
  if (answer && !*answer) return std::move(*answer);
  if (!durable) return Propagate(durable.error());
  return std::move(*answer);
}

Response JsonReply(int status, const json& value) { return JsonResponse(status, DumpJson(value)); }

Result<PageRequest> PageOf(const HandlerContext& context, const PageLimits& limits) {
  return ParsePageRequest(context.target.query, limits);
}

Result<Versions> VersionsOf(const HandlerContext& context) {
  const auto found = context.target.query.find("history");
  if (found == context.target.query.end() || found->second == "false")
    return Versions::kCurrentOnly;
  if (found->second == "true") return Versions::kWithHistory;
  return InvalidArgument("query parameter 'history' must be true or false");
}

// The field readers are thin calls into the one JSON layer (src/json), so that a route's
// messages read like every other reader's: "<field>: <rule>".

Result<std::int64_t> RequireInteger(const json& object, std::string_view field,
                                    std::int64_t minimum, std::int64_t maximum) {
  return JsonObject::View(object).Integer(field, minimum, maximum);
}

Result<std::optional<std::int64_t>> OptionalInteger(const json& object, std::string_view field,
                                                    std::int64_t minimum, std::int64_t maximum) {
  return JsonObject::View(object).OptionalInteger(field, minimum, maximum);
}

Result<std::string> RequireText(const json& object, std::string_view field, std::size_t max_bytes) {
  return JsonObject::View(object).Text(field, max_bytes);
}

Result<std::string> OptionalText(const json& object, std::string_view field, std::size_t max_bytes,
                                 std::string fallback) {
  return JsonObject::View(object).OptionalString(field, std::move(fallback), max_bytes);
}

Result<std::string> RequireDate(const json& object, std::string_view field) {
  return JsonObject::View(object).Date(field);
}

}  // namespace tessera::http
