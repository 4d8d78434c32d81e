#pragma once
// A stored measure administration as a QuestionnaireResponse: the answers exactly as stored,
// coded as the instrument's Questionnaire offers them (questionnaire.hpp).

#include <nlohmann/json.hpp>

#include "core/records/clinical.hpp"
#include "measures/instrument.hpp"

namespace tessera::fhir {

/// The QuestionnaireResponse of `administration` (id: ResponseId). `instrument` may be null
/// (an instrument no longer shipped): the answers are then plain numbers.
nlohmann::json QuestionnaireResponseOf(const MeasureAdministration& administration,
                                       const measures::Instrument* instrument);

}  // namespace tessera::fhir
