#include <nlohmann/json.hpp>

#include "http/dispatcher.hpp"
#include "http/error_response.hpp"
#include "http/json_body.hpp"
#include "http/openapi.hpp"
#include "http/routes/note_keys.hpp"
#include "http/routes/routes.hpp"

namespace tessera::http {
namespace {

using nlohmann::json;

enum class CredentialChoice { kCookie, kBearer };

Result<CredentialChoice> ParseCredentialChoice(const json& body) {
  const auto found = body.find("credential");
  if (found == body.end()) return CredentialChoice::kCookie;
  if (found->is_string() && *found == "cookie") return CredentialChoice::kCookie;
  if (found->is_string() && *found == "bearer") return CredentialChoice::kBearer;
  return InvalidArgument("field 'credential' must be \"cookie\" or \"bearer\"");
}

json UserJson(UserId id, const std::string& username, Role role) {
  return {{"id", id.value()}, {"username", username}, {"role", std::string(RoleName(role))}};
}

// 429 with how many seconds to wait (RFC 9110 section 10.2.3 Retry-After).
Response TooManyAttempts(const LoginDelay& delay) {
  Response response = ErrorResponse(Error(ErrorCode::kResourceExhausted, delay.reason));
  response.headers.emplace_back("Retry-After", std::to_string(delay.retry_after.count()));
  return response;
}

Result<Response> Login(Authenticator& authenticator, SessionManager& sessions,
                       const NoteKeyLogin& note_keys, const HandlerContext& context) {
  const json& body = *context.body;
  TRY(RequireOnlyFields(body, {"username", "password", "totp_code", "credential"}));
  TRY_ASSIGN(std::string username, RequireString(body, "username"));
  TRY_ASSIGN(std::string password, RequireString(body, "password"));
  std::string totp_code;
  if (body.contains("totp_code")) {
    TRY_ASSIGN(totp_code, RequireString(body, "totp_code"));
  }
  TRY_ASSIGN(const CredentialChoice choice, ParseCredentialChoice(body));
  TRY_ASSIGN(LoginOutcome outcome,
             authenticator.Login({std::move(username), password, std::move(totp_code),
                                  context.request.source_address}));
  if (const auto* delay = std::get_if<LoginDelay>(&outcome)) return TooManyAttempts(*delay);
  LoginSuccess& success = std::get<LoginSuccess>(outcome);
  json response_body = {{"user", UserJson(success.user_id, success.username, success.role)},
                        {"csrf_token", success.session.csrf_token},
                        {"expires_at", FormatUtc(success.session.absolute_expiry)}};
  if (note_keys.store != nullptr) {
    TRY_ASSIGN(NoteKeyOutcome note_key, OpenNoteKeyAtLogin(*note_keys.store, sessions.note_keys(),
                                                           success, password, note_keys.cost));
    if (note_key.state != NoteKeyState::kNotAnAuthor) {
      json& state = response_body["note_key"] = {{"state", NoteKeyStateName(note_key.state)}};
      // Shown this once: the author keeps it to open their notes after an admin reset.
      if (!note_key.recovery_code.empty()) state["recovery_code"] = note_key.recovery_code;
    }
  }
  Response response;
  if (choice == CredentialChoice::kBearer) {
    response_body["token"] = success.session.token;
  } else {
    response.headers.emplace_back(
        "Set-Cookie", SessionCookie(success.session.token, sessions.timeouts().absolute));
  }
  response.body = DumpJson(response_body);
  return response;
}

}  // namespace

Status AddAuthRoutes(RouteTable& table, Authenticator& authenticator, SessionManager& sessions,
                     NoteKeyLogin note_keys) {
  TRY(table.Add({.method = Method::kPost,
                 .pattern = "/api/v1/login",
                 .authentication = Authentication::kPublic,
                 .summary = "Log in with username, password and (when enrolled) a TOTP code",
                 .body = RequestBody::kJson,
                 .handler =
                     [&authenticator, &sessions, note_keys](const HandlerContext& context) {
                       return Login(authenticator, sessions, note_keys, context);
                     },
                 .request_schema = "LoginRequest",
                 .responses = {Reply(200, "LoginResult")}}));
  TRY(table.Add(
      {.method = Method::kPost,
       .pattern = "/api/v1/logout",
       .authentication = Authentication::kSession,
       .roles = {std::begin(kAllRoles), std::end(kAllRoles)},
       .summary = "End this session at once",
       .handler = [&authenticator, &sessions](const HandlerContext& context) -> Result<Response> {
         TRY(sessions.Close(context.principal->session_token_hash));
         TRY(authenticator.RecordLogout(context.principal->user_id));
         Response response = JsonResponse(200, R"({"logged_out":true})");
         if (context.principal->credential == CredentialKind::kCookie) {
           response.headers.emplace_back("Set-Cookie", SessionCookie("", std::chrono::seconds(0)));
         }
         return response;
       },
       .responses = {Reply(200, "LogoutResult")}}));
  TRY(table.Add({.method = Method::kGet,
                 .pattern = "/api/v1/me",
                 .authentication = Authentication::kSession,
                 .roles = {std::begin(kAllRoles), std::end(kAllRoles)},
                 .summary = "Who is logged in, and this session's CSRF token",
                 .handler = [](const HandlerContext& context) -> Result<Response> {
                   const Principal& principal = *context.principal;
                   const json body = {
                       {"user", UserJson(principal.user_id, principal.username, principal.role)},
                       {"credential",
                        principal.credential == CredentialKind::kCookie ? "cookie" : "bearer"},
                       {"csrf_token", principal.csrf_token}};
                   return JsonResponse(200, DumpJson(body));
                 },
                 // Never blocks; the dispatcher runs it inline only when the session is cached.
                 .responses = {Reply(200, "Me")},
                 .execution = Execution::kEventLoop}));
  return Ok();
}

}  // namespace tessera::http
