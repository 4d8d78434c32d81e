#pragma once
// Questionnaire resources generated from the instrument files (data/instruments): the same
// items, answers and scores the scorer uses, with their LOINC codes where the file has them.
// Answer options follow the SDC pattern: valueCoding (the LOINC LA code, else a tessera code
// for the option) with its score as the R4 `ordinalValue` extension.

#include <string>
#include <string_view>

#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "measures/instrument.hpp"

namespace tessera::fhir {

/// The instruments whose text their licence withholds that a clinic holds a licence for
/// (the server's [fhir] licensed_instruments setting).
using LicensedInstruments = std::set<std::string>;

/// Whether tessera offers the instrument over FHIR. A licensed instrument whose file carries
/// structure only (`item_text: withheld_by_licence`: ORS, SRS, WAI-SR) is offered only when
/// the clinic holds its licence (`licensed`), and then without item text (the clinic gives its
/// licensed wording); otherwise there is no questionnaire to give to anyone.
bool IsOffered(const measures::Instrument& instrument, const LicensedInstruments& licensed);
/// Whether the instrument needs a clinic's licence to be offered (its text is withheld).
bool NeedsLicence(const measures::Instrument& instrument);

/// The canonical URL of an instrument's Questionnaire: "urn:tessera:questionnaire:<id>" (a
/// name, not a location: the same on every server).
std::string CanonicalUrl(std::string_view instrument_id);
/// The instrument id a canonical reference names ("urn:tessera:questionnaire:phq9|<version>",
/// "Questionnaire/phq9", ".../Questionnaire/phq9"), or "" when it names none of ours.
std::string InstrumentIdOf(std::string_view canonical);

/// The code system of an instrument's answer options that have no LOINC answer code.
std::string AnswerSystem(const measures::Instrument& instrument,
                         const measures::AnswerSet& answers);
/// The code of such an option: its value as written ("0", "2.5").
std::string AnswerCode(double value);

/// The Questionnaire resource (id = the instrument id). REQUIRES: IsOffered(instrument, ...).
nlohmann::json QuestionnaireOf(const measures::Instrument& instrument);

}  // namespace tessera::fhir
