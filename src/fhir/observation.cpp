#include "fhir/observation.hpp"

#include "fhir/fhir_json.hpp"
#include "fhir/questionnaire.hpp"
#include "fhir/resource_ids.hpp"

namespace tessera::fhir {
namespace {

using nlohmann::json;

json ScoreQuantity(double value) {
  return {
      {"value", Number(value)}, {"unit", "{score}"}, {"system", kUcumSystem}, {"code", "{score}"}};
}

// A LOINC code when there is one, else tessera's name for the scale; with a readable text.
json CodeOf(const std::string& loinc, const std::string& own_code, const std::string& text) {
  const json coding = loinc.empty() ? Coding(kScaleSystem, own_code) : Coding(kLoincSystem, loinc);
  return {{"coding", json::array({coding})}, {"text", text}};
}

class Builder {
 public:
  Builder(const MeasureAdministration& administration, const measures::Instrument* instrument)
      : administration_(administration),
        instrument_(instrument),
        response_id_(ResponseId(administration.client, administration.id)),
        instrument_name_(instrument ? instrument->short_name : administration.instrument.value()) {}

  // What every Observation of the administration shares.
  json Base(const std::string& part, json code) const {
    const std::string when = Instant(administration_.administered_at);
    return {{"resourceType", "Observation"},
            {"id", response_id_ + "-" + part},
            {"meta", {{"lastUpdated", when}}},
            {"status", "final"},
            {"category", json::array({SurveyCategory()})},
            {"code", std::move(code)},
            {"subject", Reference("Patient", std::to_string(administration_.client.value()))},
            {"effectiveDateTime", when},
            {"issued", when},
            {"derivedFrom", json::array({Reference("QuestionnaireResponse", response_id_)})}};
  }

  std::optional<json> Total() const {
    if (!administration_.total) return std::nullopt;
    const std::string loinc = instrument_ ? instrument_->loinc_total : "";
    json total = Base("total", CodeOf(loinc, administration_.instrument.value() + "-total",
                                      instrument_name_ + " total score"));
    total["valueQuantity"] = ScoreQuantity(*administration_.total);
    if (!administration_.band.empty()) {
      total["interpretation"] =
          json::array({{{"coding", json::array({Coding(kBandSystem, administration_.band)})},
                        {"text", administration_.band}}});
    }
    return total;
  }

  // A subscale score (URICA's stages, PCL-5's clusters, WAI-SR's task/bond/goal): no LOINC
  // code exists for these, so tessera's scale system names it (never an invented code).
  std::optional<json> Subscale(const std::string& scale_id, double score) const {
    if (!IsFhirId("x-" + scale_id)) return std::nullopt;
    const measures::Scale* scale = instrument_ ? instrument_->FindSubscale(scale_id) : nullptr;
    const std::string name = scale != nullptr ? scale->name : scale_id;
    json observation =
        Base("scale-" + scale_id, CodeOf("", administration_.instrument.value() + "-" + scale_id,
                                         instrument_name_ + " subscale: " + name));
    observation["valueQuantity"] = ScoreQuantity(score);
    return observation;
  }

  std::optional<json> Item(const ItemAnswer& answer) const {
    if (!answer.value || instrument_ == nullptr) return std::nullopt;
    const measures::Item* item = instrument_->FindItem(answer.item);
    if (item == nullptr || !IsFhirId("x-" + item->id)) return std::nullopt;
    json observation =
        Base("item-" + item->id, CodeOf(item->loinc, instrument_->id + "-item-" + item->id,
                                        instrument_name_ + " item " + item->id));
    const measures::AnswerSet& answers = instrument_->AnswerSetOf(*item);
    for (const auto& option : answers.options) {
      if (option.value != *answer.value) continue;
      json coding = option.loinc.empty() ? Coding(AnswerSystem(*instrument_, answers),
                                                  AnswerCode(option.value), option.label)
                                         : Coding(kLoincSystem, option.loinc, option.label);
      coding["extension"] =
          json::array({{{"url", kOrdinalValueExtension}, {"valueDecimal", Number(option.value)}}});
      observation["valueCodeableConcept"] = {{"coding", json::array({std::move(coding)})}};
      if (!option.label.empty()) observation["valueCodeableConcept"]["text"] = option.label;
      return observation;
    }
    observation["valueQuantity"] = ScoreQuantity(*answer.value);
    return observation;
  }

  json Panel(const std::vector<json>& members) const {
    const std::string loinc = instrument_ ? instrument_->loinc_panel : "";
    const std::string name = instrument_ ? instrument_->name : instrument_name_;
    json panel = Base("panel", CodeOf(loinc, administration_.instrument.value(), name));
    json references = json::array();
    for (const json& member : members) {
      references.push_back(Reference("Observation", member["id"].get<std::string>()));
    }
    if (!references.empty()) panel["hasMember"] = std::move(references);
    return panel;
  }

 private:
  const MeasureAdministration& administration_;
  const measures::Instrument* instrument_;
  std::string response_id_;
  std::string instrument_name_;
};

}  // namespace

std::vector<json> ObservationsOf(const MeasureAdministration& administration,
                                 const measures::Instrument* instrument) {
  const Builder builder(administration, instrument);
  std::vector<json> members;
  if (auto total = builder.Total()) members.push_back(std::move(*total));
  // Subscales in the instrument file's order (the stored map is by id).
  if (instrument != nullptr) {
    for (const measures::Scale& scale : instrument->subscales) {
      const auto score = administration.subscales.find(scale.id);
      if (score == administration.subscales.end()) continue;
      if (auto subscale = builder.Subscale(scale.id, score->second)) {
        members.push_back(std::move(*subscale));
      }
    }
  } else {
    for (const auto& [scale_id, score] : administration.subscales) {
      if (auto subscale = builder.Subscale(scale_id, score))
        members.push_back(std::move(*subscale));
    }
  }
  for (const ItemAnswer& answer : administration.answers) {
    if (auto item = builder.Item(answer)) members.push_back(std::move(*item));
  }
  std::vector<json> all;
  all.reserve(members.size() + 1);
  all.push_back(builder.Panel(members));
  for (auto& member : members) all.push_back(std::move(member));
  return all;
}

}  // namespace tessera::fhir
