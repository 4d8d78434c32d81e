#include "http/config.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fstream>
#include <functional>
#include <variant>

#include <toml++/toml.h>

namespace tessera::http {
namespace {

using Value = std::variant<std::int64_t, std::string, bool, std::vector<std::string>>;

enum class Kind { kInteger, kString, kBoolean, kStringList };

struct Setting {
  std::string section;
  std::string key;
  Kind kind;
  std::int64_t minimum = 0;  // for kInteger
  std::int64_t maximum = 0;
  std::string description;
  std::function<Status(ServerConfig&, const Value&)> apply;

  std::string Name() const { return section + "." + key; }
  std::string EnvironmentVariable() const {
    std::string name = "TESSERA_" + section + "_" + key;
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char symbol) { return static_cast<char>(std::toupper(symbol)); });
    return name;
  }
};

Setting Integer(std::string section, std::string key, std::int64_t minimum, std::int64_t maximum,
                std::string description, std::function<void(ServerConfig&, std::int64_t)> set) {
  return {std::move(section),
          std::move(key),
          Kind::kInteger,
          minimum,
          maximum,
          std::move(description),
          [set](ServerConfig& config, const Value& value) {
            set(config, std::get<std::int64_t>(value));
            return Ok();
          }};
}

Setting Text(std::string section, std::string key, std::string description,
             std::function<Status(ServerConfig&, const std::string&)> set) {
  return {std::move(section),
          std::move(key),
          Kind::kString,
          0,
          0,
          std::move(description),
          [set](ServerConfig& config, const Value& value) {
            return set(config, std::get<std::string>(value));
          }};
}

// A secret kept in a file (mode 600, outside the TOML file): its first line.
Result<std::string> ReadSecretFile(const std::string& path) {
  std::ifstream file(path);
  if (!file) return NotFound("cannot read the file " + path);
  std::string secret;
  std::getline(file, secret);
  if (!secret.empty() && secret.back() == '\r') secret.pop_back();
  if (secret.empty()) return InvalidArgument("the file " + path + " is empty");
  return secret;
}

Setting Milliseconds(std::string key, std::int64_t minimum, std::string description,
                     std::chrono::milliseconds reminders::ReminderSettings::*member) {
  return Integer("reminders", std::move(key), minimum, 86400000, std::move(description),
                 [member](ServerConfig& c, std::int64_t v) {
                   c.reminders.*member = std::chrono::milliseconds(v);
                 });
}

// The host part of an http(s) URL ("http://127.0.0.1:9000/x" -> "127.0.0.1"); "" otherwise.
std::string UrlHost(const std::string& url) {
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) return "";
  std::string rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (!rest.empty() && rest[0] == '[') return rest.substr(1, rest.find(']') - 1);
  return rest.substr(0, rest.find(':'));
}

