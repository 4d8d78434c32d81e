// Accounts over HTTP: admins list, create, disable and enable accounts, set a staff account's
// email address and link a client account to its record; everyone enrols their own TOTP
// second factor.

#include "app/random_token.hpp"
#include "core/records/names.hpp"
#include "http/json_body.hpp"
#include "http/routes/route_support.hpp"
#include "http/security/totp.hpp"

namespace tessera::http {
namespace {

using nlohmann::json;

// At least 12 characters, as the CLI's `user add` (docs/store.md).
constexpr std::size_t kShortestPassword = 12;
constexpr std::size_t kLongestPassword = 1024;

json AccountJson(const Account& account) {
  json out = {{"id", account.user.id.value()},
              {"username", account.user.username},
              {"role", std::string(Name(account.user.role))},
              {"status", account.status == AccountStatus::kActive ? "active" : "disabled"},
              {"created_at", FormatUtc(account.user.created_at)}};
  out["client_id"] = account.client ? json(account.client->value()) : json(nullptr);
  out["email"] = account.email;
  return out;
}

// `email` of a request body: absent is empty (none); else a string of ValidateEmailAddress's
// shape, or empty to clear.
Result<std::string> OptionalEmail(const json& body) {
  if (!body.contains("email")) return std::string();
  TRY_ASSIGN(std::string email, RequireString(body, "email"));
  TRY(ValidateEmailAddress(email));
  return email;
}

Result<Response> SetEmail(Store& store, const AccessContext& actor, const HandlerContext& context) {
  TRY_ASSIGN(std::int64_t user, PathId(context.path_params, "user_id"));
  TRY(RequireOnlyFields(*context.body, {"email"}));
  if (!context.body->contains("email")) return InvalidArgument("field 'email' is required");
  TRY_ASSIGN(const std::string email, OptionalEmail(*context.body));
  TRY(store.SetAccountEmail(actor, UserId(user), email));
  TRY_ASSIGN(std::optional<Account> account, store.FindAccountById(UserId(user)));
  if (!account) return NotFound("account " + std::to_string(user) + " not found");
  return JsonReply(200, AccountJson(*account));
}

Result<Response> CreateAccount(const PasswordHasher& hasher, Store& store,
                               const AccessContext& actor, const HandlerContext& context) {
  const json& body = *context.body;
  TRY(RequireOnlyFields(body, {"username", "role", "password", "email"}));
  User user;
  TRY_ASSIGN(user.username, RequireText(body, "username", 64));
  TRY_ASSIGN(std::string role_text, RequireString(body, "role"));
  TRY_ASSIGN(user.role, tessera::ParseRole(role_text));
  TRY_ASSIGN(const std::string email, OptionalEmail(body));
  std::string password;
  bool generated = false;
  if (body.contains("password")) {
    TRY_ASSIGN(password, RequireString(body, "password"));
    if (password.size() < kShortestPassword || password.size() > kLongestPassword)
      return InvalidArgument("field 'password' must be 12 to 1024 characters");
  } else {
    password = app::RandomToken();
    generated = true;
  }
  TRY_ASSIGN(user.password_hash, hasher.Hash(password));
  TRY_ASSIGN(UserId id, store.CreateUser(actor, user));
  // In the same unit as the account: it is created with its address or not at all.
  if (!email.empty()) TRY(store.SetAccountEmail(actor, id, email));
  json out = {{"id", id.value()},
              {"username", user.username},
              {"role", std::string(Name(user.role))},
              {"email", email}};
  // A generated password is returned exactly once, to the admin who created the account.
  if (generated) out["password"] = password;
  return JsonReply(201, out);
}

Result<Response> ChangeStatus(AccountStatus status, SessionManager* sessions, StorePool& pool,
                              const HandlerContext& context) {
  TRY_ASSIGN(std::int64_t user, PathId(context.path_params, "user_id"));
  // The store deletes the account's login sessions in the same transaction.
  Result<Response> answer = RunOnStore(pool, [&](Store& store) -> Result<Response> {
    TRY(store.SetAccountStatus(ContextOf(*context.principal), UserId(user), status));
    return JsonReply(
        200, {{"id", user}, {"status", status == AccountStatus::kActive ? "active" : "disabled"}});
  });
  // Only now, after the commit, may the session cache drop its copies: a request of this
  // account checked before the commit still found its session in the store and may have
  // cached it. (Memory only; also after a failure, when the commit's fate may be unknown.)
  if (sessions != nullptr) sessions->ForgetUser(UserId(user));
  return answer;
}

Status RequireCode(const std::vector<std::uint8_t>& secret, const json& body,
                   std::string_view field, TimePoint now) {
  TRY_ASSIGN(std::string code, RequireString(body, field));
  if (!MatchTotp(secret, code, now))
    return InvalidArgument("field '" + std::string(field) +
                           "' is not the current code of that secret");
  return Ok();
}

// Runs on the handler pool, not as a commit-queue unit: the limiter writes its counters through
// the store itself, which it cannot do from inside another unit.
Result<Response> EnrolTotp(const Clock& clock, LoginRateLimiter& limiter, StorePool& pool,
                           const HandlerContext& context) {
  const json& body = *context.body;
  TRY(RequireOnlyFields(body, {"secret", "code", "current_code"}));
  TRY_ASSIGN(std::string secret_text, RequireString(body, "secret"));
  auto secret = DecodeBase32(secret_text);
  if (!secret || secret->size() < 16)
    return InvalidArgument("field 'secret' must be a base32 secret of at least 128 bits");
  TRY(RequireCode(*secret, body, "code", clock.Now()));
  const AccessContext actor = ContextOf(*context.principal);
  std::optional<Account> account;
  {
    auto store = pool.Acquire();
    TRY_ASSIGN(account, store->FindAccountById(*actor.actor));
  }
  if (!account) return Unauthenticated("session expired or not valid");
  // Replacing an enrolled factor needs the old one too, so a stolen session cannot swap it;
  // and each check of it is a login attempt for the rate limiter (by account and address), so
  // the 6-digit code cannot be guessed faster here than at login. A failure stays counted.
  if (!account->totp_secret_base32.empty()) {
    TRY_ASSIGN(auto current, DecodeBase32(account->totp_secret_base32));
    const std::string& username = context.principal->username;
    const std::string& address = context.request.source_address;
    TRY(limiter.Admit(username, address));
    TRY(RequireCode(current, body, "current_code", clock.Now()));
    TRY(limiter.RecordSuccess(username, address));
  }
  return RunOnStore(pool, [&](Store& store) -> Result<Response> {
    TRY(store.SetTotpSecret(actor, EncodeBase32(*secret)));
    return JsonReply(200, {{"totp_enrolled", true}});
  });
}

}  // namespace

Status AddUserRoutes(RouteTable& table, const StoreRoutes& routes,
                     const AccountSecurity& security) {
  const PasswordHasher& hasher = security.hasher;
  LoginRateLimiter& limiter = security.limiter;
  StorePool& pool = routes.store;
  const PageLimits& pages = routes.pages;
  const Clock& clock = routes.clock;
  TRY(table.Add({.method = Method::kGet,
                 .pattern = "/api/v1/users",
                 .roles = {Role::kAdmin},
                 .summary = "List accounts (admin)",
                 .async_handler = WithStore(
                     pool,
                     [&pages](Store& store, const AccessContext& actor,
                              const HandlerContext& context) -> Result<Response> {
                       TRY_ASSIGN(PageRequest page, PageOf(context, pages));
                       TRY_ASSIGN(std::vector<Account> accounts, store.ListAccounts(actor));
                       return JsonReply(200, PagedJson(accounts, page, AccountJson));
                     }),
                 .responses = {PagedReply("Account")},
                 .query = PageQuery()}));
  TRY(table.Add({.method = Method::kPost,
                 .pattern = "/api/v1/users",
                 .roles = {Role::kAdmin},
                 .summary = "Create an account (admin); a generated password is shown once",
                 .body = RequestBody::kJson,
                 .async_handler = WithStore(pool,
                                            [&hasher](Store& store, const AccessContext& actor,
                                                      const HandlerContext& context) {
                                              return CreateAccount(hasher, store, actor, context);
                                            }),
                 .request_schema = "CreateAccountRequest",
                 .responses = {Reply(201, "AccountCreated")}}));
  for (const auto& [suffix, status] : {std::pair{"disable", AccountStatus::kDisabled},
                                       std::pair{"enable", AccountStatus::kActive}}) {
    const AccountStatus wanted = status;
    TRY(table.Add({.method = Method::kPost,
                   .pattern = std::string("/api/v1/users/{user_id}/") + suffix,
                   .roles = {Role::kAdmin},
                   .summary = wanted == AccountStatus::kDisabled
                                  ? "Disable an account and end its sessions at once (admin)"
                                  : "Enable a disabled account (admin)",
                   .handler =
                       [&pool, wanted, sessions = routes.sessions](const HandlerContext& context) {
                         return ChangeStatus(wanted, sessions, pool, context);
                       },
                   .responses = {Reply(200, "AccountStatus")}}));
  }
  TRY(table.Add({.method = Method::kPut,
                 .pattern = "/api/v1/users/{user_id}/email",
                 .roles = {Role::kAdmin},
                 .summary = "Set or clear a staff account's email address, where the lead "
                            "clinician's notifications are sent (admin); the account",
                 .body = RequestBody::kJson,
                 .async_handler = WithStore(pool, SetEmail),
                 .request_schema = "AccountEmailRequest",
                 .responses = {Reply(200, "Account")}}));
  TRY(table.Add({.method = Method::kPost,
                 .pattern = "/api/v1/users/{user_id}/client-link",
                 .roles = {Role::kAdmin},
                 .summary = "Link a client account to its client record (admin)",
                 .body = RequestBody::kJson,
                 .async_handler = WithStore(
                     pool,
                     [](Store& store, const AccessContext& actor,
                        const HandlerContext& context) -> Result<Response> {
                       TRY_ASSIGN(std::int64_t user, PathId(context.path_params, "user_id"));
                       TRY(RequireOnlyFields(*context.body, {"client_id"}));
                       TRY_ASSIGN(std::int64_t client,
                                  RequireInteger(*context.body, "client_id", 1, INT64_MAX));
                       TRY(store.LinkClientAccount(actor, UserId(user), ClientId(client)));
                       return JsonReply(200, {{"id", user}, {"client_id", client}});
                     }),
                 .request_schema = "ClientLinkRequest",
                 .responses = {Reply(200, "ClientLink")}}));
  TRY(table.Add({.method = Method::kPost,
                 .pattern = "/api/v1/me/totp/secret",
                 .roles = {std::begin(kAllRoles), std::end(kAllRoles)},
                 .summary = "A fresh TOTP secret to enrol (not stored until confirmed)",
                 .handler = [](const HandlerContext& context) -> Result<Response> {
                   const std::string secret = EncodeBase32(NewTotpSecret());
                   return JsonReply(200, {{"secret", secret},
                                          {"otpauth_uri",
                                           "otpauth://totp/tessera:" + context.principal->username +
                                               "?secret=" + secret + "&issuer=tessera"}});
                 },
                 .responses = {Reply(200, "TotpSecret")}}));
  TRY(table.Add({.method = Method::kPost,
                 .pattern = "/api/v1/me/totp",
                 .roles = {std::begin(kAllRoles), std::end(kAllRoles)},
                 .summary = "Enrol a TOTP second factor by confirming a code",
                 .body = RequestBody::kJson,
                 .handler =
                     [&clock, &limiter, &pool](const HandlerContext& context) {
                       return EnrolTotp(clock, limiter, pool, context);
                     },
                 .request_schema = "TotpEnrolRequest",
                 .responses = {Reply(200, "TotpState")}}));
  return Ok();
}

}  // namespace tessera::http
