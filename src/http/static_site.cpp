#include "http/static_site.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <sstream>
#include <system_error>
#include <utility>

namespace tessera::http {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kIndexPath = "/index.html";

struct TypeOf {
  std::string_view extension;
  std::string_view content_type;
};
// Types a built Vite app contains (RFC 9239 names text/javascript for scripts).
constexpr std::array kContentTypes = {
    TypeOf{".html", "text/html; charset=utf-8"},
    TypeOf{".js", "text/javascript; charset=utf-8"},
    TypeOf{".mjs", "text/javascript; charset=utf-8"},
    TypeOf{".css", "text/css; charset=utf-8"},
    TypeOf{".json", "application/json"},
    TypeOf{".map", "application/json"},
    TypeOf{".webmanifest", "application/manifest+json"},
    TypeOf{".svg", "image/svg+xml"},
    TypeOf{".png", "image/png"},
    TypeOf{".jpg", "image/jpeg"},
    TypeOf{".ico", "image/x-icon"},
    TypeOf{".woff2", "font/woff2"},
    TypeOf{".woff", "font/woff"},
    TypeOf{".txt", "text/plain; charset=utf-8"},
};

bool HasPrefix(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// The last segment of a path names a file when it has an extension ("app.js"); client-side
// routes ("/clients/12") do not, and get the page.
bool LooksLikeFile(std::string_view path) {
  const std::string_view last = path.substr(path.rfind('/') + 1);
  return last.find('.') != std::string_view::npos;
}

Result<std::string> ReadWhole(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return NotFound("web app: cannot read " + file.string());
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

}  // namespace

std::string ContentTypeFor(std::string_view file_name) {
  const auto dot = file_name.rfind('.');
  if (dot != std::string_view::npos) {
    std::string extension(file_name.substr(dot));
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char symbol) { return static_cast<char>(std::tolower(symbol)); });
    for (const TypeOf& type : kContentTypes) {
      if (type.extension == extension) return std::string(type.content_type);
    }
  }
  return "application/octet-stream";
}

Result<StaticSite> StaticSite::Load(const fs::path& root) {
  std::error_code error;
  if (!fs::is_directory(root, error)) {
    return NotFound("web app: " + root.string() +
                    " is not a directory (build it with "
                    "`npm run build` in web/, or set [web] root)");
  }
  StaticSite site;
  site.root_ = root;
  std::size_t total_bytes = 0;
  // The iterator does not descend into symbolic links to directories; links to files are
  // skipped below, so everything served lies under the root.
  for (auto entry = fs::recursive_directory_iterator(root, error);
       !error && entry != fs::recursive_directory_iterator(); entry.increment(error)) {
    const fs::path relative = entry->path().lexically_relative(root);
    const std::string name = entry->path().filename().string();
    if (!name.empty() && name.front() == '.') {
      if (entry->is_directory()) entry.disable_recursion_pending();
      continue;
    }
    if (entry->is_symlink() || !entry->is_regular_file()) continue;
    if (site.files_.size() >= kMaxFiles) {
      return InvalidArgument("web app: " + root.string() + " has more than " +
                             std::to_string(kMaxFiles) + " files; is [web] root right?");
    }
    TRY_ASSIGN(std::string content, ReadWhole(entry->path()));
    total_bytes += content.size();
    if (total_bytes > kMaxTotalBytes) {
      return InvalidArgument("web app: " + root.string() + " holds more than " +
                             std::to_string(kMaxTotalBytes >> 20) + " MiB; is [web] root right?");
    }
    site.files_.emplace("/" + relative.generic_string(),
                        File{std::move(content), ContentTypeFor(name)});
  }
  if (error) return NotFound("web app: cannot list " + root.string() + ": " + error.message());
  if (site.files_.find(kIndexPath) == site.files_.end()) {
    return NotFound("web app: " + root.string() + " has no index.html");
  }
  return site;
}

Response StaticSite::Answer(const std::string& url_path, const File& file) const {
  Response response;
  response.status = 200;
  response.content_type = file.content_type;
  response.body = file.content;
  if (url_path == kIndexPath) {
    // The page names the current hashed assets, so it is fetched afresh every time.
    response.headers.emplace_back("Cache-Control", "no-store");
    response.headers.emplace_back("Content-Security-Policy", std::string(kPageSecurityPolicy));
  } else if (HasPrefix(url_path, "/assets/")) {
    response.headers.emplace_back("Cache-Control", std::string(kImmutableAssetCaching));
  } else {
    response.headers.emplace_back("Cache-Control", "no-cache");
  }
  return response;
}

std::optional<Response> StaticSite::Serve(std::string_view path) const {
  if (path.empty() || path.front() != '/' || HasPrefix(path, "/api/") || path == "/api") {
    return std::nullopt;
  }
  if (path == "/") return Answer(std::string(kIndexPath), files_.find(kIndexPath)->second);
  if (const auto found = files_.find(path); found != files_.end()) {
    return Answer(found->first, found->second);
  }
  // A missing file is a 404 (a stale page asking for an old asset must not get HTML back);
  // any other path is one of the app's own pages.
  if (LooksLikeFile(path)) return std::nullopt;
  return Answer(std::string(kIndexPath), files_.find(kIndexPath)->second);
}

}  // namespace tessera::http