const std::vector<Setting>& Settings() {
  using std::chrono::hours;
  using std::chrono::minutes;
  using std::chrono::seconds;
  using C = ServerConfig;
  static const std::vector<Setting> settings = {
      Text("server", "address", "IP address to listen on; plain HTTP only on loopback",
           [](C& c, const std::string& v) { c.address = v; return Ok(); }),
      Text("server", "public_url",
           "the web app's address as clients reach it, e.g. https://tessera.clinic.example: "
           "questionnaire links and reminders start with it (default: links are relative, "
           "/q#<token>, and reminders use this server's own address)",
           [](C& c, const std::string& v) -> Status {
             if (!v.starts_with("https://") && !v.starts_with("http://"))
               return InvalidArgument("must be an http:// or https:// URL");
             c.public_url = v;
             while (!c.public_url.empty() && c.public_url.back() == '/') c.public_url.pop_back();
             return Ok();
           }),
      Integer("server", "port", 0, 65535, "TCP port; 0 picks a free one",
                   [](C& c, std::int64_t v) { c.port = static_cast<std::uint16_t>(v); }),
      Integer("server", "threads", 1, 64, "threads serving requests",
                   [](C& c, std::int64_t v) { c.threads = static_cast<int>(v); }),
      Integer("server", "handler_threads", 1, 1024,
              "threads running handlers that may block (store, password hashing)",
              [](C& c, std::int64_t v) { c.handler_threads = static_cast<int>(v); }),
      Integer("server", "max_connections", 1, 1000000,
              "open connections at most; more are closed at once",
              [](C& c, std::int64_t v) { c.max_connections = static_cast<std::size_t>(v); }),
      Integer("server", "max_connections_per_address", 1, 1000000,
              "open connections from one address (IPv6: one /64) at most; trusted proxies "
              "are exempt; more are closed at once",
              [](C& c, std::int64_t v) {
                c.max_connections_per_address = static_cast<std::size_t>(v);
              }),
      {"server", "trusted_proxies", Kind::kStringList, 0, 0,
       "reverse proxies (IP addresses or CIDR blocks) whose X-Forwarded-For is believed",
       [](C& c, const Value& v) -> Status {
         TRY_ASSIGN(c.trusted_proxies,
                    TrustedProxies::Parse(std::get<std::vector<std::string>>(v)));
         return Ok();
       }},
      Text("tls", "certificate", "PEM certificate chain; enables TLS 1.2/1.3",
           [](C& c, const std::string& v) { c.tls_certificate = v; return Ok(); }),
      Text("tls", "private_key", "PEM private key of the certificate",
           [](C& c, const std::string& v) { c.tls_private_key = v; return Ok(); }),
      Integer("limits", "max_body_bytes", 1024, 64 << 20, "largest request body",
                   [](C& c, std::int64_t v) { c.max_body_bytes = static_cast<std::size_t>(v); }),
      Integer("limits", "max_header_bytes", 1024, 1 << 20, "largest request header block",
                   [](C& c, std::int64_t v) { c.max_header_bytes = static_cast<std::size_t>(v); }),
      Integer("limits", "max_json_depth", 1, 256, "deepest JSON nesting in a body",
                   [](C& c, std::int64_t v) { c.json.max_depth = static_cast<std::size_t>(v); }),
      Integer("limits", "max_array_length", 1, 1000000, "most elements in one JSON array",
                   [](C& c, std::int64_t v) {
                     c.json.max_array_length = static_cast<std::size_t>(v);
                   }),
      Integer("limits", "max_string_bytes", 16, 16 << 20, "longest JSON string",
                   [](C& c, std::int64_t v) {
                     c.json.max_string_bytes = static_cast<std::size_t>(v);
                   }),
      Integer("limits", "default_page_size", 1, 1000, "list page size without ?limit=",
                   [](C& c, std::int64_t v) {
                     c.pages.default_page_size = static_cast<std::size_t>(v);
                   }),
      Integer("limits", "max_page_size", 1, 1000, "largest ?limit= on lists",
                   [](C& c, std::int64_t v) {
                     c.pages.max_page_size = static_cast<std::size_t>(v);
                   }),
      Integer("limits", "request_timeout_seconds", 1, 600,
                   "a whole request (or the wait for the next one on a kept-alive connection) must arrive within this",
                   [](C& c, std::int64_t v) { c.request_timeout = seconds(v); }),
      Integer("sessions", "idle_timeout_minutes", 1, 720, "session ends after this idle",
                   [](C& c, std::int64_t v) { c.sessions.idle = minutes(v); }),
      Integer("sessions", "absolute_timeout_hours", 1, 24,
                   "session ends this long after login",
                   [](C& c, std::int64_t v) { c.sessions.absolute = hours(v); }),
      Integer("security", "password_memory_mib", 19, 4096, "argon2id memory per hash",
                   [](C& c, std::int64_t v) {
                     c.password_hash.memory_mib = static_cast<std::size_t>(v);
                   }),
      Integer("security", "password_passes", 2, 10, "argon2id passes",
                   [](C& c, std::int64_t v) {
                     c.password_hash.passes = static_cast<unsigned long long>(v);
                   }),
      Integer("security", "login_failures_per_account", 1, 100,
                   "failed logins allowed per account per hour",
                   [](C& c, std::int64_t v) {
                     c.login_limits.max_failures_per_account = static_cast<std::size_t>(v);
                   }),
      Integer("security", "login_failures_per_address", 1, 100,
                   "failed logins allowed per source address per hour",
                   [](C& c, std::int64_t v) {
                     c.login_limits.max_failures_per_address = static_cast<std::size_t>(v);
                   }),
      {"security", "require_totp_for_admins", Kind::kBoolean, 0, 0,
       "admins must log in with a TOTP code",
       [](C& c, const Value& v) {
         c.admin_totp = std::get<bool>(v) ? AdminTotpPolicy::kRequired : AdminTotpPolicy::kOptional;
         return Ok();
       }},
      Text("store", "db", "SQLite file or postgresql:// URL of the clinical store",
           [](C& c, const std::string& v) -> Status {
             c.store_db = v;
             return Ok();
           }),
      Integer("records", "session_days_before_today", 0, 36600,
              "session dates accepted from this many days before today (UTC); default 3653 (ten years)",
              [](C& c, std::int64_t v) { c.session_dates.days_before_today = static_cast<int>(v); }),
      Integer("records", "session_days_after_today", 0, 366,
              "session dates accepted up to this many days after today (UTC); default 1",
              [](C& c, std::int64_t v) { c.session_dates.days_after_today = static_cast<int>(v); }),
      Integer("links", "lifetime_hours", 1, 720,
              "a questionnaire link expires this long after it is issued; default 72 (3 days)",
              [](C& c, std::int64_t v) { c.links.lifetime = hours(v); }),
      Text("monitor", "expected_model",
           "expected-response model file from `tessera fit expected` for the submission monitor",
           [](C& c, const std::string& v) -> Status {
             c.monitor_expected_model = v;
             return Ok();
           }),
      Text("crisis", "text",
           "what a client reads at once when their own answers endorse a risk item (default: "
           "contact local emergency services)",
           [](C& c, const std::string& v) -> Status {
             if (v.empty()) return InvalidArgument("must not be empty");
             c.crisis.text = v;
             return Ok();
           }),
      {"crisis", "telephone", Kind::kStringList, 0, 0,
       "crisis telephone lines shown with that text, e.g. [\"Emergency services: 999\", "
       "\"Samaritans: 116 123\"] (default: none)",
       [](C& c, const Value& v) -> Status {
         c.crisis.telephone = std::get<std::vector<std::string>>(v);
         return Ok();
       }},
      {"fhir", "licensed_instruments", Kind::kStringList, 0, 0,
       "instruments whose licence withholds their text (ors, srs, wai-sr) that the clinic holds "
       "a licence for: offered as FHIR Questionnaires, without item text (default: none)",
       [](C& c, const Value& v) -> Status {
         c.fhir_licensed_instruments = std::get<std::vector<std::string>>(v);
         return Ok();
       }},
      Text("web", "root",
           "directory of the built web app (vite build) served at /; default web/dist if present",
           [](C& c, const std::string& v) -> Status {
             c.web_root = v;
             return Ok();
           }),
      Text("reminders", "smtp_host",
           "mail server for email reminders; empty (default): email reminders wait in the outbox",
           [](C& c, const std::string& v) -> Status {
             c.reminders.smtp_host = v;
             return Ok();
           }),
      Integer("reminders", "smtp_port", 1, 65535, "mail server port (587 STARTTLS, 465 TLS)",
              [](C& c, std::int64_t v) { c.reminders.smtp_port = static_cast<std::uint16_t>(v); }),
      Text("reminders", "smtp_security",
           "starttls (default, required before sending), tls (implicit, smtps) or none (only to "
           "a loopback host)",
           [](C& c, const std::string& v) -> Status {
             using reminders::SmtpSecurity;
             if (v == "starttls") c.reminders.smtp_security = SmtpSecurity::kStartTls;
             else if (v == "tls") c.reminders.smtp_security = SmtpSecurity::kImplicitTls;
             else if (v == "none") c.reminders.smtp_security = SmtpSecurity::kNone;
             else return InvalidArgument("must be starttls, tls or none, got '" + v + "'");
             return Ok();
           }),
      Text("reminders", "smtp_username", "SMTP AUTH user; empty (default): no authentication",
           [](C& c, const std::string& v) -> Status {
             c.reminders.smtp_username = v;
             return Ok();
           }),
      Text("reminders", "smtp_password_file",
           "file whose first line is the SMTP password (or $TESSERA_REMINDERS_SMTP_PASSWORD); "
           "the password itself is never a setting",
           [](C& c, const std::string& v) -> Status {
             TRY_ASSIGN(c.reminders.smtp_password, ReadSecretFile(v));
             return Ok();
           }),
      Text("reminders", "from", "the From of reminder emails, e.g. \"Clinic <reminders@clinic.example>\"",
           [](C& c, const std::string& v) -> Status {
             if (v.find('@') == std::string::npos || v.find_first_of("\r\n") != std::string::npos)
               return InvalidArgument("must be an email address on one line");
             c.reminders.from = v;
             return Ok();
           }),
      Text("reminders", "sms_webhook_url",
           "the SMS gateway's webhook (JSON POST); empty (default): text reminders wait in the "
           "outbox; http:// only to a loopback host",
           [](C& c, const std::string& v) -> Status {
             if (!v.empty() && v.rfind("https://", 0) != 0 && v.rfind("http://", 0) != 0)
               return InvalidArgument("must be an http:// or https:// URL");
             c.reminders.sms_webhook_url = v;
             return Ok();
           }),
      Text("reminders", "sms_webhook_token_file",
           "file whose first line is the webhook's bearer token (or "
           "$TESSERA_REMINDERS_SMS_WEBHOOK_TOKEN)",
           [](C& c, const std::string& v) -> Status {
             TRY_ASSIGN(c.reminders.sms_webhook_token, ReadSecretFile(v));
             return Ok();
           }),
      Milliseconds("retry_initial_milliseconds", 1,
                   "first wait after a failed attempt, doubled each time (default 30000)",
                   &reminders::ReminderSettings::retry_initial),
      Milliseconds("retry_max_milliseconds", 1, "longest wait between attempts (default 3600000)",
                   &reminders::ReminderSettings::retry_max),
      Integer("reminders", "max_attempts", 1, 1000,
              "attempts before a reminder is failed_permanently (default 20)",
              [](C& c, std::int64_t v) { c.reminders.max_attempts = v; }),
      Milliseconds("poll_milliseconds", 10, "how often due reminders are looked for (default 2000)",
                   &reminders::ReminderSettings::poll_interval),
      Integer("reminders", "send_timeout_seconds", 1, 600,
              "one SMTP session or webhook call at most (default 60)",
              [](C& c, std::int64_t v) { c.reminders.send_timeout = std::chrono::seconds(v); }),
      Integer("reminders", "claim_lease_seconds", 2, 86400,
              "a reminder claimed this long ago by a server that stopped is sent again; longer "
              "than send_timeout_seconds (default 120)",
              [](C& c, std::int64_t v) { c.reminders.claim_lease = std::chrono::seconds(v); }),
      Text("logging", "level", "debug, info, warning or error",
           [](C& c, const std::string& v) -> Status {
             TRY_ASSIGN(c.log_level, ParseLogLevel(v));
             return Ok();
           }),
  };
  return settings;
}

