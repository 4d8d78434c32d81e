#include "fhir/resource_ids.hpp"

#include <charconv>

namespace tessera::fhir {

std::optional<std::int64_t> ParsePositiveId(std::string_view text) {
  if (text.empty() || text.size() > 18 || text.front() == '0') return std::nullopt;
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

bool IsFhirId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (const char symbol : id) {
    const bool allowed = (symbol >= 'a' && symbol <= 'z') || (symbol >= 'A' && symbol <= 'Z') ||
                         (symbol >= '0' && symbol <= '9') || symbol == '-' || symbol == '.';
    if (!allowed) return false;
  }
  return true;
}

std::string ResponseId(ClientId client, AdministrationId administration) {
  return std::to_string(client.value()) + "-" + std::to_string(administration.value());
}

Result<AdministrationRef> ParseResponseId(std::string_view id) {
  const auto dash = id.find('-');
  if (dash != std::string_view::npos) {
    const auto client = ParsePositiveId(id.substr(0, dash));
    const auto administration = ParsePositiveId(id.substr(dash + 1));
    if (client && administration) {
      return AdministrationRef{ClientId(*client), AdministrationId(*administration)};
    }
  }
  return NotFound("QuestionnaireResponse/" + std::string(id) + " not found");
}

Result<ObservationRef> ParseObservationId(std::string_view id) {
  const auto first = id.find('-');
  const auto second = first == std::string_view::npos ? first : id.find('-', first + 1);
  if (second != std::string_view::npos) {
    const auto response = ParseResponseId(id.substr(0, second));
    const std::string_view part = id.substr(second + 1);
    const bool known = part == "total" || part == "panel" ||
                       (part.starts_with("item-") && part.size() > 5) ||
                       (part.starts_with("scale-") && part.size() > 6);
    if (response && known) return ObservationRef{*response, std::string(part)};
  }
  return NotFound("Observation/" + std::string(id) + " not found");
}

}  // namespace tessera::fhir
