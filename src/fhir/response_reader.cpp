#include "fhir/response_reader.hpp"

#include <string>

#include "fhir/fhir_json.hpp"
#include "fhir/questionnaire.hpp"
#include "fhir/resource_ids.hpp"

namespace tessera::fhir {
namespace {

using nlohmann::json;

// "<Type>/<positive id>" in resource[field].reference.
Result<std::int64_t> ReferencedId(const json& resource, std::string_view field,
                                  std::string_view type) {
  const std::string rule =
      "field '" + std::string(field) + "' must be a reference to " + std::string(type) + "/<id>";
  const auto found = resource.find(field);
  if (found == resource.end() || !found->is_object()) return InvalidArgument(rule);
  const auto reference = found->find("reference");
  if (reference == found->end() || !reference->is_string()) return InvalidArgument(rule);
  const std::string text = reference->get<std::string>();
  const std::string prefix = std::string(type) + "/";
  if (!text.starts_with(prefix)) return InvalidArgument(rule);
  const auto id = ParsePositiveId(std::string_view(text).substr(prefix.size()));
  if (!id) return InvalidArgument(rule);
  return *id;
}

// The LOINC codes an item names: its code[] entries with the LOINC system, and a linkId that
// is a code ("44250-9" or "/44250-9").
std::vector<std::string> LoincCodesOf(const json& item, const std::string& link_id) {
  std::vector<std::string> codes;
  if (const auto code = item.find("code"); code != item.end() && code->is_array()) {
    for (const json& coding : *code) {
      if (coding.is_object() && coding.value("system", "") == kLoincSystem &&
          coding.contains("code") && coding["code"].is_string()) {
        codes.push_back(coding["code"].get<std::string>());
      }
    }
  }
  codes.push_back(link_id.starts_with("/") ? link_id.substr(1) : link_id);
  return codes;
}

const measures::Item* MatchItem(const measures::Instrument& instrument, const json& item,
                                const std::string& link_id) {
  if (const measures::Item* by_link = instrument.FindItem(link_id)) return by_link;
  for (const std::string& code : LoincCodesOf(item, link_id)) {
    for (const measures::Item& candidate : instrument.items) {
      if (!candidate.loinc.empty() && candidate.loinc == code) return &candidate;
    }
  }
  return nullptr;
}

bool IsTotalItem(const measures::Instrument& instrument, const json& item,
                 const std::string& link_id) {
  if (instrument.loinc_total.empty()) return false;
  for (const std::string& code : LoincCodesOf(item, link_id)) {
    if (code == instrument.loinc_total) return true;
  }
  return false;
}

// The score of one answer: a coded option of the item's answer set, or a number.
Result<double> ValueOf(const measures::Instrument& instrument, const measures::Item& item,
                       const json& answer) {
  const std::string where = "item '" + item.id + "'";
  if (!answer.is_object()) return InvalidArgument(where + ": each answer must be an object");
  const measures::AnswerSet& answers = instrument.AnswerSetOf(item);
  if (const auto coding = answer.find("valueCoding"); coding != answer.end()) {
    if (!coding->is_object() || !coding->contains("code") || !(*coding)["code"].is_string()) {
      return InvalidArgument(where + ": valueCoding needs a code");
    }
    const std::string system = coding->value("system", "");
    const std::string code = (*coding)["code"].get<std::string>();
    const std::string our_system = AnswerSystem(instrument, answers);
    for (const auto& option : answers.options) {
      const bool loinc = !option.loinc.empty() && system == kLoincSystem && code == option.loinc;
      const bool ours = system == our_system && code == AnswerCode(option.value);
      if (loinc || ours) return option.value;
    }
    return InvalidArgument(where + ": answer " + (system.empty() ? "" : system + "|") + code +
                           " is not one of this item's answer options");
  }
  for (const char* field : {"valueInteger", "valueDecimal"}) {
    if (const auto number = answer.find(field); number != answer.end()) {
      if (!number->is_number()) return InvalidArgument(where + ": " + field + " must be a number");
      return number->get<double>();
    }
  }
  return InvalidArgument(where + ": an answer must be valueCoding, valueInteger or valueDecimal");
}

using Answers = std::map<std::string, std::optional<double>>;

Status ReadItems(const measures::Instrument& instrument, const json& items, Answers& answers,
                 int depth) {
  if (!items.is_array()) return InvalidArgument("field 'item' must be an array");
  if (depth > 4) return InvalidArgument("items are nested more than 4 groups deep");
  for (const json& item : items) {
    if (!item.is_object() || !item.contains("linkId") || !item["linkId"].is_string()) {
      return InvalidArgument("every item needs a linkId (string)");
    }
    const std::string link_id = item["linkId"].get<std::string>();
    const auto answer = item.find("answer");
    const bool answered = answer != item.end() && answer->is_array() && !answer->empty();
    if (const auto nested = item.find("item"); nested != item.end()) {
      TRY(ReadItems(instrument, *nested, answers, depth + 1));
    }
    if (IsTotalItem(instrument, item, link_id)) continue;  // we score it ourselves
    const measures::Item* ours = MatchItem(instrument, item, link_id);
    if (ours == nullptr) {
      if (!answered) continue;  // a display text or an empty group
      return InvalidArgument("item '" + link_id + "' is not an item of the " +
                             instrument.short_name + " Questionnaire (by linkId or LOINC code)");
    }
    if (answers.contains(ours->id)) {
      return InvalidArgument("item '" + link_id + "': item " + ours->id + " is answered twice");
    }
    if (!answered) {
      answers[ours->id] = std::nullopt;
      continue;
    }
    if (answer->size() > 1) {
      return InvalidArgument("item '" + link_id + "': exactly one answer is allowed");
    }
    TRY_ASSIGN(answers[ours->id], ValueOf(instrument, *ours, answer->front()));
  }
  return Ok();
}

}  // namespace

Result<app::AdministrationRequest> ReadQuestionnaireResponse(
    const json& resource, const measures::InstrumentLibrary& library,
    const LicensedInstruments& licensed) {
  if (!resource.is_object() || resource.value("resourceType", "") != "QuestionnaireResponse") {
    return InvalidArgument("field 'resourceType' must be QuestionnaireResponse");
  }
  const std::string status = resource.value("status", "");
  if (status != "completed" && status != "amended") {
    return InvalidArgument("field 'status' must be completed (or amended)");
  }
  if (!resource.contains("questionnaire") || !resource["questionnaire"].is_string()) {
    return InvalidArgument("field 'questionnaire' must name one of our Questionnaires");
  }
  const std::string canonical = resource["questionnaire"].get<std::string>();
  const measures::Instrument* instrument = library.Find(InstrumentIdOf(canonical));
  if (instrument == nullptr || !IsOffered(*instrument, licensed)) {
    return InvalidArgument("field 'questionnaire': '" + canonical +
                           "' is not a Questionnaire this server offers");
  }
  app::AdministrationRequest request;
  TRY_ASSIGN(const std::int64_t client, ReferencedId(resource, "subject", "Patient"));
  TRY_ASSIGN(const std::int64_t session, ReferencedId(resource, "encounter", "Encounter"));
  request.client = ClientId(client);
  request.session = SessionId(session);
  request.instrument = instrument->id;
  Answers answers;
  if (const auto items = resource.find("item"); items != resource.end()) {
    TRY(ReadItems(*instrument, *items, answers, 0));
  }
  // Items the response leaves out entirely are unanswered, as an item without an answer.
  for (const measures::Item& item : instrument->items) answers.try_emplace(item.id, std::nullopt);
  request.answers = std::move(answers);
  return request;
}

}  // namespace tessera::fhir
