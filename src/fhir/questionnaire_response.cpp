#include "fhir/questionnaire_response.hpp"

#include <cmath>

#include "fhir/fhir_json.hpp"
#include "fhir/questionnaire.hpp"
#include "fhir/resource_ids.hpp"

namespace tessera::fhir {
namespace {

using nlohmann::json;

json AnswerOf(const measures::Instrument* instrument, const std::string& item_id, double value) {
  const measures::Item* item = instrument ? instrument->FindItem(item_id) : nullptr;
  if (item != nullptr) {
    const measures::AnswerSet& answers = instrument->AnswerSetOf(*item);
    for (const auto& option : answers.options) {
      if (option.value != value) continue;
      return {{"valueCoding", option.loinc.empty()
                                  ? Coding(AnswerSystem(*instrument, answers),
                                           AnswerCode(option.value), option.label)
                                  : Coding(kLoincSystem, option.loinc, option.label)}};
    }
  }
  if (std::nearbyint(value) == value) return {{"valueInteger", Number(value)}};
  return {{"valueDecimal", value}};
}

}  // namespace

json QuestionnaireResponseOf(const MeasureAdministration& administration,
                             const measures::Instrument* instrument) {
  const std::string when = Instant(administration.administered_at);
  json response = {{"resourceType", "QuestionnaireResponse"},
                   {"id", ResponseId(administration.client, administration.id)},
                   {"meta", {{"lastUpdated", when}}},
                   {"questionnaire", CanonicalUrl(administration.instrument.value())},
                   {"status", "completed"},
                   {"subject", Reference("Patient", std::to_string(administration.client.value()))},
                   {"authored", when}};
  if (administration.session) {
    response["encounter"] = Reference("Encounter", std::to_string(administration.session->value()));
  }
  json items = json::array();
  for (const ItemAnswer& answer : administration.answers) {
    json item = {{"linkId", answer.item}};
    if (answer.value)
      item["answer"] = json::array({AnswerOf(instrument, answer.item, *answer.value)});
    items.push_back(std::move(item));
  }
  if (!items.empty()) response["item"] = std::move(items);
  return response;
}

}  // namespace tessera::fhir
