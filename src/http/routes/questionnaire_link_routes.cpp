// Questionnaire links (app/questionnaire_links.hpp; docs/schedules.md). Staff on the case issue,
// list and revoke a client's links; the two public routes take the token in the request body
// (never in a URL, so it reaches no access log), are rate limited per source address like
// logins (security/login_rate_limiter.hpp) and answer every unusable token with the same 404.
#include <limits>

#include <nlohmann/json.hpp>

#include "app/questionnaire_links.hpp"
#include "app/reminders.hpp"
#include "core/records/clinical.hpp"
#include "http/error_response.hpp"
#include "http/json_body.hpp"
#include "http/routes/clinical_support.hpp"
#include "http/routes/questionnaire_link_routes.hpp"
#include "http/routes/schedule_json.hpp"
#include "http/security/login_history.hpp"

namespace tessera::http {
namespace {

using nlohmann::json;

std::string LinkStatus(const QuestionnaireLink& link, TimePoint now) {
  if (link.revoked_at) return "revoked";
  if (link.used_at) return "used";
  if (link.expires_at <= now) return "expired";
  return "active";
}

json LinkJson(const QuestionnaireLink& link, TimePoint now) {
  return {{"id", link.id.value()},
          {"client_id", link.client.value()},
          {"session_id", link.session.value()},
          {"instruments", link.instruments},
          {"created_at", FormatUtc(link.created_at)},
          {"expires_at", FormatUtc(link.expires_at)},
          {"used_at", link.used_at ? json(FormatUtc(*link.used_at)) : json(nullptr)},
          {"revoked_at", link.revoked_at ? json(FormatUtc(*link.revoked_at)) : json(nullptr)},
          {"status", LinkStatus(link, now)},
          {"delivery", std::string(LinkDeliveryName(link.delivery))}};
}

// The limiter's "account" is the token (by a prefix of its hash): one token tried again and
// again from one place slows down after 5 refusals, guesses of many tokens from one place
// meet the per-address limit, and nobody can slow another client's link.
std::string LimitKey(const std::string& token) {
  return "questionnaire-link:" + app::HashLinkToken(token).substr(0, 16);
}

// The link routes' own limiter and its in-memory counters (they start afresh on a restart, on
// purpose: docs/decisions/0250-questionnaire-link-limiter-stays-in-memory.md).
struct LinkLimiter {
  explicit LinkLimiter(const Clock& clock) : history(clock) {}
  InMemoryLoginHistory history;
  std::unique_ptr<LoginRateLimiter> limiter;
};

Response LinkRateLimited(const LoginDelay& delay) {
  Response response = ErrorResponse(Error(ErrorCode::kResourceExhausted, delay.reason));
  response.headers.emplace_back("Retry-After", std::to_string(delay.retry_after.count()));
  return response;
}

// Runs `work` on the store after the limiter admits the source; a success withdraws the
// attempt it counted, a refusal keeps it counted.
Result<Response> Limited(const QuestionnaireLinkDeps& deps, LoginRateLimiter& limiter,
                         const HandlerContext& context, const std::string& token,
                         const std::function<Result<Response>(Store& store)>& work) {
  const std::string key = LimitKey(token);
  TRY_ASSIGN(std::optional<LoginDelay> delay,
             limiter.BeginAttempt(key, context.request.source_address));
  if (delay) return LinkRateLimited(*delay);
  Result<Response> answer = RunOnStore(deps.clinical.stores, work);
  if (answer) TRY(limiter.RecordSuccess(key, context.request.source_address));
  return answer;
}

Result<app::LinkSubmission> ParseLinkSubmission(const json& body) {
  TRY(RequireOnlyFields(body, {"token", "idempotency_key", "answers"}));
  app::LinkSubmission submission;
  TRY_ASSIGN(submission.token, RequireString(body, "token"));
  TRY_ASSIGN(submission.idempotency_key, RequireString(body, "idempotency_key"));
  const auto answers = body.find("answers");
  if (answers == body.end() || !answers->is_object())
    return InvalidArgument("field 'answers' must be an object of instrument id -> answers");
  for (const auto& [instrument, items] : answers->items()) {
    if (!items.is_object())
      return InvalidArgument("answers: '" + instrument +
                             "' must be an object of item id -> number or null");
    auto& by_item = submission.answers[instrument];
    for (const auto& [item, value] : items.items()) {
      if (value.is_null()) {
        by_item[item] = std::nullopt;
      } else if (value.is_number()) {
        by_item[item] = value.get<double>();
      } else {
        return InvalidArgument("answers: " + instrument + " item '" + item +
                               "' must be a number or null");
      }
    }
  }
  return submission;
}

}  // namespace

Status AddQuestionnaireLinkRoutes(RouteTable& table, const QuestionnaireLinkDeps& deps) {
  const std::vector<Role> staff = {Role::kAdmin, Role::kClinician, Role::kSupervisor};
  const ClinicalRouteDeps& clinical = deps.clinical;
  auto limits = std::make_shared<LinkLimiter>(clinical.clock);
  TRY_ASSIGN(limits->limiter,
             LoginRateLimiter::Create(clinical.clock, LoginRateLimits{}, limits->history));
  TRY(table.Add(
      {.method = Method::kPost,
       .pattern = "/api/v1/clients/{client_id}/questionnaire-links",
       .roles = staff,
       .summary = "Issue a single-use questionnaire link for the questionnaires due before a "
                  "session (default: the client's latest session); the token and url are "
                  "returned this once and never stored",
       .body = RequestBody::kJson,
       .async_handler = WithStore(
           clinical.stores,
           [deps](Store& store, const AccessContext& actor,
                  const HandlerContext& context) -> Result<Response> {
             TRY(RequireOnlyFields(*context.body, {"session_id", "delivery"}));
             TRY_ASSIGN(const std::int64_t client, PathId(context.path_params, "client_id"));
             TRY_ASSIGN(std::optional<std::int64_t> session,
                        OptionalInteger(*context.body, "session_id", 1,
                                        std::numeric_limits<std::int64_t>::max()));
             LinkDelivery delivery = LinkDelivery::kRemote;
             if (const auto given = context.body->find("delivery"); given != context.body->end()) {
               const auto parsed =
                   given->is_string() ? ParseLinkDelivery(given->get<std::string>()) : std::nullopt;
               if (!parsed)
                 return InvalidArgument("field 'delivery' must be \"remote\" or \"kiosk\"");
               delivery = *parsed;
             }
             // The link and its reminders commit together (issue 18): a reminder exists exactly
             // when its link does, on every channel the client consented to (none: no reminder).
             app::IssuedLink issued;
             std::vector<OutboxMessage> reminders;
             TRY(store.Atomically([&]() -> Status {
               TRY_ASSIGN(issued, app::IssueQuestionnaireLink(
                                      store, actor, deps.clinical.library, deps.clinical.clock,
                                      deps.settings, ClientId(client),
                                      session ? std::optional(SessionId(*session)) : std::nullopt,
                                      delivery));
               // A kiosk link is opened on the clinic's tablet there and then: nothing is sent.
               if (delivery == LinkDelivery::kKiosk) return Ok();
               // A message needs an absolute address; a relative link starts at the web app's
               // public one (ServerConfig::PublicUrl).
               const std::string absolute =
                   issued.url.starts_with("/") ? deps.clinical.public_url + issued.url : issued.url;
               TRY_ASSIGN(reminders, app::EnqueueQuestionnaireReminder(
                                         store, actor, ClientId(client), absolute,
                                         "qlink-" + std::to_string(issued.link.id.value())));
               return Ok();
             }));
             json body = LinkJson(issued.link, deps.clinical.clock.Now());
             body["token"] = issued.token;
             body["url"] = issued.url;
             body["reminders"] = json::array();
             for (const OutboxMessage& reminder : reminders) {
               body["reminders"].push_back(
                   {{"channel", std::string(ReminderChannelName(reminder.channel))},
                    {"state", std::string(OutboxStateName(reminder.state))},
                    {"message_id", reminder.idempotency_key}});
             }
             return JsonOk(body, 201);
           }),
       .request_schema = "QuestionnaireLinkRequest",
       .responses = {Reply(201, "IssuedQuestionnaireLink")}}));
  TRY(table.Add({.method = Method::kGet,
                 .pattern = "/api/v1/clients/{client_id}/questionnaire-links",
                 .roles = staff,
                 .summary =
                     "A client's questionnaire links, newest first, with their status (active, "
                     "used, expired, revoked); never their tokens (paged)",
                 .async_handler = ClientRecordsHandler(
                     clinical.stores, clinical.pages,
                     [](Store& store, const AccessContext& actor, ClientId client) {
                       return store.ListQuestionnaireLinks(actor, client);
                     },
                     [&clock = clinical.clock](const QuestionnaireLink& link) {
                       return LinkJson(link, clock.Now());
                     }),
                 .responses = {PagedReply("QuestionnaireLink")},
                 .query = PageQuery({})}));
  TRY(table.Add(
      {.method = Method::kPost,
       .pattern = "/api/v1/clients/{client_id}/questionnaire-links/{link_id}/revocations",
       .roles = staff,
       .summary = "Revoke a questionnaire link: from now on it is refused like any unusable "
                  "link (again: no change)",
       .async_handler = WithStore(
           clinical.stores,
           [deps](Store& store, const AccessContext& actor,
                  const HandlerContext& context) -> Result<Response> {
             TRY_ASSIGN(const std::int64_t client, PathId(context.path_params, "client_id"));
             TRY_ASSIGN(const std::int64_t link, PathId(context.path_params, "link_id"));
             TRY_ASSIGN(QuestionnaireLink revoked,
                        store.RevokeQuestionnaireLink(actor, ClientId(client), LinkId(link)));
             return JsonOk(LinkJson(revoked, deps.clinical.clock.Now()));
           }),
       .responses = {Reply(200, "QuestionnaireLink")}}));
  TRY(table.Add(
      {.method = Method::kPost,
       .pattern = "/api/v1/questionnaire-link/forms",
       .authentication = Authentication::kPublic,
       .summary = "The questionnaires a link opens (the token in the body): their definitions "
                  "and when the link expires; nothing about the client. Any unusable token: "
                  "the same 404. Rate limited per source address",
       .body = RequestBody::kJson,
       .handler = [deps, limits](const HandlerContext& context) -> Result<Response> {
         TRY(RequireOnlyFields(*context.body, {"token"}));
         TRY_ASSIGN(std::string token, RequireString(*context.body, "token"));
         return Limited(
             deps, *limits->limiter, context, token, [&](Store& store) -> Result<Response> {
               TRY_ASSIGN(QuestionnaireLink link,
                          app::OpenQuestionnaireLink(store, deps.clinical.clock, token));
               json instruments = json::array();
               json risk_flags = json::array();
               for (const std::string& id : link.instruments) {
                 const auto document = deps.clinical.library.instrument_documents.find(id);
                 if (document == deps.clinical.library.instrument_documents.end())
                   return app::LinkRefused();
                 json definition = json::parse(document->second);
                 // The risk items' own rules, so the page shows the crisis information the moment
                 // one is endorsed, before anything is sent.
                 for (const json& flag : definition.value("flags", json::array())) {
                   if (flag.contains("item") &&
                       IsRiskAlertKind("flag:" + flag.value("id", std::string())))
                     risk_flags.push_back({{"instrument", id},
                                           {"item", flag["item"]},
                                           {"when", flag["when"]},
                                           {"value", flag["value"]}});
                 }
                 instruments.push_back(std::move(definition));
               }
               return JsonOk({{"instruments", std::move(instruments)},
                              {"expires_at", FormatUtc(link.expires_at)},
                              {"risk_flags", std::move(risk_flags)},
                              {"crisis",
                               {{"text", deps.clinical.crisis.text},
                                {"telephone", deps.clinical.crisis.telephone}}}});
             });
       },
       .request_schema = "QuestionnaireLinkToken",
       .responses = {Reply(200, "QuestionnaireLinkForms")}}));
  TRY(table.Add(
      {.method = Method::kPost,
       .pattern = "/api/v1/questionnaire-link/submissions",
       .authentication = Authentication::kPublic,
       .summary = "Submit every questionnaire of a link at once (scored, monitored, alerts "
                  "raised, one transaction); the link is then used. The same idempotency_key "
                  "again returns the first receipt and stores nothing. A risk item endorsed: "
                  "the clinic's crisis information, and the lead clinicians are notified",
       .body = RequestBody::kJson,
       .handler = [deps, limits](const HandlerContext& context) -> Result<Response> {
         TRY_ASSIGN(app::LinkSubmission submission, ParseLinkSubmission(*context.body));
         submission.attention_link = app::AttentionLink(deps.clinical.public_url);
         return Limited(deps, *limits->limiter, context, submission.token,
                        [&](Store& store) -> Result<Response> {
                          TRY_ASSIGN(app::LinkReceipt receipt,
                                     app::SubmitThroughLink(store, deps.clinical.library,
                                                            deps.clinical.monitor,
                                                            deps.clinical.clock, submission));
                          // The client's own progress, when the clinician shares it, read
                          // as the link's issuer (the delegation everything else uses). Never
                          // on a kiosk: the tablet shows nothing about the client afterwards.
                          json progress = nullptr;
                          if (receipt.delivery == LinkDelivery::kRemote && receipt.issuer) {
                            const Result<app::SharedProgress> shared =
                                app::ReadSharedProgress(store, AccessContext::For(*receipt.issuer),
                                                        deps.clinical.library, receipt.client);
                            if (shared && shared->shared)
                              progress = SharedProgressJson(receipt.client, *shared);
                          }
                          json crisis = nullptr;
                          if (receipt.risk_endorsed) {
                            crisis = {{"text", deps.clinical.crisis.text},
                                      {"telephone", deps.clinical.crisis.telephone},
                                      {"clinician_notified", receipt.clinician_notified}};
                          }
                          return JsonOk({{"instruments", receipt.instruments},
                                         {"received_at", receipt.received_at},
                                         {"repeated", receipt.repeated},
                                         {"crisis", std::move(crisis)},
                                         {"progress", std::move(progress)}},
                                        receipt.repeated ? 200 : 201);
                        });
       },
       .request_schema = "QuestionnaireLinkSubmission",
       .responses = {Reply(201, "QuestionnaireLinkReceipt"),
                     Reply(200, "QuestionnaireLinkReceipt")}}));
  return Ok();
}

}  // namespace tessera::http