Status ApplyChecked(const Setting& setting, ServerConfig& config, const Value& value,
                    const std::string& where) {
  if (const auto* number = std::get_if<std::int64_t>(&value)) {
    if (*number < setting.minimum || *number > setting.maximum) {
      return InvalidArgument(where + ": " + setting.Name() + " must be from " +
                             std::to_string(setting.minimum) + " to " +
                             std::to_string(setting.maximum) + ", got " + std::to_string(*number));
    }
  }
  const Status applied = setting.apply(config, value);
  if (!applied) return Propagate(applied.error().WithContext(where + ": " + setting.Name()));
  return Ok();
}

const char* KindName(Kind kind) {
  switch (kind) {
    case Kind::kInteger:
      return "a whole number";
    case Kind::kString:
      return "a string";
    case Kind::kBoolean:
      return "true or false";
    case Kind::kStringList:
      return "a list of strings";
  }
  return "a value";
}

std::optional<Value> FromToml(const toml::node& node, Kind kind) {
  switch (kind) {
    case Kind::kInteger:
      if (const auto number = node.value_exact<std::int64_t>()) return Value(*number);
      return std::nullopt;
    case Kind::kString:
      if (const auto text = node.value_exact<std::string>()) return Value(*text);
      return std::nullopt;
    case Kind::kBoolean:
      if (const auto flag = node.value_exact<bool>()) return Value(*flag);
      return std::nullopt;
    case Kind::kStringList: {
      const toml::array* array = node.as_array();
      if (array == nullptr) return std::nullopt;
      std::vector<std::string> items;
      for (const toml::node& item : *array) {
        const auto text = item.value_exact<std::string>();
        if (!text) return std::nullopt;
        items.push_back(*text);
      }
      return Value(std::move(items));
    }
  }
  return std::nullopt;
}

