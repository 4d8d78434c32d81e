#include "json/parse.hpp"

#include <set>
#include <string>
#include <vector>

namespace tessera {
namespace {

// A SAX handler that builds nothing: it only measures depth, array lengths and string sizes,
// checks that no object names a member twice, and stops at the first violation with the path
// where it happened. nlohmann's parser is iterative, so this pass is safe for any input size.
class StrictChecker final : public nlohmann::json::json_sax_t {
 public:
  explicit StrictChecker(const JsonLimits& limits) : limits_(limits) {}

  const std::string& violation() const { return violation_; }
  const std::string& syntax_error() const { return syntax_error_; }

  bool null() override { return Value(); }
  bool boolean(bool) override { return Value(); }
  bool number_integer(number_integer_t) override { return Value(); }
  bool number_unsigned(number_unsigned_t) override { return Value(); }
  bool number_float(number_float_t, const string_t&) override { return Value(); }
  bool string(string_t& text) override { return Value() && CheckString(text, "string"); }
  bool binary(binary_t&) override { return Value(); }
  bool key(string_t& text) override {
    levels_.back().key = text;
    if (!CheckString(text, "member name")) return false;
    // RFC 8259 section 4: names SHOULD be unique, and parsers disagree on which duplicate
    // wins (nlohmann keeps the last, others the first): `{"total":30,"total":3}` would mean
    // different things to a proxy, a log reader and this program. Refuse it.
    if (!levels_.back().member_names.insert(text).second)
      return Violate("appears twice; each member name may appear once");
    return true;
  }
  bool start_object(std::size_t) override { return Open(false); }
  bool end_object() override { return Close(); }
  bool start_array(std::size_t) override { return Open(true); }
  bool end_array() override { return Close(); }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::json::exception& error) override {
    // nlohmann's message repeats its own prefix; keep the part after "parse error ...: ".
    std::string what = error.what();
    const auto colon = what.find(": ", what.find("parse error"));
    if (colon != std::string::npos) what = what.substr(colon + 2);
    syntax_error_ = "malformed JSON at byte " + std::to_string(position) + ": " + what;
    return false;
  }

 private:
  struct Level {
    bool is_array;
    std::size_t length;                  // arrays: elements seen so far
    std::set<std::string> member_names;  // objects only
    std::string key;                     // objects: the member being read
  };

  bool Value() {
    if (!levels_.empty() && levels_.back().is_array &&
        ++levels_.back().length > limits_.max_array_length) {
      return Violate("more than " + std::to_string(limits_.max_array_length) + " elements");
    }
    return true;
  }
  bool Open(bool is_array) {
    if (!Value()) return false;
    if (levels_.size() + 1 > limits_.max_depth)
      return Violate("nested deeper than " + std::to_string(limits_.max_depth) + " levels");
    levels_.push_back({is_array, 0, {}, {}});
    return true;
  }
  bool Close() {
    levels_.pop_back();
    return true;
  }
  bool CheckString(const std::string& text, std::string_view what) {
    if (text.size() <= limits_.max_string_bytes) return true;
    return Violate(std::string(what) + " longer than " + std::to_string(limits_.max_string_bytes) +
                   " bytes");
  }
  // The path of the value being read: "phases[2].name".
  std::string Path() const {
    std::string path;
    for (const Level& level : levels_) {
      path = level.is_array ? JsonElementPath(path, level.length == 0 ? 0 : level.length - 1)
                            : JsonFieldPath(path, level.key);
    }
    return path;
  }
  bool Violate(const std::string& rule) {
    const std::string path = Path();
    violation_ = (path.empty() ? std::string("(top level)") : path) + ": " + rule;
    return false;
  }

  const JsonLimits& limits_;
  std::vector<Level> levels_;
  std::string violation_;
  std::string syntax_error_;
};

Unexpected<Error> Refuse(std::string_view document, const std::string& message) {
  return InvalidArgument(document.empty() ? message : std::string(document) + ": " + message);
}

}  // namespace

std::string JsonFieldPath(std::string_view path, std::string_view field) {
  if (path.empty()) return std::string(field);
  if (field.empty()) return std::string(path);
  return std::string(path) + "." + std::string(field);
}

std::string JsonElementPath(std::string_view path, std::size_t index) {
  return std::string(path) + "[" + std::to_string(index) + "]";
}

Result<nlohmann::json> ParseJson(std::string_view text, std::string_view document,
                                 const JsonLimits& limits) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
    return Refuse(document, "is empty; a JSON value is required");
  // nlohmann's parser skips a UTF-8 byte-order mark silently; RFC 8259 section 8.1 forbids
  // sending one, and text that starts with one was not written as JSON for us.
  if (text.starts_with("\xEF\xBB\xBF")) {
    return Refuse(document,
                  "starts with a UTF-8 byte-order mark; JSON text must not (RFC 8259 section "
                  "8.1): send it without");
  }
  StrictChecker checker(limits);
  const bool well_formed = nlohmann::json::sax_parse(text, &checker);
  if (!checker.violation().empty()) return Refuse(document, checker.violation());
  if (!well_formed) return Refuse(document, checker.syntax_error());
  nlohmann::json value = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) return Refuse(document, "malformed JSON");
  return value;
}

}  // namespace tessera
