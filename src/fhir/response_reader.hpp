#pragma once
// Reads a QuestionnaireResponse that a FHIR application POSTs into the measure submission the
// JSON API takes (app::AdministrationRequest), so both go through the same scoring, store,
// monitor and alerts (app/measure_submission.hpp).
//
// What is accepted: `questionnaire` naming one of our offered Questionnaires (its canonical
// URL, optionally with |version, or Questionnaire/<id>); `subject` Patient/<client id>;
// `encounter` Encounter/<session id> (the session the questionnaire was completed in);
// `status` completed or amended; items found by our linkId or, for a response authored by
// another application, by the item's LOINC code (in `item.code`, or a linkId that is the
// code, as LHC-Forms writes "/44250-9"); answers as valueCoding (LOINC LA code or our answer
// code), valueInteger or valueDecimal. Nested groups are read through; an unanswered item that
// names no item of ours (a display text) is ignored, as is the total-score item. Anything else
// is refused with kInvalidArgument naming the item and the rule.

#include <nlohmann/json.hpp>

#include "app/measure_submission.hpp"
#include "core/result.hpp"
#include "fhir/questionnaire.hpp"
#include "measures/instrument_library.hpp"

namespace tessera::fhir {

/// The submission a QuestionnaireResponse asks for (answers set, total unset). Its
/// questionnaire must be one offered (IsOffered with `licensed`).
Result<app::AdministrationRequest> ReadQuestionnaireResponse(
    const nlohmann::json& resource, const measures::InstrumentLibrary& library,
    const LicensedInstruments& licensed = {});

}  // namespace tessera::fhir
