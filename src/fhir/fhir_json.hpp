#pragma once
// The small FHIR R4 JSON building blocks every resource uses: code systems tessera names,
// Coding and Reference values, instants, and the OperationOutcome an error becomes.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "core/error.hpp"

namespace tessera::fhir {

/// The media type of every FHIR request and response body.
inline constexpr std::string_view kFhirJson = "application/fhir+json";
/// Where the FHIR API is served.
inline constexpr std::string_view kFhirBasePath = "/fhir/R4";

inline constexpr std::string_view kLoincSystem = "http://loinc.org";
inline constexpr std::string_view kUcumSystem = "http://unitsofmeasure.org";
inline constexpr std::string_view kObservationCategorySystem =
    "http://terminology.hl7.org/CodeSystem/observation-category";
/// R4 core extension: the score of a coded answer (answerOption, Coding).
inline constexpr std::string_view kOrdinalValueExtension =
    "http://hl7.org/fhir/StructureDefinition/ordinalValue";
/// tessera's own code systems, for values no public terminology names (bands, answers of
/// instruments without LOINC answer codes, identifiers). URNs: they name, they do not resolve.
inline constexpr std::string_view kBandSystem = "urn:tessera:severity-band";
inline constexpr std::string_view kClientIdentifierSystem = "urn:tessera:client";
inline constexpr std::string_view kExternalReferenceSystem = "urn:tessera:external-reference";
inline constexpr std::string_view kUserIdentifierSystem = "urn:tessera:user";
inline constexpr std::string_view kTherapistIdentifierSystem = "urn:tessera:therapist";
inline constexpr std::string_view kScaleSystem = "urn:tessera:scale";

/// {"system", "code"[, "display"]} (display left out when empty).
nlohmann::json Coding(std::string_view system, std::string_view code,
                      std::string_view display = {});
/// {"reference": "<type>/<id>"}.
nlohmann::json Reference(std::string_view type, std::string_view id);
/// A FHIR instant (UTC, milliseconds): "2026-01-05T09:30:00.000Z".
std::string Instant(TimePoint time);
/// A number as FHIR JSON writes it: an integer when it is whole, else a decimal.
nlohmann::json Number(double value);
/// The survey category every score Observation carries.
nlohmann::json SurveyCategory();

/// An OperationOutcome with one issue for `error` (its code as the issue type, its message as
/// the diagnostics; an internal error's details are not shown, as ErrorResponse does).
nlohmann::json OperationOutcomeOf(const Error& error);
/// An OperationOutcome with one informational issue (an answer that is not an error).
nlohmann::json InformationOutcome(const std::string& text);

}  // namespace tessera::fhir