std::optional<Value> FromEnvironment(const std::string& text, Kind kind) {
  switch (kind) {
    case Kind::kInteger: {
      std::int64_t number = 0;
      const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
      if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
      }
      return Value(number);
    }
    case Kind::kString:
      return Value(text);
    case Kind::kBoolean:
      if (text == "true" || text == "1") return Value(true);
      if (text == "false" || text == "0") return Value(false);
      return std::nullopt;
    case Kind::kStringList: {
      // Comma-separated in the environment; an empty variable is an empty list.
      std::vector<std::string> items;
      std::size_t start = 0;
      while (start < text.size()) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        std::string item = text.substr(start, comma - start);
        item.erase(0, item.find_first_not_of(' '));
        item.erase(item.find_last_not_of(' ') + 1);
        if (item.empty()) return std::nullopt;
        items.push_back(std::move(item));
        start = comma + 1;
      }
      return Value(std::move(items));
    }
  }
  return std::nullopt;
}

// Keys that once existed, each with the one that replaced it: a clinic's old file gets a message
// naming the new key rather than "unknown key".
constexpr std::pair<std::string_view, std::string_view> kRetiredKeys[] = {
    {"links.public_base_url", "server.public_url"},
    {"reminders.public_url", "server.public_url"},
};
constexpr std::pair<std::string_view, std::string_view> kRetiredVariables[] = {
    {"TESSERA_LINKS_PUBLIC_BASE_URL", "TESSERA_SERVER_PUBLIC_URL"},
    {"TESSERA_REMINDERS_PUBLIC_URL", "TESSERA_SERVER_PUBLIC_URL"},
};

