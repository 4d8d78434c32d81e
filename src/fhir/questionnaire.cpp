#include "fhir/questionnaire.hpp"

#include <cctype>
#include <cmath>
#include <sstream>

#include "fhir/fhir_json.hpp"

namespace tessera::fhir {
namespace {

using nlohmann::json;

constexpr std::string_view kCanonicalPrefix = "urn:tessera:questionnaire:";

// A computable name (FHIR invariant que-0 wants one like "PHQ9"): the short name's letters
// and digits, starting with an upper-case letter.
std::string ComputableName(const measures::Instrument& instrument) {
  std::string name;
  for (const char symbol : instrument.short_name) {
    if (std::isalnum(static_cast<unsigned char>(symbol))) name += symbol;
  }
  if (name.empty() || !std::isupper(static_cast<unsigned char>(name.front()))) name = "Q" + name;
  return name;
}

json Extension(std::string_view url, std::string_view value_field, json value) {
  return {{"url", url}, {value_field, std::move(value)}};
}

json AnswerOptionOf(const measures::Instrument& instrument, const measures::AnswerSet& answers,
                    const measures::AnswerOption& option) {
  json coding = option.loinc.empty() ? Coding(AnswerSystem(instrument, answers),
                                              AnswerCode(option.value), option.label)
                                     : Coding(kLoincSystem, option.loinc, option.label);
  return {{"valueCoding", std::move(coding)},
          {"extension",
           json::array({Extension(kOrdinalValueExtension, "valueDecimal", Number(option.value))})}};
}

bool IsWhole(double value) { return std::nearbyint(value) == value; }

json ItemOf(const measures::Instrument& instrument, const measures::Item& item) {
  json out = {{"linkId", item.id}, {"prefix", item.id}};
  if (!item.loinc.empty()) out["code"] = json::array({Coding(kLoincSystem, item.loinc)});
  if (!item.text.empty()) out["text"] = item.text;
  out["required"] = true;
  const measures::AnswerSet& answers = instrument.AnswerSetOf(item);
  if (!answers.options.empty()) {
    out["type"] = "choice";
    json options = json::array();
    for (const auto& option : answers.options) {
      options.push_back(AnswerOptionOf(instrument, answers, option));
    }
    out["answerOption"] = std::move(options);
    return out;
  }
  // A numeric range (a 0-10 line read to 0.1): integer or decimal, with its bounds.
  const bool whole = IsWhole(answers.step) && IsWhole(answers.minimum);
  out["type"] = whole ? "integer" : "decimal";
  const std::string_view field = whole ? "valueInteger" : "valueDecimal";
  out["extension"] = json::array({Extension("http://hl7.org/fhir/StructureDefinition/minValue",
                                            field, Number(answers.minimum)),
                                  Extension("http://hl7.org/fhir/StructureDefinition/maxValue",
                                            field, Number(answers.maximum))});
  return out;
}

}  // namespace

bool NeedsLicence(const measures::Instrument& instrument) {
  return instrument.item_text == measures::ItemTextPolicy::kWithheldByLicence;
}

bool IsOffered(const measures::Instrument& instrument, const LicensedInstruments& licensed) {
  return !NeedsLicence(instrument) || licensed.contains(instrument.id);
}

std::string CanonicalUrl(std::string_view instrument_id) {
  return std::string(kCanonicalPrefix) + std::string(instrument_id);
}

std::string InstrumentIdOf(std::string_view canonical) {
  canonical = canonical.substr(0, canonical.find('|'));
  if (canonical.starts_with(kCanonicalPrefix)) {
    return std::string(canonical.substr(kCanonicalPrefix.size()));
  }
  constexpr std::string_view kType = "Questionnaire/";
  const auto at = canonical.rfind(kType);
  if (at != std::string_view::npos && (at == 0 || canonical[at - 1] == '/')) {
    return std::string(canonical.substr(at + kType.size()));
  }
  return {};
}

std::string AnswerSystem(const measures::Instrument& instrument,
                         const measures::AnswerSet& answers) {
  return "urn:tessera:answers:" + instrument.id + ":" + answers.id;
}

std::string AnswerCode(double value) {
  std::ostringstream text;
  text << value;
  return text.str();
}

json QuestionnaireOf(const measures::Instrument& instrument) {
  json questionnaire = {{"resourceType", "Questionnaire"},
                        {"id", instrument.id},
                        {"url", CanonicalUrl(instrument.id)},
                        {"version", instrument.version},
                        {"name", ComputableName(instrument)},
                        {"title", instrument.name},
                        {"status", "active"},
                        {"subjectType", json::array({"Patient"})},
                        {"description", "Measures " + instrument.construct + "."}};
  if (!instrument.loinc_panel.empty()) {
    questionnaire["code"] =
        json::array({Coding(kLoincSystem, instrument.loinc_panel, instrument.name)});
  }
  std::string copyright = instrument.licence;
  if (!instrument.attribution.empty()) copyright += ". " + instrument.attribution;
  questionnaire["copyright"] = copyright;
  json items = json::array();
  for (const auto& item : instrument.items) items.push_back(ItemOf(instrument, item));
  questionnaire["item"] = std::move(items);
  return questionnaire;
}

}  // namespace tessera::fhir
