// Measure administrations: submitting one scores it, stores it with its item answers, reviews
// the episode with the monitor and stores any alerts in one transaction (app/measure_submission).
// Clients complete their own questionnaires (PHQ-9, GAD-7, ORS, SRS, ...): a client account
// may submit to a session of its own record and list its own administrations; the store
// reaches only the record linked to the account, so anything else is the same 404.
#include <nlohmann/json.hpp>

#include "app/measure_corrections.hpp"
#include "http/json_body.hpp"
#include "http/routes/clinical_routes.hpp"
#include "http/routes/clinical_support.hpp"
#include "http/routes/route_support.hpp"

namespace tessera::http {
namespace {

using nlohmann::json;

// `answers` (item id -> number or null) and `total` as given; which of them must be present is
// the use case's rule (exactly one).
Status ParseAnswersOrTotal(const json& body,
                           std::optional<std::map<std::string, std::optional<double>>>& answers,
                           std::optional<double>& total) {
  if (const auto given = body.find("answers"); given != body.end()) {
    if (!given->is_object()) {
      return InvalidArgument("field 'answers' must be an object of item id -> number or null");
    }
    std::map<std::string, std::optional<double>> by_item;
    for (const auto& [item, value] : given->items()) {
      if (value.is_null()) {
        by_item[item] = std::nullopt;
      } else if (value.is_number()) {
        by_item[item] = value.get<double>();
      } else {
        return InvalidArgument("answers: item '" + item + "' must be a number or null");
      }
    }
    answers = std::move(by_item);
  }
  if (const auto given = body.find("total"); given != body.end()) {
    if (!given->is_number()) return InvalidArgument("field 'total' must be a number");
    total = given->get<double>();
  }
  return Ok();
}

Result<app::AdministrationRequest> ParseSubmission(const HandlerContext& context) {
  const json& body = *context.body;
  TRY(RequireOnlyFields(body, {"instrument", "answers", "total"}));
  app::AdministrationRequest request;
  TRY_ASSIGN(const std::int64_t client, PathId(context.path_params, "client_id"));
  TRY_ASSIGN(const std::int64_t session, PathId(context.path_params, "session_id"));
  request.client = ClientId(client);
  request.session = SessionId(session);
  TRY_ASSIGN(request.instrument, RequireString(body, "instrument"));
  TRY(ParseAnswersOrTotal(body, request.answers, request.total));
  return request;
}

Result<app::CorrectionRequest> ParseCorrection(const HandlerContext& context) {
  const json& body = *context.body;
  TRY(RequireOnlyFields(body, {"reason", "answers", "total"}));
  app::CorrectionRequest request;
  TRY_ASSIGN(const std::int64_t client, PathId(context.path_params, "client_id"));
  TRY_ASSIGN(const std::int64_t administration, PathId(context.path_params, "administration_id"));
  request.client = ClientId(client);
  request.administration = AdministrationId(administration);
  TRY_ASSIGN(request.reason, RequireText(body, "reason", kMaxShortTextBytes));
  TRY(ParseAnswersOrTotal(body, request.answers, request.total));
  return request;
}

// What a client sees of their own submission: the receipt and their score, and when their
// answers endorse a risk item the clinic's crisis information at once (and that their
// clinician was told). The monitor's status, alerts and proposals are for the clinician, who
// reviews them with the client.
json ClientReceiptJson(const app::SubmissionResult& result, const CrisisInformation& crisis) {
  // The dispatcher maps it to the client's view (client_view.hpp) like every client answer.
  json receipt = SubmissionJson(result, nullptr);
  if (result.risk_endorsed) {
    receipt["crisis"] = {{"text", crisis.text},
                         {"telephone", crisis.telephone},
                         {"clinician_notified", result.notified > 0}};
  } else {
    receipt["crisis"] = nullptr;
  }
  return receipt;
}

Result<app::PreparedSubmission> PrepareRequest(const HandlerContext& context,
                                               const ClinicalRouteDeps& deps) {
  TRY_ASSIGN(app::AdministrationRequest request, ParseSubmission(context));
  request.attention_link = app::AttentionLink(deps.public_url);
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
  if (const auto history = context.target.query.find("history");
      history != context.target.query.end()) {
    if (history->second != "true" && history->second != "false")
      return InvalidArgument("query parameter 'history' must be true or false");
    if (history->second == "true") list.query.versions = Versions::kWithHistory;
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
             if (client_account) prepared->submitted_by = app::SubmittedBy::kClient;
             RespondAfterCommit<app::SubmissionResult>(
                 deps.stores, std::move(responder),
                 [actor = ContextOf(context), monitor = deps.monitor,
                  prepared = std::move(*prepared)](Store& store) mutable {
                   return app::StoreSubmission(store, actor, monitor, std::move(prepared));
                 },
                 [client_account, monitor = deps.monitor,
                  crisis = deps.crisis](app::SubmissionResult& result) -> Result<Response> {
                   return JsonOk(client_account ? ClientReceiptJson(result, crisis)
                                                : SubmissionJson(result, monitor),
                                 201);
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
                  "?instrument= filters; ?history=true: corrected and voided ones and the voids "
                  "too, in the order entered; a client account: its own)",
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
       .query = PageQuery(
           {{"instrument", "only this instrument's administrations (e.g. phq9)"},
            {"history", "true: corrected and voided ones too (default false)", "boolean"}})}));
  const std::vector<Role> staff = {Role::kAdmin, Role::kClinician, Role::kSupervisor};
  TRY(table.Add(
      {.method = Method::kPost,
       .pattern = "/api/v1/clients/{client_id}/measures/{administration_id}/corrections",
       .roles = staff,
       .summary = "Correct a measure entered wrongly: new answers or total with a reason, scored "
                  "and monitored; it counts instead of the original, which stays in the history "
                  "(409 when already corrected or voided, or the episode is closed)",
       .body = RequestBody::kJson,
       .async_handler =
           [deps](const HandlerContext& context, Responder responder) {
             Result<app::CorrectionRequest> request = ParseCorrection(context);
             if (!request) return responder.Send(Propagate(std::move(request).error()));
             RespondAfterCommit<app::SubmissionResult>(
                 deps.stores, std::move(responder),
                 [actor = ContextOf(context), deps, request = std::move(*request)](Store& store) {
                   return app::CorrectAdministration(store, actor, deps.library, deps.monitor,
                                                     deps.clock, request);
                 },
                 [monitor = deps.monitor](app::SubmissionResult& result) -> Result<Response> {
                   return JsonOk(SubmissionJson(result, monitor), 201);
                 });
           },
       .request_schema = "CorrectMeasureRequest",
       .responses = {Reply(201, "MeasureSubmitted")}}));
  TRY(table.Add(
      {.method = Method::kPost,
       .pattern = "/api/v1/clients/{client_id}/measures/{administration_id}/voids",
       .roles = staff,
       .summary = "Void a measure entered by mistake, with a reason: nothing counts in its place; "
                  "the original stays in the history (409 when already corrected or voided, or "
                  "the episode is closed)",
       .body = RequestBody::kJson,
       .async_handler =
           [deps](const HandlerContext& context, Responder responder) {
             const json& body = *context.body;
             Status fields = RequireOnlyFields(body, {"reason"});
             if (!fields) return responder.Send(Propagate(std::move(fields).error()));
             Result<std::int64_t> client = PathId(context.path_params, "client_id");
             if (!client) return responder.Send(Propagate(std::move(client).error()));
             Result<std::int64_t> administration = PathId(context.path_params, "administration_id");
             if (!administration)
               return responder.Send(Propagate(std::move(administration).error()));
             Result<std::string> reason = RequireText(body, "reason", kMaxShortTextBytes);
             if (!reason) return responder.Send(Propagate(std::move(reason).error()));
             RespondAfterCommit<MeasureAdministration>(
                 deps.stores, std::move(responder),
                 [actor = ContextOf(context), client = ClientId(*client),
                  administration = AdministrationId(*administration),
                  reason = *reason](Store& store) {
                   return app::VoidAdministration(store, actor, client, administration, reason);
                 },
                 [](MeasureAdministration& voided) -> Result<Response> {
                   return JsonOk(AdministrationJson(voided), 201);
                 });
           },
       .request_schema = "VoidMeasureRequest",
       .responses = {Reply(201, "MeasureAdministration")}}));
  return Ok();
}

}  // namespace tessera::http
