#include <nlohmann/json.hpp>

#include "http/error_response.hpp"
#include "http/openapi.hpp"
#include "http/routes/routes.hpp"

namespace tessera::http {

Status AddSystemRoutes(RouteTable& table, const MetricsRegistry& metrics) {
  TRY(table.Add({.method = Method::kGet,
                 .pattern = "/healthz",
                 .authentication = Authentication::kPublic,
                 .summary = "Liveness: 200 while the server accepts requests",
                 .handler = [](const HandlerContext&) -> Result<Response> {
                   return JsonResponse(200, R"({"status":"ok"})");
                 },
                 .responses = {Reply(200, "Health")},
                 .execution = Execution::kEventLoop}));
  // Public like /healthz: counts and latencies per route, no user or health data.
  TRY(table.Add({.method = Method::kGet,
                 .pattern = "/metrics",
                 .authentication = Authentication::kPublic,
                 .summary = "Prometheus metrics in the text exposition format",
                 .handler = [&metrics](const HandlerContext&) -> Result<Response> {
                   Response response = JsonResponse(200, metrics.RenderPrometheus());
                   response.content_type = "text/plain; version=0.0.4; charset=utf-8";
                   return response;
                 },
                 .responses = {Reply(200, R"({"type": "string"})")},
                 .response_media_type = "text/plain",
                 .execution = Execution::kEventLoop}));
  TRY(table.Add({.method = Method::kGet,
                 .pattern = "/api/v1/openapi.json",
                 .authentication = Authentication::kPublic,
                 .summary = "This API's OpenAPI 3 document, generated from the route table",
                 .handler = [&table](const HandlerContext&) -> Result<Response> {
                   return JsonResponse(200, OpenApiDocument(table));
                 },
                 .responses = {Reply(200, "OpenApiDocument")},
                 .execution = Execution::kEventLoop}));
  return Ok();
}

}  // namespace tessera::http
