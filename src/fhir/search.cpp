#include "fhir/search.hpp"

#include <charconv>

#include "fhir/resource_ids.hpp"

namespace tessera::fhir {
namespace {

const std::string* Find(const Query& query, const std::string& name) {
  const auto found = query.find(name);
  return found == query.end() ? nullptr : &found->second;
}

bool IsDigits(std::string_view text) {
  if (text.empty()) return false;
  for (const char symbol : text) {
    if (symbol < '0' || symbol > '9') return false;
  }
  return true;
}

// YYYY, YYYY-MM or YYYY-MM-DD.
bool IsPartialDate(std::string_view text) {
  if (text.size() != 4 && text.size() != 7 && text.size() != 10) return false;
  if (!IsDigits(text.substr(0, 4))) return false;
  if (text.size() >= 7 && (text[4] != '-' || !IsDigits(text.substr(5, 2)))) return false;
  if (text.size() == 10 && (text[7] != '-' || !IsDigits(text.substr(8, 2)))) return false;
  return true;
}

Result<std::size_t> Count(const std::string& text, const std::string& name, std::size_t minimum,
                          std::size_t maximum) {
  std::size_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < minimum ||
      value > maximum) {
    return InvalidArgument("search parameter '" + name + "' must be a whole number from " +
                           std::to_string(minimum) + " to " + std::to_string(maximum));
  }
  return value;
}

}  // namespace

Result<std::optional<ClientId>> PatientParameter(const Query& query, const std::string& name) {
  const std::string* value = Find(query, name);
  if (value == nullptr) return std::optional<ClientId>();
  std::string_view id = *value;
  if (id.starts_with("Patient/")) id.remove_prefix(8);
  const auto parsed = ParsePositiveId(id);
  if (!parsed) {
    return InvalidArgument("search parameter '" + name + "' must be Patient/<id> or <id>");
  }
  return std::optional<ClientId>(ClientId(*parsed));
}

Result<std::optional<TokenFilter>> TokenParameter(const Query& query, const std::string& name) {
  const std::string* value = Find(query, name);
  if (value == nullptr) return std::optional<TokenFilter>();
  TokenFilter filter;
  if (const auto bar = value->find('|'); bar != std::string::npos) {
    filter.system = value->substr(0, bar);
    filter.code = value->substr(bar + 1);
  } else {
    filter.code = *value;
  }
  if (filter.code.empty() && (!filter.system || filter.system->empty())) {
    return InvalidArgument("search parameter '" + name + "' must be code, system|code or system|");
  }
  return std::optional<TokenFilter>(std::move(filter));
}

bool Matches(const TokenFilter& filter, const nlohmann::json& codeable_concept) {
  const auto codings = codeable_concept.find("coding");
  if (codings == codeable_concept.end()) return false;
  for (const auto& coding : *codings) {
    const std::string system = coding.value("system", "");
    const std::string code = coding.value("code", "");
    if (filter.system && system != *filter.system) continue;
    if (!filter.code.empty() && code != filter.code) continue;
    return true;
  }
  return false;
}

Result<std::optional<DateFilter>> DateParameter(const Query& query, const std::string& name) {
  const std::string* value = Find(query, name);
  if (value == nullptr) return std::optional<DateFilter>();
  DateFilter filter{"eq", *value};
  for (const char* prefix : {"eq", "ne", "lt", "le", "gt", "ge"}) {
    if (value->starts_with(prefix)) {
      filter.prefix = prefix;
      filter.value = value->substr(2);
      break;
    }
  }
  if (!IsPartialDate(filter.value)) {
    return InvalidArgument("search parameter '" + name +
                           "' must be a date YYYY, YYYY-MM or YYYY-MM-DD, optionally after one of "
                           "the prefixes eq, ne, lt, le, gt, ge");
  }
  return std::optional<DateFilter>(std::move(filter));
}

bool Matches(const DateFilter& filter, TimePoint time) {
  // The resource's UTC date cut to the filter's precision, compared as text (same format).
  const std::string at = FormatUtc(time).substr(0, filter.value.size());
  if (filter.prefix == "eq") return at == filter.value;
  if (filter.prefix == "ne") return at != filter.value;
  if (filter.prefix == "lt") return at < filter.value;
  if (filter.prefix == "le") return at <= filter.value;
  if (filter.prefix == "gt") return at > filter.value;
  return at >= filter.value;  // ge
}

Result<Paging> PagingParameters(const Query& query, std::size_t standard, std::size_t maximum) {
  Paging paging{standard, 0};
  if (const std::string* count = Find(query, "_count")) {
    TRY_ASSIGN(paging.count, Count(*count, "_count", 1, maximum));
  }
  if (const std::string* offset = Find(query, "_offset")) {
    TRY_ASSIGN(paging.offset, Count(*offset, "_offset", 0, 1000000000));
  }
  return paging;
}

}  // namespace tessera::fhir
