#include "http/static_site.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>

#include "http/testing/test_stack.hpp"

namespace tessera::http {
namespace {

namespace fs = std::filesystem;
using testing::HeaderOf;

constexpr std::string_view kIndex = "<!doctype html><title>tessera</title>";
constexpr std::string_view kScript = "console.log('app')";

// A built app in a scratch directory, with a secret beside it (outside the root) that no
// request may reach, a link to it inside the root and a dot-file.
class WebAppDirectory {
 public:
  WebAppDirectory() {
    std::random_device random;
    base_ = fs::temp_directory_path() / ("tessera-web-" + std::to_string(random()));
    root_ = base_ / "dist";
    fs::create_directories(root_ / "assets");
    Write(root_ / "index.html", kIndex);
    Write(root_ / "assets" / "index-a1B2c3.js", kScript);
    Write(root_ / "assets" / "index-d4E5f6.css", "body{}");
    Write(root_ / "favicon.svg", "<svg/>");
    Write(root_ / ".env", "SECRET=1");
    Write(base_ / "secret.txt", "outside the root");
    fs::create_symlink(base_ / "secret.txt", root_ / "linked.txt");
  }
  ~WebAppDirectory() { fs::remove_all(base_); }
  const fs::path& root() const { return root_; }
  static void Write(const fs::path& file, std::string_view content) {
    std::ofstream(file, std::ios::binary) << content;
  }

 private:
  fs::path base_;
  fs::path root_;
};

class StaticSiteTest : public ::testing::Test {
 protected:
  WebAppDirectory directory;
  StaticSite site = StaticSite::Load(directory.root()).value();
};

TEST_F(StaticSiteTest, LoadsRegularFilesButNotDotFilesOrLinks) { EXPECT_EQ(site.file_count(), 4u); }

TEST_F(StaticSiteTest, HashedAssetsAreCachedForAYearAsImmutable) {
  const auto script = site.Serve("/assets/index-a1B2c3.js");
  ASSERT_TRUE(script);
  EXPECT_EQ(script->status, 200);
  EXPECT_EQ(script->body, kScript);
  EXPECT_EQ(script->content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(HeaderOf(*script, "Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_FALSE(HeaderOf(*script, "Content-Security-Policy"));
  EXPECT_EQ(site.Serve("/assets/index-d4E5f6.css")->content_type, "text/css; charset=utf-8");
}

TEST_F(StaticSiteTest, ThePageIsNeverCachedAndCarriesThePagePolicy) {
  for (const std::string_view path : {"/", "/index.html"}) {
    const auto page = site.Serve(path);
    ASSERT_TRUE(page) << path;
    EXPECT_EQ(page->body, kIndex);
    EXPECT_EQ(page->content_type, "text/html; charset=utf-8");
    EXPECT_EQ(HeaderOf(*page, "Cache-Control"), "no-store");
    const std::string policy = HeaderOf(*page, "Content-Security-Policy").value_or("");
    EXPECT_NE(policy.find("script-src 'self'"), std::string::npos);
    EXPECT_NE(policy.find("style-src 'self'"), std::string::npos);
    EXPECT_EQ(policy.find("unsafe-inline"), std::string::npos);
    EXPECT_EQ(policy.find("unsafe-eval"), std::string::npos);
  }
}

TEST_F(StaticSiteTest, OtherFilesAreRevalidated) {
  const auto icon = site.Serve("/favicon.svg");
  ASSERT_TRUE(icon);
  EXPECT_EQ(icon->content_type, "image/svg+xml");
  EXPECT_EQ(HeaderOf(*icon, "Cache-Control"), "no-cache");
}

TEST_F(StaticSiteTest, TheAppsOwnPagesGetThePage) {
  for (const std::string_view path : {"/clients/12", "/alerts", "/sign-in", "/clients/12/plan"}) {
    const auto page = site.Serve(path);
    ASSERT_TRUE(page) << path;
    EXPECT_EQ(page->body, kIndex) << path;
  }
}

TEST_F(StaticSiteTest, ApiPathsAndMissingFilesAreNotServed) {
  for (const std::string_view path :
       {"/api", "/api/", "/api/v1/nothing", "/assets/index-old.js", "/robots.txt", "", "x"}) {
    EXPECT_FALSE(site.Serve(path)) << path;
  }
}

// Paths as the dispatcher hands them over: already percent-decoded, so %2e%2e arrives as "..".
TEST_F(StaticSiteTest, NothingOutsideTheRootOrHiddenIsReachable) {
  const std::string_view cases[] = {"/../secret.txt",
                                    "/assets/../../secret.txt",
                                    "/assets/../index.html",
                                    "/./index.html.",
                                    "/linked.txt",
                                    "/.env",
                                    "//secret.txt",
                                    "/assets/%2e%2e/secret.txt",
                                    "/index.html/../../secret.txt",
                                    "/assets\\..\\secret.txt",
                                    "/..",
                                    "/assets/index-a1B2c3.js/.."};
  for (const std::string_view path : cases) {
    const auto answer = site.Serve(path);
    // Either no answer, or the page itself: never the secret, the link or the dot-file.
    if (answer) {
      EXPECT_EQ(answer->body, kIndex) << path;
    }
  }
  EXPECT_FALSE(site.Serve("/linked.txt"));
  EXPECT_FALSE(site.Serve("/.env"));
  EXPECT_FALSE(site.Serve("/../secret.txt"));
}

TEST(StaticSiteLoad, RefusesAMissingRootOrOneWithoutAPage) {
  const auto missing = StaticSite::Load("/nonexistent/tessera/web/dist");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code(), ErrorCode::kNotFound);
  EXPECT_NE(missing.error().message().find("/nonexistent/tessera/web/dist"), std::string::npos);

  WebAppDirectory directory;
  fs::remove(directory.root() / "index.html");
  const auto without_page = StaticSite::Load(directory.root());
  ASSERT_FALSE(without_page);
  EXPECT_NE(without_page.error().message().find("no index.html"), std::string::npos);
}

TEST(ContentTypeFor, KnowsTheTypesOfABuiltApp) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"index.html", "text/html; charset=utf-8"},
      {"app.JS", "text/javascript; charset=utf-8"},
      {"style.css", "text/css; charset=utf-8"},
      {"logo.svg", "image/svg+xml"},
      {"font.woff2", "font/woff2"},
      {"manifest.webmanifest", "application/manifest+json"},
      {"archive.tar", "application/octet-stream"},
      {"README", "application/octet-stream"},
  };
  for (const auto& [name, type] : cases) EXPECT_EQ(ContentTypeFor(name), type) << name;
}

// Through the dispatcher: the app's answers keep their caching and page policy and get every
// other security header; API answers are unchanged; only GET reaches the app.
class WebAppDispatchTest : public ::testing::Test, protected testing::TestStack {
 protected:
  void SetUp() override {
    ASSERT_TRUE(routes_added);
    dispatcher.ServeWebApp(&site);
  }
  static std::size_t Count(const Response& response, std::string_view name) {
    return static_cast<std::size_t>(
        std::count_if(response.headers.begin(), response.headers.end(),
                      [name](const auto& header) { return header.first == name; }));
  }
  WebAppDirectory directory;
  StaticSite site = StaticSite::Load(directory.root()).value();
};

TEST_F(WebAppDispatchTest, ThePageHasItsOwnPolicyAndCachingOnceAndTheOtherSecurityHeaders) {
  const Response page = dispatcher.Handle(Make(Method::kGet, "/clients/3?tab=plan"));
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.body, kIndex);
  EXPECT_EQ(Count(page, "Content-Security-Policy"), 1u);
  EXPECT_EQ(Count(page, "Cache-Control"), 1u);
  EXPECT_EQ(HeaderOf(page, "Content-Security-Policy"), std::string(kPageSecurityPolicy));
  EXPECT_EQ(HeaderOf(page, "Cache-Control"), "no-store");
  EXPECT_EQ(HeaderOf(page, "X-Frame-Options"), "DENY");
  EXPECT_EQ(HeaderOf(page, "X-Content-Type-Options"), "nosniff");
  EXPECT_TRUE(HeaderOf(page, "X-Request-Id"));

