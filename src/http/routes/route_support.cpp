#include "http/routes/route_support.hpp"

#include "core/records/names.hpp"
#include "http/error_response.hpp"
#include "http/json_body.hpp"

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

namespace {

std::string Field(std::string_view field) { return "field '" + std::string(field) + "'"; }

}  // namespace

Result<std::int64_t> RequireInteger(const json& object, std::string_view field,
                                    std::int64_t minimum, std::int64_t maximum) {
  const auto found = object.find(std::string(field));
  if (found == object.end()) return InvalidArgument(Field(field) + " is required");
  if (!found->is_number_integer()) return InvalidArgument(Field(field) + " must be a whole number");
  const auto value = found->get<std::int64_t>();
  if (found->is_number_unsigned() &&
      found->get<std::uint64_t>() > static_cast<std::uint64_t>(maximum))
    return InvalidArgument(Field(field) + " must be between " + std::to_string(minimum) + " and " +
                           std::to_string(maximum));
  if (value < minimum || value > maximum)
    return InvalidArgument(Field(field) + " must be between " + std::to_string(minimum) + " and " +
                           std::to_string(maximum));
  return value;
}

Result<std::optional<std::int64_t>> OptionalInteger(const json& object, std::string_view field,
                                                    std::int64_t minimum, std::int64_t maximum) {
  if (!object.contains(std::string(field)) || object.at(std::string(field)).is_null())
    return std::optional<std::int64_t>();
  TRY_ASSIGN(std::int64_t value, RequireInteger(object, field, minimum, maximum));
  return std::optional<std::int64_t>(value);
}

Result<std::string> RequireText(const json& object, std::string_view field, std::size_t max_bytes) {
  TRY_ASSIGN(std::string text, RequireString(object, field));
  if (text.empty()) return InvalidArgument(Field(field) + " must not be empty");
  if (text.size() > max_bytes)
    return InvalidArgument(Field(field) + " must be at most " + std::to_string(max_bytes) +
                           " bytes");
  return text;
}

Result<std::string> OptionalText(const json& object, std::string_view field, std::size_t max_bytes,
                                 std::string fallback) {
  if (!object.contains(std::string(field))) return fallback;
  TRY_ASSIGN(std::string text, RequireString(object, field));
  if (text.size() > max_bytes)
    return InvalidArgument(Field(field) + " must be at most " + std::to_string(max_bytes) +
                           " bytes");
  return text;
}

Result<std::string> RequireDate(const json& object, std::string_view field) {
  TRY_ASSIGN(std::string text, RequireString(object, field));
  if (!IsIsoDate(text)) return InvalidArgument(Field(field) + " must be a date YYYY-MM-DD");
  return text;
}

}  // namespace tessera::http