Status RefuseRetiredKey(const std::string& name, const std::string& where) {
  for (const auto& [retired, replacement] : kRetiredKeys) {
    if (name == retired) {
      return InvalidArgument(where + ": " + name + " is replaced by " + std::string(replacement) +
                             " (one public address for questionnaire links and reminders)");
    }
  }
  return Ok();
}

Status RefuseRetiredVariables(const std::map<std::string, std::string>& environment) {
  for (const auto& [retired, replacement] : kRetiredVariables) {
    if (environment.contains(std::string(retired))) {
      return InvalidArgument("environment variable " + std::string(retired) + " is replaced by " +
                             std::string(replacement) +
                             " (one public address for questionnaire links and reminders)");
    }
  }
  return Ok();
}

Status ApplyFile(const std::filesystem::path& file, ServerConfig& config) {
  const std::string where = file.string();
  std::error_code ignored;
  if (!std::filesystem::exists(file, ignored)) return NotFound(where + ": config file not found");
  toml::table document;
  try {
    document = toml::parse_file(file.string());
  } catch (const toml::parse_error& error) {
    return InvalidArgument(where + ":" + std::to_string(error.source().begin.line) + ": " +
                           std::string(error.description()));
  }
  for (const auto& [section_name, section_node] : document) {
    const std::string section(section_name.str());
    const toml::table* section_table = section_node.as_table();
    const bool known_section = std::any_of(Settings().begin(), Settings().end(),
                                           [&](const Setting& s) { return s.section == section; });
    if (!known_section || section_table == nullptr) {
      return InvalidArgument(where + ": unknown section [" + section + "]");
    }
    for (const auto& [key_name, value_node] : *section_table) {
      const std::string key(key_name.str());
      const auto setting =
          std::find_if(Settings().begin(), Settings().end(),
                       [&](const Setting& s) { return s.section == section && s.key == key; });
      if (setting == Settings().end()) {
        TRY(RefuseRetiredKey(section + "." + key, where));
        return InvalidArgument(where + ": unknown key '" + section + "." + key + "'");
      }
      const std::optional<Value> value = FromToml(value_node, setting->kind);
      if (!value) {
        return InvalidArgument(where + ": " + setting->Name() + " must be " +
                               KindName(setting->kind));
      }
      TRY(ApplyChecked(*setting, config, *value, where));
    }
  }
  return Ok();
}

