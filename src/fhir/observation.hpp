#pragma once
// The Observations of one scored administration, following the US Core "Observation Screening
// Assessment" / SDC extraction pattern (docs/decisions/0111-fhir-observation-values.md):
//
//   <c>-<a>-panel      the instrument (LOINC panel code), hasMember -> the ones below
//   <c>-<a>-total      the total: valueQuantity in UCUM {score}, the severity band as its
//                      interpretation
//   <c>-<a>-scale-<id> each subscale score (valueQuantity {score}; coded by tessera's scale
//                      system: no LOINC codes exist for them)
//   <c>-<a>-item-<id>  each answered item: valueCodeableConcept (the LOINC LA answer with its
//                      ordinalValue) or, for numeric items, valueQuantity {score}
//
// All have category survey and derivedFrom their QuestionnaireResponse.

#include <vector>

#include <nlohmann/json.hpp>

#include "core/records/clinical.hpp"
#include "measures/instrument.hpp"

namespace tessera::fhir {

/// Every Observation of `administration`, the panel first, then the total (when scored), the
/// subscales (in the instrument file's order), then the answered items in form order. `instrument`
/// may be null (no longer shipped): then only the total, coded by tessera's scale system.
std::vector<nlohmann::json> ObservationsOf(const MeasureAdministration& administration,
                                           const measures::Instrument* instrument);

}  // namespace tessera::fhir
