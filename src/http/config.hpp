#pragma once
// Server settings: defaults, overridden by a TOML file, overridden by TESSERA_* environment
// variables (TESSERA_<SECTION>_<KEY>, e.g. TESSERA_SERVER_PORT). Every key is listed in
// docs/http.md; an unknown key in the file is an error at start-up that names it.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/questionnaire_links.hpp"
#include "core/records/session_dates.hpp"
#include "core/result.hpp"
#include "http/crisis_information.hpp"
#include "http/event_log.hpp"
#include "http/json_body.hpp"
#include "http/pagination.hpp"
#include "http/security/authenticator.hpp"
#include "http/security/login_rate_limiter.hpp"
#include "http/security/password_hasher.hpp"
#include "http/security/session_manager.hpp"
#include "http/security/trusted_proxies.hpp"
#include "reminders/settings.hpp"

namespace tessera::http {

struct ServerConfig {
  // [server]
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;  // 0: any free port (printed at start-up)
  int threads = 2;
  /// Threads running the handlers that may block (store calls, argon2id): many store-backed
  /// requests can be in flight at once (so the store can group their commits) while the event
  /// loop keeps serving other connections.
  int handler_threads = 32;
  std::size_t max_connections = 512;  // further connections are closed at once
  /// Open connections from one source (an IPv4 address or an IPv6 /64, the TCP peer) at most;
  /// trusted proxies count only against max_connections.
  std::size_t max_connections_per_address = 128;
  /// Peers whose X-Forwarded-For names the client (security/trusted_proxies.hpp); empty: none.
  TrustedProxies trusted_proxies;
  // [tls]: both set, or neither (plain HTTP, loopback only)
  std::string tls_certificate;  // PEM chain file
  std::string tls_private_key;  // PEM key file
  // [limits]
  std::size_t max_body_bytes = 1 << 20;
  std::size_t max_header_bytes = 16 << 10;
  JsonLimits json;
  PageLimits pages;
  /// A whole request, or the wait for the next one on a kept-alive connection, must arrive
  /// within this: slow clients cannot hold connections open.
  std::chrono::seconds request_timeout{30};
  // [sessions]
  SessionTimeouts sessions;
  // [security]
  PasswordHashParameters password_hash;
  LoginRateLimits login_limits;
  AdminTotpPolicy admin_totp = AdminTotpPolicy::kOptional;
  // [store]: `tessera serve --db` and $TESSERA_DB take precedence (cli/store_options.hpp)
  std::string store_db;
  // [monitor]: a model file from `tessera fit expected`; empty: the monitor's rational rule
  std::string monitor_expected_model;
  // [crisis]: shown to a client whose own answers endorse a risk item
  CrisisInformation crisis;
  // [fhir]: the licensed instruments (ORS, SRS, WAI-SR: item text withheld by their licence)
  // the clinic holds a licence for, offered as FHIR Questionnaires (docs/fhir.md)
  std::vector<std::string> fhir_licensed_instruments;
  // [web]: the built web app served at / (docs/web.md); empty: web/dist when it holds an
  // index.html, else no web app
  std::string web_root;
  // [server] public_url: the web app's address as clients reach it (no trailing slash); empty:
  // questionnaire links are relative and reminders use PublicUrl()'s fallback
  std::string public_url;
  // [links]: questionnaire links (app/questionnaire_links.hpp; docs/schedules.md)
  app::QuestionnaireLinkSettings links;
  // [records]: session dates accepted (core/records/session_dates.hpp)
  SessionDateWindow session_dates;
  // [reminders]: email and text-message reminders (docs/reminders.md); nothing configured:
  // reminders wait in the outbox
  ::tessera::reminders::ReminderSettings reminders;
  // [logging]
  LogLevel log_level = LogLevel::kInfo;

  bool UsesTls() const { return !tls_certificate.empty(); }
  /// server.public_url, else this server's own address (http or https, address, port).
  std::string PublicUrl() const;
};

/// One documented setting: where it lives in the file and its environment variable.
struct SettingInfo {
  std::string section;
  std::string key;
  std::string environment_variable;
  std::string description;
};
/// Every setting, in documentation order.
std::vector<SettingInfo> AllSettings();

/// Defaults, then the file (when given), then matching TESSERA_* entries of `environment`.
/// kInvalidArgument naming the file, key and rule for a TOML syntax error, an unknown section
/// or key, a value of the wrong type or out of range; and for a plain-HTTP address that is not
/// loopback, or only one of certificate and key. kNotFound when the file does not exist.
Result<ServerConfig> LoadServerConfig(const std::optional<std::filesystem::path>& file,
                                      const std::map<std::string, std::string>& environment);

/// True for 127.0.0.0/8 and ::1 written as IP literals (names are not resolved).
bool IsLoopbackAddress(const std::string& address);

}  // namespace tessera::http
