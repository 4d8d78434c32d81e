// Measure administrations: submitting one scores it, stores it with its item answers, reviews
// the episode with the monitor and stores any alerts in one transaction (app/measure_submission).
// Clients complete their own questionnaires (PHQ-9, GAD-7, ORS, SRS, ...): a client account
// may submit to a session of its own record and list its own administrations; the store
// reaches only the record linked to the account, so anything else is the same 404.
#include <nlohmann/json.hpp>

#include "http/json_body.hpp"
#include "http/routes/clinical_routes.hpp"
#include "http/routes/clinical_support.hpp"

namespace tessera::http {
namespace {

using nlohmann::json;

Result<app::AdministrationRequest> ParseSubmission(const HandlerContext& context) {
  const json& body = *context.body;
  TRY(RequireOnlyFields(body, {"instrument", "answers", "total"}));
  app::AdministrationRequest request;
  TRY_ASSIGN(const std::int64_t client, PathId(context.path_params, "client_id"));
  TRY_ASSIGN(const std::int64_t session, PathId(context.path_params, "session_id"));
  request.client = ClientId(client);
  request.session = SessionId(session);
  TRY_ASSIGN(request.instrument, RequireString(body, "instrument"));
  if (const auto answers = body.find("answers"); answers != body.end()) {
    if (!answers->is_object()) {
      return InvalidArgument("field 'answers' must be an object of item id -> number or null");
    }
    std::map<std::string, std::optional<double>> by_item;
    for (const auto& [item, value] : answers->items()) {
      if (value.is_null()) {
        by_item[item] = std::nullopt;
      } else if (value.is_number()) {
        by_item[item] = value.get<double>();
      } else {
        return InvalidArgument("answers: item '" + item + "' must be a number or null");
      }
    }
    request.answers = std::move(by_item);
  }
  if (const auto total = body.find("total"); total != body.end()) {
    if (!total->is_number()) return InvalidArgument("field 'total' must be a number");
    request.total = total->get<double>();
  }
  return request;
}

// What a client sees of their own submission: the receipt and their score. The monitor's
// status, alerts and proposals are for the clinician, who reviews them with the client.
json ClientReceiptJson(const app::SubmissionResult& result) {
  json receipt = SubmissionJson(result);
  receipt.erase("monitoring");
  receipt.erase("alerts");
  return receipt;
}

Result<app::PreparedSubmission> PrepareRequest(const HandlerContext& context,
                                               const ClinicalRouteDeps& deps) {
  TRY_ASSIGN(app::AdministrationRequest request, ParseSubmission(context));
  return app::PrepareSubmission(deps.library, deps.clock, request);
}

// A list request: whose administrations, the page asked for, and the store query for it (the
// page and one more row, to learn whether there is a next page, cut in SQL; `?instrument=`
// filters).
struct ListRequest {
  ClientId client;
  PageRequest page;
  AdministrationQuery query;
};

Result<ListRequest> ParseList(const HandlerContext& context, const PageLimits& limits) {
  ListRequest list;
  TRY_ASSIGN(const std::int64_t client, PathId(context.path_params, "client_id"));
  list.client = ClientId(client);
  TRY_ASSIGN(list.page, ParsePageRequest(context.target.query, limits));
  list.query.offset = static_cast<std::int64_t>(list.page.offset);
  list.query.limit = static_cast<std::int64_t>(list.page.limit) + 1;
  if (const auto instrument = context.target.query.find("instrument");
      instrument != context.target.query.end()) {
    list.query.instrument = InstrumentId(instrument->second);
  }
  return list;
}

bool IsClientAccount(const HandlerContext& context) {
  return context.principal != nullptr && context.principal->role == Role::kClient;
}

}  // namespace

Status AddMeasureRoutes(RouteTable& table, const ClinicalRouteDeps& deps) {
  // Staff, and client accounts on their own record (the store's rule).
  const std::vector<Role> staff_and_client = {Role::kAdmin, Role::kClinician, Role::kSupervisor,
                                              Role::kClient};
  TRY(table.Add(
      {.method = Method::kPost,
       .pattern = "/api/v1/clients/{client_id}/sessions/{session_id}/measures",
       .roles = staff_and_client,
       .summary = "Submit a completed questionnaire for a session: scored, stored, monitored "
                  "(a client account: its own sessions, and only the score is returned)",
       .body = RequestBody::kJson,
       .async_handler =
           [deps](const HandlerContext& context, Responder responder) {
             // Checked and scored here (on the event loop for a cached session, else on the
             // handler pool); only the store work and the monitor's review of the stored
             // episode run as one unit of the commit queue's next batch; the 201 is built and
             // sent from the connection after that batch's commit. No thread waits meanwhile.
             Result<app::PreparedSubmission> prepared = PrepareRequest(context, deps);
             if (!prepared) return responder.Send(Propagate(std::move(prepared).error()));
             const bool client_account = IsClientAccount(context);
             RespondAfterCommit<app::SubmissionResult>(
                 deps.stores, std::move(responder),
                 [actor = ContextOf(context), monitor = deps.monitor,
                  prepared = std::move(*prepared)](Store& store) mutable {
                   return app::StoreSubmission(store, actor, monitor, std::move(prepared));
                 },
                 [client_account](app::SubmissionResult& result) -> Result<Response> {
                   return JsonOk(
                       client_account ? ClientReceiptJson(result) : SubmissionJson(result), 201);
                 });
           },
       .request_schema = "SubmitMeasureRequest",
       .responses = {Reply(201, "MeasureSubmitted")},
       .execution = Execution::kEventLoop}));
  TRY(table.Add(
      {.method = Method::kGet,
       .pattern = "/api/v1/clients/{client_id}/measures",
       .roles = staff_and_client,
       .summary = "A client's measure administrations with item answers, oldest first (paged; "
                  "?instrument= filters; a client account: its own)",
       .async_handler =
           [deps](const HandlerContext& context, Responder responder) {
             Result<ListRequest> list = ParseList(context, deps.pages);
             if (!list) return responder.Send(Propagate(std::move(list).error()));
             RespondAfterCommit<std::vector<MeasureAdministration>>(
                 deps.stores, std::move(responder),
                 [actor = ContextOf(context), list = *list](Store& store) {
                   return store.ListAdministrationsPage(actor, list.client, list.query);
                 },
                 [page = list->page](
                     std::vector<MeasureAdministration>& administrations) -> Result<Response> {
                   json items = json::array();
                   for (const auto& administration : administrations) {
                     items.push_back(AdministrationJson(administration));
                   }
                   return JsonOk(PageResponse(std::move(items), page));
                 });
           },
       .responses = {PagedReply("MeasureAdministration")},
       .query = PageQuery({{"instrument", "only this instrument's administrations (e.g. phq9)"}})}));
  return Ok();
}

}  // namespace tessera::http
