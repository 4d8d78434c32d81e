#pragma once
// FHIR logical ids of the resources tessera serves. A measure administration is stored under
// its client, and every read names the client so that the store's object-level check (and its
// audit entry) is the same one the JSON API runs: so the ids of a QuestionnaireResponse and
// its Observations carry the client id too.
//
//   Patient/12                      client 12
//   QuestionnaireResponse/12-345    administration 345 of client 12
//   Observation/12-345-total        its total score (also -panel, -item-<item id>)

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/records/clinical.hpp"
#include "core/result.hpp"

namespace tessera::fhir {

/// What a QuestionnaireResponse or Observation id names.
struct AdministrationRef {
  ClientId client;
  AdministrationId administration;
};

/// "12-345".
std::string ResponseId(ClientId client, AdministrationId administration);
/// "12-345" -> {12, 345}; kNotFound (as for any id that names nothing) when malformed.
Result<AdministrationRef> ParseResponseId(std::string_view id);

/// The parts of an Observation id: the administration and which observation of it.
struct ObservationRef {
  AdministrationRef administration;
  std::string part;  // "total", "panel", "scale-<subscale id>" or "item-<item id>"
};
/// "12-345-total" -> {{12, 345}, "total"}; kNotFound when malformed.
Result<ObservationRef> ParseObservationId(std::string_view id);

/// A positive decimal id ("12", no sign, no leading zero), or nullopt.
std::optional<std::int64_t> ParsePositiveId(std::string_view text);

/// Whether `id` is a valid FHIR id ([A-Za-z0-9-.]{1,64}).
bool IsFhirId(std::string_view id);

}  // namespace tessera::fhir
