#include "http/api_server.hpp"

#include "app/random_token.hpp"
#include "http/dispatcher.hpp"
#include "http/openapi.hpp"
#include "http/routes/questionnaire_link_routes.hpp"
#include "http/routes/routes.hpp"
#include "http/security/authenticator.hpp"
#include "http/security/login_rate_limiter.hpp"
#include "http/security/password_hasher.hpp"
#include "http/security/session_manager.hpp"
#include "http/server.hpp"

namespace tessera::http {

struct ApiServer::Parts {
  Parts(const ServerConfig& config, ApiServerBackends backends, PasswordHasher password_hasher)
      : settings(config),
        hasher(std::move(password_hasher)),
        own_history(backends.clock),
        history(backends.login_history != nullptr ? *backends.login_history : own_history),
        sessions(backends.sessions, backends.users, backends.clock, config.sessions),
        metrics(backends.metrics),
        dispatcher(routes, sessions, metrics, backends.log, backends.clock, config.json) {
    dispatcher.TrustProxies(config.trusted_proxies);
    dispatcher.ServeWebApp(backends.web_app);
  }

  ServerConfig settings;
  PasswordHasher hasher;
  InMemoryLoginHistory own_history;  // used without a store
  LoginHistory& history;
  std::unique_ptr<LoginRateLimiter> limiter;
  SessionManager sessions;
  std::unique_ptr<Authenticator> authenticator;
  MetricsRegistry& metrics;
  RouteTable routes;
  Dispatcher dispatcher;
  std::unique_ptr<Server> server;
};

ApiServer::ApiServer(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}
ApiServer::~ApiServer() = default;

Result<std::unique_ptr<ApiServer::Parts>> ApiServer::Assemble(const ServerConfig& config,
                                                              ApiServerBackends backends) {
  TRY_ASSIGN(PasswordHasher hasher, PasswordHasher::Create(config.password_hash));
  TRY_ASSIGN(std::string dummy_hash, hasher.HashOfUnguessablePassword());
  auto parts = std::make_unique<Parts>(config, backends, std::move(hasher));
  TRY_ASSIGN(parts->limiter,
             LoginRateLimiter::Create(backends.clock, config.login_limits, parts->history));
  parts->authenticator = std::make_unique<Authenticator>(Authenticator::Parts{
      backends.users, parts->sessions, *parts->limiter, parts->history, parts->hasher,
      backends.clock, std::move(dummy_hash), config.admin_totp});
  TRY(AddSystemRoutes(parts->routes, parts->metrics));
  TRY(AddAuthRoutes(parts->routes, *parts->authenticator, parts->sessions,
                    NoteKeyLogin{backends.store, config.password_hash}));
  if (backends.store != nullptr) {
    const StoreRoutes store_routes{*backends.store, parts->settings.pages, backends.clock,
                                   &parts->sessions, config.session_dates};
    TRY(AddStoreRoutes(parts->routes, store_routes,
                       AccountSecurity{parts->hasher, *parts->limiter, config.admin_totp}));
  }
  if (backends.clinical != nullptr) {
    TRY(AddClinicalRoutes(parts->routes, *backends.clinical));
    app::QuestionnaireLinkSettings links = config.links;
    links.public_base_url = config.public_url;  // one public address (server.public_url)
    TRY(AddQuestionnaireLinkRoutes(parts->routes,
                                   QuestionnaireLinkDeps{*backends.clinical, links}));
  }
  return parts;
}

Result<std::string> ApiServer::OpenApi(const ServerConfig& config, ApiServerBackends backends) {
  TRY_ASSIGN(std::unique_ptr<Parts> parts, Assemble(config, backends));
  return OpenApiDocument(parts->routes);
}

Result<std::unique_ptr<ApiServer>> ApiServer::Create(const ServerConfig& config,
                                                     ApiServerBackends backends) {
  TRY_ASSIGN(std::unique_ptr<Parts> parts, Assemble(config, backends));
  Dispatcher& dispatcher = parts->dispatcher;
  TRY_ASSIGN(parts->server,
             Server::Create(
                 config,
                 ServerHandlers{
                     [&dispatcher](Request request, std::shared_ptr<ResponseSink> sink) {
                       dispatcher.Handle(std::move(request), std::move(sink));
                     },
                     [&dispatcher](const Error& error, int status, const Request& request) {
                       return dispatcher.Reject(error, status, request);
                     },
                     [&dispatcher](Request& request) { return dispatcher.ExecutionOf(request); }}));
  return std::unique_ptr<ApiServer>(new ApiServer(std::move(parts)));
}

std::uint16_t ApiServer::port() const { return parts_->server->port(); }

std::string ApiServer::BaseUrl() const {
  const std::string& address = parts_->settings.address;
  const bool ipv6 = address.find(':') != std::string::npos;
  return std::string(parts_->settings.UsesTls() ? "https://" : "http://") +
         (ipv6 ? "[" + address + "]" : address) + ":" + std::to_string(port());
}

void ApiServer::Run() { parts_->server->Run(); }
void ApiServer::Stop() { parts_->server->Stop(); }
const RouteTable& ApiServer::routes() const { return parts_->routes; }

Result<std::vector<DemoCredential>> AddDemoUsers(Store& store,
                                                 const PasswordHashParameters& parameters) {
  TRY_ASSIGN(PasswordHasher hasher, PasswordHasher::Create(parameters));
  std::vector<DemoCredential> credentials;
  std::optional<AccessContext> admin;
  for (Role role : kAllRoles) {
    const std::string username = "demo-" + std::string(RoleName(role));
    TRY_ASSIGN(std::optional<Account> existing, store.FindAccountByName(username));
    if (existing) {
      if (role == Role::kAdmin) admin = AccessContext::For(existing->user.id);
      continue;
    }
    DemoCredential credential{username, std::string(RoleName(role)), app::RandomToken()};
    User user;
    user.username = username;
    user.role = role;
    TRY_ASSIGN(user.password_hash, hasher.Hash(credential.password));
    TRY_ASSIGN(const std::int64_t count, store.CountUsers());
    const AccessContext creator =
        count == 0 ? AccessContext::Bootstrap() : admin.value_or(AccessContext::Bootstrap());
    TRY_ASSIGN(UserId id, store.CreateUser(creator, user));
    if (role == Role::kAdmin) admin = AccessContext::For(id);
    credentials.push_back(std::move(credential));
  }
  return credentials;
}

Result<std::vector<DemoCredential>> AddDemoUsers(InMemoryUserDirectory& users,
                                                 const PasswordHashParameters& parameters) {
  TRY_ASSIGN(PasswordHasher hasher, PasswordHasher::Create(parameters));
  std::vector<DemoCredential> credentials;
  for (Role role : kAllRoles) {
    // 128 random bits, the same encoding as session tokens: nothing to guess, nothing fixed.
    DemoCredential credential{"demo-" + std::string(RoleName(role)), std::string(RoleName(role)),
                              app::RandomToken()};
    TRY_ASSIGN(std::string hash, hasher.Hash(credential.password));
    TRY(users.Add(credential.username, role, std::move(hash)));
    credentials.push_back(std::move(credential));
  }
  return credentials;
}

}  // namespace tessera::http