Status Validate(const ServerConfig& config) {
  if (config.tls_certificate.empty() != config.tls_private_key.empty()) {
    return InvalidArgument("tls.certificate and tls.private_key must be set together");
  }
  if (!config.UsesTls() && !IsLoopbackAddress(config.address)) {
    return InvalidArgument("server.address " + config.address +
                           " is not a loopback address; plain HTTP is served only on 127.0.0.1 "
                           "or ::1: configure tls.certificate and tls.private_key");
  }
  const ::tessera::reminders::ReminderSettings& outgoing = config.reminders;
  if (outgoing.smtp_security == ::tessera::reminders::SmtpSecurity::kNone &&
      outgoing.SendsEmail() && !IsLoopbackAddress(outgoing.smtp_host) &&
      outgoing.smtp_host != "localhost") {
    return InvalidArgument(
        "reminders.smtp_security none sends mail in clear: only to a loopback "
        "smtp_host; use starttls or tls");
  }
  if (outgoing.sms_webhook_url.rfind("http://", 0) == 0 &&
      !IsLoopbackAddress(UrlHost(outgoing.sms_webhook_url)) &&
      UrlHost(outgoing.sms_webhook_url) != "localhost") {
    return InvalidArgument(
        "reminders.sms_webhook_url: http:// only to a loopback host; use "
        "https://");
  }
  if (outgoing.claim_lease <= outgoing.send_timeout) {
    return InvalidArgument(
        "reminders.claim_lease_seconds must be longer than "
        "reminders.send_timeout_seconds");
  }
  if (outgoing.retry_initial > outgoing.retry_max) {
    return InvalidArgument(
        "reminders.retry_initial_milliseconds must not exceed "
        "reminders.retry_max_milliseconds");
  }
  if (config.pages.default_page_size > config.pages.max_page_size) {
    return InvalidArgument("limits.default_page_size must not exceed limits.max_page_size");
  }
  return Ok();
}

}  // namespace

std::vector<SettingInfo> AllSettings() {
  std::vector<SettingInfo> infos;
  for (const Setting& setting : Settings()) {
    infos.push_back(
        {setting.section, setting.key, setting.EnvironmentVariable(), setting.description});
  }
  return infos;
}

bool IsLoopbackAddress(const std::string& address) {
  in_addr ipv4{};
  if (inet_pton(AF_INET, address.c_str(), &ipv4) == 1) {
    return (ntohl(ipv4.s_addr) >> 24) == 127;
  }
  in6_addr ipv6{};
  if (inet_pton(AF_INET6, address.c_str(), &ipv6) == 1) {
    return IN6_IS_ADDR_LOOPBACK(&ipv6);
  }
  return false;
}

Result<ServerConfig> LoadServerConfig(const std::optional<std::filesystem::path>& file,
                                      const std::map<std::string, std::string>& environment) {
  ServerConfig config;
  if (file) TRY(ApplyFile(*file, config));
  TRY(RefuseRetiredVariables(environment));
  for (const Setting& setting : Settings()) {
    const auto found = environment.find(setting.EnvironmentVariable());
    if (found == environment.end()) continue;
    const std::string where = "environment variable " + setting.EnvironmentVariable();
    const std::optional<Value> value = FromEnvironment(found->second, setting.kind);
    if (!value) return InvalidArgument(where + " must be " + KindName(setting.kind));
    TRY(ApplyChecked(setting, config, *value, where));
  }
  // Secrets only from the environment or a file, never from the TOML file itself.
  if (const auto found = environment.find("TESSERA_REMINDERS_SMTP_PASSWORD");
      found != environment.end())
    config.reminders.smtp_password = found->second;
  if (const auto found = environment.find("TESSERA_REMINDERS_SMS_WEBHOOK_TOKEN");
      found != environment.end())
    config.reminders.sms_webhook_token = found->second;
  TRY(Validate(config));
  return config;
}

std::string ServerConfig::PublicUrl() const {
  if (!public_url.empty()) return public_url;
  const bool ipv6 = address.find(':') != std::string::npos;
  return std::string(UsesTls() ? "https://" : "http://") + (ipv6 ? "[" + address + "]" : address) +
         ":" + std::to_string(port);
}

}  // namespace tessera::http
