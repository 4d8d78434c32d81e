// GET /api/v1/clients/{client_id}/summary: what a clinician opens first for a client (name,
// current episode, first and latest score per instrument, open alerts, current plan). One
// store call (Store::GetClientSummary: a few indexed queries, one audit entry), asynchronous:
// only that call runs in the commit queue's unit.

#include <memory>
#include <mutex>
#include <unordered_map>

#include "http/dto/record_dto.hpp"
#include "http/error_response.hpp"
#include "http/json_body.hpp"
#include "http/routes/route_support.hpp"

namespace tessera::http {
namespace {

using nlohmann::json;

json ScoreJson(const ScorePoint& point) {
  return {{"administration_id", point.administration.value()},
          {"administered_at", FormatUtc(point.administered_at)},
          {"total", point.total ? json(*point.total) : json(nullptr)},
          {"band", point.band}};
}

json SummaryJson(const ClientSummary& summary) {
  json instruments = json::array();
  for (const InstrumentSummary& instrument : summary.instruments) {
    instruments.push_back({{"instrument", instrument.instrument.value()},
                           {"count", instrument.count},
                           {"first", ScoreJson(instrument.first)},
                           {"latest", ScoreJson(instrument.latest)}});
  }
  json plan = nullptr;
  if (summary.plan) plan = {{"id", summary.plan->value()}, {"version", summary.plan_version}};
  return {{"client_id", summary.client.value()},
          {"name", summary.name},
          {"episode", summary.episode ? EpisodeJson(*summary.episode) : json(nullptr)},
          {"instruments", std::move(instruments)},
          {"open_alerts", summary.open_alerts},
          {"plan", std::move(plan)}};
}

// Rendered bodies by client, each for the revision it was rendered from: a summary read at the
// same revision renders to the same text (ClientSummary::revision), so repeated reads of an
// unchanged client skip building and dumping the JSON (a tenth of such a request's CPU). One
// per route table, so servers on different stores never share one. Bounded; starts again
// when full.
class RenderedSummaries {
 public:
  std::string BodyFor(const ClientSummary& summary) {
    if (summary.revision == 0) return DumpJson(SummaryJson(summary));
    {
      const std::lock_guard lock(mutex_);
      const auto found = bodies_.find(summary.client.value());
      if (found != bodies_.end() && found->second.revision == summary.revision)
        return found->second.body;
    }
    std::string body = DumpJson(SummaryJson(summary));
    const std::lock_guard lock(mutex_);
    if (bodies_.size() >= kMaxClients) bodies_.clear();
    bodies_[summary.client.value()] = Rendered{summary.revision, body};
    return body;
  }

 private:
  static constexpr std::size_t kMaxClients = 4096;
  struct Rendered {
    std::int64_t revision = 0;
    std::string body;
  };
  std::mutex mutex_;
  std::unordered_map<std::int64_t, Rendered> bodies_;
};

}  // namespace

Status AddClientSummaryRoutes(RouteTable& table, const StoreRoutes& routes) {
  StorePool& pool = routes.store;
  TRY(table.Add(
      {.method = Method::kGet,
       .pattern = "/api/v1/clients/{client_id}/summary",
       .roles = {std::begin(kStaffRoles), std::end(kStaffRoles)},
       .summary = "The client at a glance: name, current (or last) episode, first and latest "
                  "score per instrument in it with band, date and count, open alerts, current "
                  "plan id and version",
       // Not a thread waits for the store: the unit is queued from the event loop (a cached
       // session; else from the handler pool) and the JSON is built there after the commit.
       .async_handler =
           [&pool, rendered = std::make_shared<RenderedSummaries>()](const HandlerContext& context,
                                                                     Responder responder) {
             const Result<std::int64_t> client = PathId(context.path_params, "client_id");
             if (!client) return responder.Send(Propagate(client.error()));
             RespondAfterCommit<ClientSummary>(
                 pool, std::move(responder),
                 [actor = ContextOf(*context.principal), client = ClientId(*client)](Store& store) {
                   return store.GetClientSummary(actor, client);
                 },
                 [rendered](ClientSummary& summary) -> Result<Response> {
                   return JsonResponse(200, rendered->BodyFor(summary));
                 });
           },
       .responses = {Reply(200, "ClientSummary")},
       .execution = Execution::kEventLoop}));
  return Ok();
}

}  // namespace tessera::http
