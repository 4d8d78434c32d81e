#pragma once
// The built web app (web/dist, `vite build`) held in memory and served on the API's origin:
// every file under the root is read once at start-up, so a request is a map lookup that never
// touches the filesystem (no path is ever joined to the root: nothing outside it can be
// reached, whatever `..` or encoded bytes a request carries) and never blocks.
//
//   /assets/<name>-<hash>.js   the file, cached for a year as immutable (the hash changes
//                              whenever the content does)
//   /index.html, /            the page, never cached, with the page Content-Security-Policy
//   /clients/12 (no extension) the page: the app's own router reads the path
//   /favicon.svg              the file, revalidated on every use
//   /api/..., missing files   nullopt (the caller answers 404)

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "http/message.hpp"

namespace tessera::http {

/// The Content-Security-Policy of the app's pages: scripts, styles, fonts, images and API
/// calls from this origin only; no inline script or style, no eval, no plug-ins, no framing,
/// no <base>.
inline constexpr std::string_view kPageSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "font-src 'self'; connect-src 'self'; manifest-src 'self'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

/// Cache-Control of hashed assets (under /assets/).
inline constexpr std::string_view kImmutableAssetCaching = "public, max-age=31536000, immutable";

class StaticSite {
 public:
  /// At most this much is loaded: a larger root is more likely a wrong directory than an app.
  static constexpr std::size_t kMaxFiles = 2000;
  static constexpr std::size_t kMaxTotalBytes = 64u << 20;

  /// Reads every regular file under `root` (not following symbolic links; skipping names that
  /// start with a dot). kNotFound naming the root when it is not a directory or has no
  /// index.html; kInvalidArgument when it exceeds the limits above.
  static Result<StaticSite> Load(const std::filesystem::path& root);

  /// The answer for a GET of `path` (already percent-decoded), or nullopt for 404.
  std::optional<Response> Serve(std::string_view path) const;

  std::size_t file_count() const { return files_.size(); }
  const std::filesystem::path& root() const { return root_; }

 private:
  struct File {
    std::string content;
    std::string content_type;
  };
  StaticSite() = default;
  Response Answer(const std::string& url_path, const File& file) const;

  std::filesystem::path root_;
  std::map<std::string, File, std::less<>> files_;  // by URL path: "/assets/index-a1b2.js"
};

/// The content type of a file name by its extension ("text/javascript; charset=utf-8");
/// application/octet-stream when unknown.
std::string ContentTypeFor(std::string_view file_name);

}  // namespace tessera::http
