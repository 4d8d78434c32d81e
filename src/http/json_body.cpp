#include "http/json_body.hpp"

#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace tessera::http {
namespace {

// A SAX handler that builds nothing: it only measures depth, array lengths and string sizes,
// checks that no object names a member twice, and stops at the first violation. nlohmann's parser
// is iterative, so this pass is safe for any input the body-size limit let through.
class LimitChecker final : public nlohmann::json::json_sax_t {
 public:
  explicit LimitChecker(const JsonLimits& limits) : limits_(limits) {}

  const std::string& violation() const { return violation_; }
  const std::string& syntax_error() const { return syntax_error_; }

  bool null() override { return Value(); }
  bool boolean(bool) override { return Value(); }
  bool number_integer(number_integer_t) override { return Value(); }
  bool number_unsigned(number_unsigned_t) override { return Value(); }
  bool number_float(number_float_t, const string_t&) override { return Value(); }
  bool string(string_t& text) override { return CheckString(text, "string") && Value(); }
  bool binary(binary_t&) override { return Value(); }
  bool key(string_t& text) override {
    if (!CheckString(text, "member name")) return false;
    // RFC 8259 section 4: names SHOULD be unique, and parsers disagree on which duplicate
    // wins (nlohmann keeps the last, others the first): `{"total":30,"total":3}` would mean
    // different things to a proxy, a log reader and this server. Refuse it.
    if (!levels_.back().member_names.insert(text).second) {
      violation_ = "JSON object has the member '" + text + "' twice; each name may appear once";
      return false;
    }
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
  bool Value() {
    if (!levels_.empty() && levels_.back().is_array) {
      if (++levels_.back().length > limits_.max_array_length) {
        violation_ =
            "JSON array has more than " + std::to_string(limits_.max_array_length) + " elements";
        return false;
      }
    }
    return true;
  }
  bool Open(bool is_array) {
    if (!Value()) return false;
    if (levels_.size() + 1 > limits_.max_depth) {
      violation_ = "JSON nested deeper than " + std::to_string(limits_.max_depth) + " levels";
      return false;
    }
    levels_.push_back({is_array, 0, {}});
    return true;
  }
  bool Close() {
    levels_.pop_back();
    return true;
  }
  bool CheckString(const std::string& text, std::string_view what) {
    if (text.size() <= limits_.max_string_bytes) return true;
    violation_ = "JSON " + std::string(what) + " longer than " +
                 std::to_string(limits_.max_string_bytes) + " bytes";
    return false;
  }

  struct Level {
    bool is_array;
    std::size_t length;
    std::set<std::string> member_names;  // objects only
  };
  const JsonLimits& limits_;
  std::vector<Level> levels_;
  std::string violation_;
  std::string syntax_error_;
};

}  // namespace

Result<nlohmann::json> ParseJsonBody(std::string_view body, const JsonLimits& limits) {
  if (body.empty()) return InvalidArgument("request body is empty; a JSON object is required");
  // nlohmann's parser skips a UTF-8 byte-order mark silently; RFC 8259 section 8.1 forbids
  // sending one, and a body that starts with one was not written as JSON text for us.
  if (body.starts_with("\xEF\xBB\xBF")) {
    return InvalidArgument(
        "request body starts with a UTF-8 byte-order mark; JSON text must not (RFC 8259 "
        "section 8.1): send the body without it");
  }
  LimitChecker checker(limits);
  const bool well_formed = nlohmann::json::sax_parse(body, &checker);
  if (!checker.violation().empty()) return InvalidArgument(checker.violation());
  if (!well_formed) return InvalidArgument(checker.syntax_error());
  nlohmann::json document = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return InvalidArgument("malformed JSON");
  return document;
}

std::string DumpJson(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Status RequireOnlyFields(const nlohmann::json& object,
                         std::initializer_list<std::string_view> allowed) {
  if (!object.is_object()) return InvalidArgument("request body must be a JSON object");
  for (const auto& [name, value] : object.items()) {
    bool known = false;
    for (std::string_view candidate : allowed) known = known || candidate == name;
    if (!known) return InvalidArgument("unknown field '" + name + "'");
  }
  return Ok();
}

Result<std::string> RequireString(const nlohmann::json& object, std::string_view field) {
  const auto found = object.find(field);
  if (found == object.end()) {
    return InvalidArgument("field '" + std::string(field) + "' is required");
  }
  if (!found->is_string()) {
    return InvalidArgument("field '" + std::string(field) + "' must be a string");
  }
  return found->get<std::string>();
}

}  // namespace tessera::http
