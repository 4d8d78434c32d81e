#include "http/config.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

namespace tessera::http {
namespace {

// A TOML file in the temp directory, removed at the end of the test.
class ConfigFile {
 public:
  explicit ConfigFile(const std::string& text)
      : path_(std::filesystem::temp_directory_path() /
              ("tessera-config-" + std::to_string(getpid()) + "-" + std::to_string(counter_++) +
               ".toml")) {
    std::ofstream(path_) << text;
  }
  ~ConfigFile() { std::filesystem::remove(path_); }
  const std::filesystem::path& path() const { return path_; }

 private:
  static inline int counter_ = 0;
  std::filesystem::path path_;
};

TEST(LoadServerConfig, DefaultsAreSecure) {
  const ServerConfig config = LoadServerConfig(std::nullopt, {}).value();
  EXPECT_EQ(config.address, "127.0.0.1");
  EXPECT_EQ(config.sessions.idle, std::chrono::minutes(15));
  EXPECT_EQ(config.sessions.absolute, std::chrono::hours(12));
  EXPECT_GE(config.password_hash.memory_mib, 19u);
  EXPECT_GE(config.password_hash.passes, 2u);
  EXPECT_EQ(config.login_limits.max_failures_per_account, 100u);
  EXPECT_FALSE(config.UsesTls());
}

TEST(LoadServerConfig, FileOverridesDefaultsAndEnvironmentOverridesFile) {
  const ConfigFile file(R"(
[server]
port = 9001
threads = 4
[limits]
max_body_bytes = 4096
max_json_depth = 8
[sessions]
idle_timeout_minutes = 5
[security]
require_totp_for_admins = true
[logging]
level = "warning"
)");
  const ServerConfig config =
      LoadServerConfig(file.path(), {{"TESSERA_SERVER_PORT", "9002"}, {"UNRELATED", "x"}}).value();
  EXPECT_EQ(config.port, 9002);
  EXPECT_EQ(config.threads, 4);
  EXPECT_EQ(config.max_body_bytes, 4096u);
  EXPECT_EQ(config.json.max_depth, 8u);
  EXPECT_EQ(config.sessions.idle, std::chrono::minutes(5));
  EXPECT_EQ(config.admin_totp, AdminTotpPolicy::kRequired);
  EXPECT_EQ(config.log_level, LogLevel::kWarning);
}

TEST(LoadServerConfig, RejectsBadFilesNamingTheKeyAndRule) {
  const struct {
    const char* text;
    const char* message_part;
  } cases[] = {
      {"[server]\nprot = 80\n", "unknown key 'server.prot'"},
      {"[srever]\nport = 80\n", "unknown section [srever]"},
      {"port = 80\n", "unknown section [port]"},
      {"[server]\nport = \"80\"\n", "server.port must be a whole number"},
      {"[server]\nport = 70000\n", "server.port must be from 0 to 65535, got 70000"},
      {"[security]\npassword_memory_mib = 8\n", "security.password_memory_mib must be from 19"},
      {"[security]\nlogin_failures_per_account = 101\n", "must be from 1 to 100"},
      {"[security]\nrequire_totp_for_admins = \"yes\"\n", "must be true or false"},
      {"[logging]\nlevel = \"loud\"\n", "'loud' is not one of"},
      {"[server\n", ":1:"},
      {"[server]\naddress = \"0.0.0.0\"\n", "not a loopback address"},
      {"[tls]\ncertificate = \"a.pem\"\n", "must be set together"},
      {"[limits]\ndefault_page_size = 300\nmax_page_size = 200\n", "must not exceed"},
  };
  for (const auto& test_case : cases) {
    const ConfigFile file(test_case.text);
    const auto config = LoadServerConfig(file.path(), {});
    ASSERT_FALSE(config.has_value()) << test_case.text;
    EXPECT_EQ(config.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(config.error().message().find(test_case.message_part), std::string::npos)
        << config.error().message();
  }
}

TEST(LoadServerConfig, RejectsBadEnvironmentValuesNamingTheVariable) {
  const auto config = LoadServerConfig(std::nullopt, {{"TESSERA_SERVER_PORT", "eighty"}});
  ASSERT_FALSE(config.has_value());
  EXPECT_EQ(config.error().message(),
            "environment variable TESSERA_SERVER_PORT must be a whole number");
  EXPECT_FALSE(LoadServerConfig(std::nullopt, {{"TESSERA_SERVER_ADDRESS", "10.1.2.3"}}));
}

TEST(LoadServerConfig, NonLoopbackAddressIsAllowedOnlyWithTls) {
  EXPECT_TRUE(LoadServerConfig(std::nullopt, {{"TESSERA_SERVER_ADDRESS", "0.0.0.0"},
                                              {"TESSERA_TLS_CERTIFICATE", "cert.pem"},
                                              {"TESSERA_TLS_PRIVATE_KEY", "key.pem"}})
                  .has_value());
}

TEST(LoadServerConfig, MissingFileIsNotFound) {
  EXPECT_EQ(LoadServerConfig("/nonexistent/tessera.toml", {}).error().code(), ErrorCode::kNotFound);
}

TEST(AllSettings, EveryEnvironmentVariableIsTesseraSectionKey) {
  const auto settings = AllSettings();
  EXPECT_GE(settings.size(), 20u);
  for (const SettingInfo& setting : settings) {
    EXPECT_EQ(setting.environment_variable.rfind("TESSERA_", 0), 0u);
    EXPECT_FALSE(setting.description.empty()) << setting.key;
  }
}

TEST(IsLoopbackAddress, OnlyLoopbackLiterals) {
  const struct {
    const char* address;
    bool loopback;
  } cases[] = {{"127.0.0.1", true},  {"127.255.0.9", true}, {"::1", true},
               {"128.0.0.1", false}, {"0.0.0.0", false},    {"::", false},
               {"localhost", false}, {"10.0.0.1", false},   {"", false}};
  for (const auto& test_case : cases) {
    EXPECT_EQ(IsLoopbackAddress(test_case.address), test_case.loopback) << test_case.address;
  }
}

}  // namespace
}  // namespace tessera::http

namespace tessera::http {
namespace {

TEST(AllSettings, EverySettingIsDocumentedInDocsHttpMd) {
  std::ifstream file(std::string(TESSERA_SOURCE_DIR) + "/docs/http.md");
  ASSERT_TRUE(file.good());
  const std::string docs((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  for (const SettingInfo& setting : AllSettings()) {
    EXPECT_NE(docs.find("`" + setting.section + "." + setting.key + "`"), std::string::npos)
        << setting.section << "." << setting.key;
    EXPECT_NE(docs.find("`" + setting.environment_variable + "`"), std::string::npos)
        << setting.environment_variable;
  }
}

}  // namespace
}  // namespace tessera::http

namespace tessera::http {
namespace {

TEST(ReminderSettings, NothingConfiguredMeansRemindersWaitInTheOutbox) {
  const ServerConfig config = LoadServerConfig(std::nullopt, {}).value();
  EXPECT_FALSE(config.reminders.SendsEmail());
  EXPECT_FALSE(config.reminders.SendsSms());
  EXPECT_EQ(config.PublicUrl(), "http://127.0.0.1:8080");
}

TEST(PublicUrl, OneSettingStartsLinksAndRemindersAndTheOldKeysNameIt) {
  const ConfigFile file("[server]\npublic_url = \"https://tessera.clinic.example/\"\n");
  const ServerConfig config = LoadServerConfig(file.path(), {}).value();
  EXPECT_EQ(config.PublicUrl(), "https://tessera.clinic.example");
  for (const char* old : {"[links]\npublic_base_url = \"https://a.example\"\n",
                          "[reminders]\npublic_url = \"https://a.example\"\n"}) {
    const ConfigFile retired(old);
    const Result<ServerConfig> refused = LoadServerConfig(retired.path(), {});
    ASSERT_FALSE(refused.has_value()) << old;
    EXPECT_NE(refused.error().message().find("is replaced by server.public_url"), std::string::npos)
        << refused.error().message();
  }
  const Result<ServerConfig> from_environment =
      LoadServerConfig(std::nullopt, {{"TESSERA_REMINDERS_PUBLIC_URL", "https://a.example"}});
  ASSERT_FALSE(from_environment.has_value());
  EXPECT_NE(from_environment.error().message().find("TESSERA_SERVER_PUBLIC_URL"),
            std::string::npos);
}

TEST(ReminderSettings, SecretsComeFromTheEnvironmentOrAFileNeverFromTheToml) {
  const ConfigFile secret("s3cret-password\n");
  const ConfigFile file(
      "[reminders]\nsmtp_host = \"smtp.clinic.example\"\n"
      "smtp_username = \"tessera\"\nsmtp_password_file = \"" +
      secret.path().string() + "\"\n");
  const ServerConfig from_file = LoadServerConfig(file.path(), {}).value();
  EXPECT_EQ(from_file.reminders.smtp_password, "s3cret-password");
  EXPECT_EQ(from_file.reminders.smtp_security, reminders::SmtpSecurity::kStartTls);
  const ServerConfig from_environment =
      LoadServerConfig(file.path(), {{"TESSERA_REMINDERS_SMTP_PASSWORD", "other"}}).value();
  EXPECT_EQ(from_environment.reminders.smtp_password, "other");
  const ConfigFile in_toml("[reminders]\nsmtp_password = \"s3cret\"\n");
  const auto refused = LoadServerConfig(in_toml.path(), {});
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message().find("unknown key 'reminders.smtp_password'"),
            std::string::npos);
  EXPECT_EQ(refused.error().message().find("s3cret"), std::string::npos);
}

TEST(ReminderSettings, PlainTextOnlyToLoopbackAndLeaseLongerThanASend) {
  const struct {
    std::map<std::string, std::string> environment;
    bool accepted;
  } cases[] = {
      {{{"TESSERA_REMINDERS_SMTP_HOST", "127.0.0.1"}, {"TESSERA_REMINDERS_SMTP_SECURITY", "none"}},
       true},
      {{{"TESSERA_REMINDERS_SMTP_HOST", "mail.example"},
        {"TESSERA_REMINDERS_SMTP_SECURITY", "none"}},
       false},
      {{{"TESSERA_REMINDERS_SMTP_HOST", "mail.example"},
        {"TESSERA_REMINDERS_SMTP_SECURITY", "tls"}},
       true},
      {{{"TESSERA_REMINDERS_SMTP_SECURITY", "ssl"}}, false},
      {{{"TESSERA_REMINDERS_SMS_WEBHOOK_URL", "http://127.0.0.1:9000/sms"}}, true},
      {{{"TESSERA_REMINDERS_SMS_WEBHOOK_URL", "http://sms.example/sms"}}, false},
      {{{"TESSERA_REMINDERS_SMS_WEBHOOK_URL", "https://sms.example/sms"}}, true},
      {{{"TESSERA_REMINDERS_SEND_TIMEOUT_SECONDS", "60"},
        {"TESSERA_REMINDERS_CLAIM_LEASE_SECONDS", "60"}},
       false},
      {{{"TESSERA_REMINDERS_SEND_TIMEOUT_SECONDS", "60"},
        {"TESSERA_REMINDERS_CLAIM_LEASE_SECONDS", "61"}},
       true},
  };
  for (const auto& test_case : cases) {
    const auto loaded = LoadServerConfig(std::nullopt, test_case.environment);
    EXPECT_EQ(loaded.has_value(), test_case.accepted)
        << test_case.environment.begin()->second << " "
        << (loaded ? std::string("accepted") : loaded.error().message());
  }
}

}  // namespace
}  // namespace tessera::http