  const Response script = dispatcher.Handle(Make(Method::kGet, "/assets/index-a1B2c3.js"));
  EXPECT_EQ(HeaderOf(script, "Cache-Control"), std::string(kImmutableAssetCaching));
  EXPECT_EQ(Count(script, "Cache-Control"), 1u);
}

TEST_F(WebAppDispatchTest, ApiAnswersKeepTheirHeaders) {
  const Response health = dispatcher.Handle(Make(Method::kGet, "/healthz"));
  EXPECT_EQ(health.body, R"({"status":"ok"})");
  EXPECT_EQ(HeaderOf(health, "Cache-Control"), "no-store");
  EXPECT_EQ(HeaderOf(health, "Content-Security-Policy"),
            "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
  const Response missing = dispatcher.Handle(Make(Method::kGet, "/api/v1/no-such-route"));
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.content_type, "application/json");
}

TEST_F(WebAppDispatchTest, OnlyGetReachesTheAppAndMissingFilesAre404) {
  EXPECT_EQ(dispatcher.Handle(Make(Method::kPost, "/clients/3", "{}")).status, 404);
  EXPECT_EQ(dispatcher.Handle(Make(Method::kGet, "/assets/gone-123.js")).status, 404);
  EXPECT_EQ(dispatcher.Handle(Make(Method::kGet, "/%2e%2e/secret.txt")).status, 404);
  EXPECT_EQ(dispatcher.Handle(Make(Method::kGet, "/assets/%2e%2e/%2e%2e/secret.txt")).status, 404);
}

TEST_F(WebAppDispatchTest, RequestsAreCountedUnderOneLabel) {
  dispatcher.Handle(Make(Method::kGet, "/"));
  dispatcher.Handle(Make(Method::kGet, "/alerts"));
  EXPECT_NE(metrics.RenderPrometheus().find("GET (web app)"), std::string::npos);
}

}  // namespace
}  // namespace tessera::http
