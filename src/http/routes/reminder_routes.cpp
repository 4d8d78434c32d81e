// Reminders (docs/reminders.md): a client's reminder contact and consent, a clinician's
// "remind now", and the outbox with each message's delivery state, for one client (staff on
// the care team) or the whole clinic (admins). The link a message carries is never returned:
// it may hold a single-use questionnaire token.
#include <nlohmann/json.hpp>

#include "app/reminders.hpp"
#include "http/json_body.hpp"
#include "http/routes/clinical_routes.hpp"
#include "http/routes/clinical_support.hpp"
#include "http/routes/route_support.hpp"

namespace tessera::http {
namespace {

using nlohmann::json;

json OptionalTime(const std::optional<TimePoint>& time) {
  return time ? json(FormatUtc(*time)) : json(nullptr);
}

json MessageJson(const OutboxMessage& message) {
  return {{"id", message.id.value()},
          {"message_id", message.idempotency_key},
          {"client_id", message.client.value()},
          {"channel", std::string(ReminderChannelName(message.channel))},
          {"recipient", message.recipient},
          {"template", message.template_name},
          {"state", std::string(OutboxStateName(message.state))},
          {"attempts", message.attempts},
          {"next_attempt_at", FormatUtc(message.next_attempt_at)},
          {"last_error", message.last_error},
          {"created_at", FormatUtc(message.created_at)},
          {"updated_at", FormatUtc(message.updated_at)},
          {"sent_at", OptionalTime(message.sent_at)}};
}

json ContactJson(const ReminderContact& contact) {
  return {
      {"client_id", contact.client.value()},
      {"version", contact.version},
      {"email", contact.email},
      {"mobile", contact.mobile},
      {"email_consent", contact.email_consent},
      {"sms_consent", contact.sms_consent},
      {"client_has_account", contact.client_has_account},
      {"recorded_at", contact.version > 0 ? json(FormatUtc(contact.recorded_at)) : json(nullptr)}};
}

Result<ClientId> PathClient(const HandlerContext& context) {
  TRY_ASSIGN(std::int64_t id, PathId(context.path_params, "client_id"));
  return ClientId(id);
}

Result<bool> RequireBoolean(const json& body, const char* field) {
  if (!body.contains(field) || !body.at(field).is_boolean())
    return InvalidArgument(std::string("field '") + field + "' is required: true or false");
  return body.at(field).get<bool>();
}

Result<ReminderContact> ParseContact(const json& body, ClientId client) {
  TRY(RequireOnlyFields(body,
                        {"expected_version", "email", "mobile", "email_consent", "sms_consent"}));
  ReminderContact contact;
  contact.client = client;
  TRY_ASSIGN(contact.email, OptionalText(body, "email", 254));
  TRY_ASSIGN(contact.mobile, OptionalText(body, "mobile", 16));
  TRY_ASSIGN(contact.email_consent, RequireBoolean(body, "email_consent"));
  TRY_ASSIGN(contact.sms_consent, RequireBoolean(body, "sms_consent"));
  return contact;
}

Result<std::optional<OutboxState>> StateFilter(const HandlerContext& context) {
  const auto found = context.target.query.find("state");
  if (found == context.target.query.end()) return std::optional<OutboxState>();
  TRY_ASSIGN(OutboxState state, ParseOutboxState(found->second));
  return std::optional<OutboxState>(state);
}

Result<Response> ListPage(const HandlerContext& context, const PageLimits& pages,
                          std::vector<OutboxMessage> messages) {
  TRY_ASSIGN(PageRequest page, PageOf(context, pages));
  TRY_ASSIGN(std::optional<OutboxState> state, StateFilter(context));
  if (state) std::erase_if(messages, [&](const OutboxMessage& m) { return m.state != *state; });
  return JsonOk(PagedJson(messages, page, MessageJson));
}

const QueryParameter kStateQuery{
    "state",
    "only messages in this state: queued, sending, sent, failed_retrying or "
    "failed_permanently",
    "string"};

}  // namespace

Status AddReminderRoutes(RouteTable& table, const ClinicalRouteDeps& deps) {
  const std::vector<Role> staff = {Role::kAdmin, Role::kClinician, Role::kSupervisor};
  TRY(table.Add(
      {.method = Method::kGet,
       .pattern = "/api/v1/clients/{client_id}/reminder-contact",
       .roles = staff,
       .summary = "How the client may be reminded: email, mobile number and consent per channel",
       .async_handler = WithStore(deps.stores,
                                  [](Store& store, const AccessContext& actor,
                                     const HandlerContext& context) -> Result<Response> {
                                    TRY_ASSIGN(ClientId client, PathClient(context));
                                    TRY_ASSIGN(ReminderContact contact,
                                               store.GetReminderContact(actor, client));
                                    return JsonOk(ContactJson(contact));
                                  }),
       .responses = {Reply(200, "ReminderContact")}}));
  TRY(table.Add({.method = Method::kPut,
                 .pattern = "/api/v1/clients/{client_id}/reminder-contact",
                 .roles = staff,
                 .summary = "Record the client's reminder contact and consent (a new version)",
                 .body = RequestBody::kJson,
                 .async_handler = WithStore(
                     deps.stores,
                     [](Store& store, const AccessContext& actor,
                        const HandlerContext& context) -> Result<Response> {
                       TRY_ASSIGN(ClientId client, PathClient(context));
                       const json& body = *context.body;
                       TRY_ASSIGN(ReminderContact contact, ParseContact(body, client));
                       TRY_ASSIGN(std::int64_t expected,
                                  RequireInteger(body, "expected_version", 0, INT64_MAX));
                       TRY(store.SetReminderContact(actor, contact, expected));
                       TRY_ASSIGN(ReminderContact stored, store.GetReminderContact(actor, client));
                       return JsonOk(ContactJson(stored));
                     }),
                 .request_schema = "ReminderContactInput",
                 .responses = {Reply(200, "ReminderContact")}}));
  TRY(table.Add(
      {.method = Method::kPost,
       .pattern = "/api/v1/clients/{client_id}/reminders",
       .roles = staff,
       .summary = "Remind the client now to sign in and answer their questionnaires (queued "
                  "in the outbox; sent by the server's delivery worker)",
       .body = RequestBody::kJson,
       .async_handler = WithStore(
           deps.stores,
           [deps](Store& store, const AccessContext& actor,
                  const HandlerContext& context) -> Result<Response> {
             TRY_ASSIGN(ClientId client, PathClient(context));
             const json& body = *context.body;
             TRY(RequireOnlyFields(body, {"channel"}));
             TRY_ASSIGN(std::string channel_name, RequireText(body, "channel", 10));
             TRY_ASSIGN(ReminderChannel channel, ParseReminderChannel(channel_name));
             TRY_ASSIGN(OutboxMessage message,
                        app::RemindToSignIn(store, actor, client, channel, deps.public_url));
             return JsonOk(MessageJson(message), 201);
           }),
       .request_schema = "SendReminderRequest",
       .responses = {Reply(201, "ReminderMessage")}}));
  TRY(table.Add(
      {.method = Method::kGet,
       .pattern = "/api/v1/clients/{client_id}/reminders",
       .roles = staff,
       .summary = "The client's reminders and their delivery state, newest first (paged)",
       .async_handler = WithStore(deps.stores,
                                  [deps](Store& store, const AccessContext& actor,
                                         const HandlerContext& context) -> Result<Response> {
                                    TRY_ASSIGN(ClientId client, PathClient(context));
                                    TRY_ASSIGN(std::vector<OutboxMessage> messages,
                                               store.ListOutboxMessages(actor, client));
                                    return ListPage(context, deps.pages, std::move(messages));
                                  }),
       .responses = {PagedReply("ReminderMessage")},
       .query = PageQuery({kStateQuery})}));
  TRY(table.Add(
      {.method = Method::kGet,
       .pattern = "/api/v1/reminders",
       .roles = {Role::kAdmin},
       .summary = "Every client's reminders and their delivery state, newest first (paged; "
                  "admins)",
       .async_handler = WithStore(deps.stores,
                                  [deps](Store& store, const AccessContext& actor,
                                         const HandlerContext& context) -> Result<Response> {
                                    TRY_ASSIGN(std::vector<OutboxMessage> messages,
                                               store.ListOutboxMessages(actor, std::nullopt));
                                    return ListPage(context, deps.pages, std::move(messages));
                                  }),
       .responses = {PagedReply("ReminderMessage")},
       .query = PageQuery({kStateQuery})}));
  return Ok();
}

}  // namespace tessera::http
