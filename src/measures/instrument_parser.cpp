// The JSON shape of an instrument file (docs/instruments.md). Only shape and types are checked
// here; the rules between fields live in instrument_validator.cpp.

#include "measures/instrument_parser.hpp"

#include "measures/detail/json_fields.hpp"

namespace tessera::measures {
namespace {

using detail::ObjectReader;
using nlohmann::json;

Result<Comparison> ParseComparison(const ObjectReader& reader, std::string_view key) {
  TRY_ASSIGN(std::string name, reader.Choice(key, {"above", "at_least", "below", "at_most"}));
  if (name == "above") return Comparison::kAbove;
  if (name == "at_least") return Comparison::kAtLeast;
  if (name == "below") return Comparison::kBelow;
  return Comparison::kAtMost;
}

Result<std::vector<std::string>> ItemIdList(const ObjectReader& reader, std::string_view key) {
  TRY_ASSIGN(const json* items, reader.Array(key, /*allow_empty=*/false));
  std::vector<std::string> ids;
  for (size_t index = 0; index < items->size(); ++index) {
    if (!(*items)[index].is_string()) {
      return reader.Fail(std::string(key) + "[" + std::to_string(index) + "]",
                         "must be an item id string");
    }
    ids.push_back((*items)[index].get<std::string>());
  }
  return ids;
}

Result<SymptomThreshold> ParseSymptomThreshold(const ObjectReader& reader, bool with_item) {
  if (with_item) {
    TRY(reader.Check({"item", "when", "value"}));
  } else {
    TRY(reader.Check({"when", "value", "except"}));
  }
  SymptomThreshold parsed;
  if (with_item) {
    TRY_ASSIGN(parsed.item, reader.String("item"));
  }
  TRY_ASSIGN(parsed.when, ParseComparison(reader, "when"));
  TRY_ASSIGN(parsed.value, reader.Number("value"));
  return parsed;
}

// "screening": {symptom: {when, value, except?: [{item, when, value}]}, results: [{id, label,
// counts: [{items?, at_least, at_most?}]}], caution, source} (docs/instruments.md).
Result<Screening> ParseScreening(const ObjectReader& screening) {
  TRY(screening.Check({"symptom", "results", "caution", "source"}));
  Screening parsed;
  TRY_ASSIGN(const json* symptom_object, screening.Object("symptom"));
  const ObjectReader symptom = screening.Child(*symptom_object, "symptom");
  TRY_ASSIGN(parsed.symptom, ParseSymptomThreshold(symptom, /*with_item=*/false));
  if (symptom.Has("except")) {
    TRY_ASSIGN(const json* exceptions, symptom.Array("except", /*allow_empty=*/false));
    for (size_t index = 0; index < exceptions->size(); ++index) {
      TRY_ASSIGN(SymptomThreshold exception,
                 ParseSymptomThreshold(symptom.Element((*exceptions)[index], "except", index),
                                       /*with_item=*/true));
      parsed.exceptions.push_back(std::move(exception));
    }
  }
  TRY_ASSIGN(const json* results, screening.Array("results", /*allow_empty=*/false));
  for (size_t index = 0; index < results->size(); ++index) {
    const ObjectReader result = screening.Element((*results)[index], "results", index);
    TRY(result.Check({"id", "label", "counts"}));
    ScreeningRule rule;
    TRY_ASSIGN(rule.id, result.String("id"));
    TRY_ASSIGN(rule.label, result.String("label"));
    TRY_ASSIGN(const json* counts, result.Array("counts", /*allow_empty=*/false));
    for (size_t count_idx = 0; count_idx < counts->size(); ++count_idx) {
      const ObjectReader count = result.Element((*counts)[count_idx], "counts", count_idx);
      TRY(count.Check({"items", "at_least", "at_most"}));
      SymptomCount parsed_count;
      if (count.Has("items")) {
        TRY_ASSIGN(parsed_count.items, ItemIdList(count, "items"));
      }
      TRY_ASSIGN(parsed_count.at_least, count.Integer("at_least"));
      if (count.Has("at_most")) {
        TRY_ASSIGN(parsed_count.at_most, count.Integer("at_most"));
      }
      rule.counts.push_back(std::move(parsed_count));
    }
    parsed.rules.push_back(std::move(rule));
  }
  TRY_ASSIGN(parsed.caution, screening.String("caution"));
  TRY_ASSIGN(parsed.source, screening.String("source"));
  return parsed;
}

Status ParseLicence(const ObjectReader& top, Instrument& instrument) {
  TRY_ASSIGN(const json* object, top.Object("licence"));
  const ObjectReader licence = top.Child(*object, "licence");
  TRY(licence.Check({"name", "item_text", "attribution"}));
  TRY_ASSIGN(instrument.licence, licence.String("name"));
  TRY_ASSIGN(instrument.attribution, licence.String("attribution"));
  TRY_ASSIGN(std::string policy,
             licence.Choice("item_text", {"included", "withheld_by_licence", "not_transcribed"}));
  instrument.item_text = policy == "included"              ? ItemTextPolicy::kIncluded
                         : policy == "withheld_by_licence" ? ItemTextPolicy::kWithheldByLicence
                                                           : ItemTextPolicy::kNotTranscribed;
  return Ok();
}

Status ParseSources(const ObjectReader& top, Instrument& instrument) {
  TRY_ASSIGN(const json* array, top.Array("sources", /*allow_empty=*/false));
  for (size_t index = 0; index < array->size(); ++index) {
    const ObjectReader source = top.Element((*array)[index], "sources", index);
    TRY(source.Check({"id", "citation", "url", "verified", "note"}));
    Source parsed;
    TRY_ASSIGN(parsed.id, source.String("id"));
    TRY_ASSIGN(parsed.citation, source.String("citation"));
    TRY_ASSIGN(parsed.url, source.OptionalString("url"));
    TRY_ASSIGN(parsed.verified, source.OptionalBool("verified", true));
    TRY_ASSIGN(parsed.note, source.OptionalString("note"));
    instrument.sources.push_back(std::move(parsed));
  }
  return Ok();
}

Status ParseAnswerSets(const ObjectReader& top, Instrument& instrument) {
  TRY_ASSIGN(const json* array, top.Array("answer_sets", /*allow_empty=*/false));
  for (size_t index = 0; index < array->size(); ++index) {
    const ObjectReader set = top.Element((*array)[index], "answer_sets", index);
    TRY(set.Check({"id", "options", "range"}));
    AnswerSet parsed;
    TRY_ASSIGN(parsed.id, set.String("id"));
    if (set.Has("options") == set.Has("range")) {
      return set.Fail("", "needs exactly one of 'options' and 'range'");
    }
    if (set.Has("options")) {
      TRY_ASSIGN(const json* options, set.Array("options", /*allow_empty=*/false));
      for (size_t option_idx = 0; option_idx < options->size(); ++option_idx) {
        const ObjectReader option = set.Element((*options)[option_idx], "options", option_idx);
        TRY(option.Check({"value", "label", "loinc"}));
        AnswerOption answer;
        TRY_ASSIGN(answer.value, option.Number("value"));
        TRY_ASSIGN(answer.label, option.OptionalString("label"));
        TRY_ASSIGN(answer.loinc, option.OptionalString("loinc"));
        parsed.options.push_back(std::move(answer));
      }
    } else {
      TRY_ASSIGN(const json* object, set.Object("range"));
      const ObjectReader range = set.Child(*object, "range");
      TRY(range.Check({"minimum", "maximum", "step"}));
      TRY_ASSIGN(parsed.minimum, range.Number("minimum"));
      TRY_ASSIGN(parsed.maximum, range.Number("maximum"));
      TRY_ASSIGN(parsed.step, range.Number("step"));
    }
    instrument.answer_sets.push_back(std::move(parsed));
  }
  return Ok();
}

Status ParseItems(const ObjectReader& top, Instrument& instrument) {
  TRY_ASSIGN(const json* array, top.Array("items", /*allow_empty=*/false));
  for (size_t index = 0; index < array->size(); ++index) {
    const ObjectReader item = top.Element((*array)[index], "items", index);
    TRY(item.Check({"id", "text", "loinc", "answers", "reverse_scored", "scored"}));
    Item parsed;
    TRY_ASSIGN(parsed.id, item.String("id"));
    TRY_ASSIGN(parsed.text, item.OptionalString("text"));
    TRY_ASSIGN(parsed.loinc, item.OptionalString("loinc"));
    TRY_ASSIGN(parsed.answer_set, item.String("answers"));
    TRY_ASSIGN(parsed.reverse_scored, item.OptionalBool("reverse_scored", false));
    TRY_ASSIGN(parsed.scored, item.OptionalBool("scored", true));
    instrument.items.push_back(std::move(parsed));
  }
  return Ok();
}

Result<Scale> ParseScale(const ObjectReader& scale, bool is_total) {
  TRY(scale.Check({"id", "name", "method", "items", "minimum_answered", "multiplier", "terms"}));
  Scale parsed;
  if (is_total) {
    if (scale.Has("id")) return scale.Fail("id", "the total's id is always 'total'");
    parsed.id = "total";
  } else {
    TRY_ASSIGN(parsed.id, scale.String("id"));
  }
  TRY_ASSIGN(parsed.name, scale.String("name"));
  TRY_ASSIGN(std::string method,
             scale.Choice("method", {"sum", "mean", "prorated_sum", "weighted"}));
  parsed.method = method == "sum"            ? ScaleMethod::kSum
                  : method == "mean"         ? ScaleMethod::kMean
                  : method == "prorated_sum" ? ScaleMethod::kProratedSum
                                             : ScaleMethod::kWeighted;
  if (scale.Has("items")) {
    TRY_ASSIGN(parsed.items, ItemIdList(scale, "items"));
  }
  if (scale.Has("minimum_answered")) {
    TRY_ASSIGN(parsed.minimum_answered, scale.Integer("minimum_answered"));
  }
  TRY_ASSIGN(parsed.multiplier, scale.OptionalNumber("multiplier", 1.0));
  if (scale.Has("terms")) {
    TRY_ASSIGN(const json* terms, scale.Array("terms", /*allow_empty=*/false));
    for (size_t index = 0; index < terms->size(); ++index) {
      const ObjectReader term = scale.Element((*terms)[index], "terms", index);
      TRY(term.Check({"scale", "weight"}));
      WeightedTerm parsed_term;
      TRY_ASSIGN(parsed_term.scale, term.String("scale"));
      TRY_ASSIGN(parsed_term.weight, term.Number("weight"));
      parsed.terms.push_back(std::move(parsed_term));
    }
  }
  return parsed;
}

Status ParseScoring(const ObjectReader& top, Instrument& instrument) {
  TRY_ASSIGN(const json* object, top.Object("scoring"));
  const ObjectReader scoring = top.Child(*object, "scoring");
  TRY(scoring.Check({"total", "subscales"}));
  if (!scoring.Has("total") && !scoring.Has("subscales")) {
    return scoring.Fail("", "needs a 'total', 'subscales' or both");
  }
  if (scoring.Has("total")) {
    TRY_ASSIGN(const json* total, scoring.Object("total"));
    TRY_ASSIGN(instrument.total, ParseScale(scoring.Child(*total, "total"), /*is_total=*/true));
  }
  if (scoring.Has("subscales")) {
    TRY_ASSIGN(const json* array, scoring.Array("subscales", /*allow_empty=*/false));
    for (size_t index = 0; index < array->size(); ++index) {
      TRY_ASSIGN(Scale subscale, ParseScale(scoring.Element((*array)[index], "subscales", index),
                                            /*is_total=*/false));
      instrument.subscales.push_back(std::move(subscale));
    }
  }
  return Ok();
}

Status ParseInterpretation(const ObjectReader& top, Instrument& instrument) {
  if (top.Has("bands")) {
    TRY_ASSIGN(const json* array, top.Array("bands", /*allow_empty=*/false));
    for (size_t index = 0; index < array->size(); ++index) {
      const ObjectReader band = top.Element((*array)[index], "bands", index);
      TRY(band.Check({"minimum", "maximum", "label", "source"}));
      Band parsed;
      TRY_ASSIGN(parsed.minimum, band.Number("minimum"));
      TRY_ASSIGN(parsed.maximum, band.Number("maximum"));
      TRY_ASSIGN(parsed.label, band.String("label"));
      TRY_ASSIGN(parsed.source, band.String("source"));
      instrument.bands.push_back(std::move(parsed));
    }
  }
  if (top.Has("clinical_cutoff")) {
    TRY_ASSIGN(const json* object, top.Object("clinical_cutoff"));
    const ObjectReader cutoff = top.Child(*object, "clinical_cutoff");
    TRY(cutoff.Check({"value", "clinical_when", "source"}));
    ClinicalCutoff parsed;
    TRY_ASSIGN(parsed.value, cutoff.Number("value"));
    TRY_ASSIGN(parsed.clinical_when, ParseComparison(cutoff, "clinical_when"));
    TRY_ASSIGN(parsed.source, cutoff.String("source"));
    instrument.clinical_cutoff = parsed;
  }
  if (top.Has("norms")) {
    TRY_ASSIGN(const json* object, top.Object("norms"));
    const ObjectReader norms = top.Child(*object, "norms");
    TRY(norms.Check({"clinical", "functional", "source"}));
    Norms parsed;
    for (const char* population : {"clinical", "functional"}) {
      TRY_ASSIGN(const json* norm_object, norms.Object(population));
      const ObjectReader norm = norms.Child(*norm_object, population);
      TRY(norm.Check({"mean", "standard_deviation"}));
      Norm& target =
          std::string_view(population) == "clinical" ? parsed.clinical : parsed.functional;
      TRY_ASSIGN(target.mean, norm.Number("mean"));
      TRY_ASSIGN(target.standard_deviation, norm.Number("standard_deviation"));
    }
    TRY_ASSIGN(parsed.source, norms.String("source"));
    instrument.norms = parsed;
  }
  if (top.Has("reliability")) {
    TRY_ASSIGN(const json* object, top.Object("reliability"));
    const ObjectReader reliability = top.Child(*object, "reliability");
    TRY(reliability.Check({"value", "kind", "source"}));
    Reliability parsed;
    TRY_ASSIGN(parsed.value, reliability.Number("value"));
    TRY_ASSIGN(parsed.kind, reliability.Choice("kind", {"internal_consistency", "test_retest"}));
    TRY_ASSIGN(parsed.source, reliability.String("source"));
    instrument.reliability = parsed;
  }
  if (top.Has("reliable_change")) {
    TRY_ASSIGN(const json* object, top.Object("reliable_change"));
    const ObjectReader change = top.Child(*object, "reliable_change");
    TRY(change.Check({"points", "confidence_percent", "source"}));
    PublishedReliableChange parsed;
    TRY_ASSIGN(parsed.points, change.Number("points"));
    if (change.Has("confidence_percent")) {
      TRY_ASSIGN(parsed.confidence_percent, change.Number("confidence_percent"));
    }
    TRY_ASSIGN(parsed.source, change.String("source"));
    instrument.reliable_change = parsed;
  }
  if (top.Has("change_categories_from")) {
    TRY_ASSIGN(std::string method,
               top.Choice("change_categories_from", {"jacobson_truax", "published_points"}));
    instrument.change_categories_from = method == "jacobson_truax"
                                            ? ReliableChangeMethod::kJacobsonTruax
                                            : ReliableChangeMethod::kPublishedPoints;
  }
  if (top.Has("flags")) {
    TRY_ASSIGN(const json* array, top.Array("flags", /*allow_empty=*/false));
    for (size_t index = 0; index < array->size(); ++index) {
      const ObjectReader flag = top.Element((*array)[index], "flags", index);
      TRY(flag.Check({"id", "message", "item", "items", "scale", "when", "value", "source"}));
      FlagRule parsed;
      TRY_ASSIGN(parsed.id, flag.String("id"));
      TRY_ASSIGN(parsed.message, flag.String("message"));
      TRY_ASSIGN(parsed.item, flag.OptionalString("item"));
      if (flag.Has("items")) {
        TRY_ASSIGN(parsed.any_of_items, ItemIdList(flag, "items"));
      }
      TRY_ASSIGN(parsed.scale, flag.OptionalString("scale"));
      const int targets =
          !parsed.item.empty() + !parsed.any_of_items.empty() + !parsed.scale.empty();
      if (targets != 1) return flag.Fail("", "needs exactly one of 'item', 'items' and 'scale'");
      TRY_ASSIGN(parsed.when, ParseComparison(flag, "when"));
      TRY_ASSIGN(parsed.value, flag.Number("value"));
      TRY_ASSIGN(parsed.source, flag.String("source"));
      instrument.flags.push_back(std::move(parsed));
    }
  }
  if (top.Has("screening")) {
    TRY_ASSIGN(const json* object, top.Object("screening"));
    TRY_ASSIGN(instrument.screening, ParseScreening(top.Child(*object, "screening")));
  }
  return Ok();
}

}  // namespace

Result<Instrument> ParseInstrument(const std::string& json_text, const std::string& file) {
  TRY_ASSIGN(const json document, detail::ParseJsonText(json_text, file));
  const ObjectReader top(document, file, "");
  TRY(top.Check({"format",
                 "id",
                 "name",
                 "short_name",
                 "version",
                 "construct",
                 "licence",
                 "sources",
                 "loinc",
                 "direction",
                 "answer_sets",
                 "items",
                 "scoring",
                 "bands",
                 "clinical_cutoff",
                 "norms",
                 "reliability",
                 "reliable_change",
                 "change_categories_from",
                 "flags",
                 "screening",
                 "instructions",
                 "notes"}));
  TRY_ASSIGN(const int format, top.Integer("format"));
  if (format != 1) return top.Fail("format", "must be 1 (the only format this tessera reads)");
  Instrument instrument;
  TRY_ASSIGN(instrument.id, top.String("id"));
  TRY_ASSIGN(instrument.name, top.String("name"));
  if (top.Has("short_name")) {
    TRY_ASSIGN(instrument.short_name, top.String("short_name"));
  } else {
    instrument.short_name = instrument.id;
  }
  TRY_ASSIGN(instrument.version, top.String("version"));
  TRY_ASSIGN(instrument.construct, top.String("construct"));
  TRY(ParseLicence(top, instrument));
  TRY(ParseSources(top, instrument));
  if (top.Has("loinc")) {
    TRY_ASSIGN(const json* object, top.Object("loinc"));
    const ObjectReader loinc = top.Child(*object, "loinc");
    TRY(loinc.Check({"panel", "total"}));
    TRY_ASSIGN(instrument.loinc_panel, loinc.OptionalString("panel"));
    TRY_ASSIGN(instrument.loinc_total, loinc.OptionalString("total"));
  }
  TRY_ASSIGN(std::string direction,
             top.Choice("direction", {"higher_is_worse", "higher_is_better"}));
  instrument.direction =
      direction == "higher_is_worse" ? Direction::kHigherIsWorse : Direction::kHigherIsBetter;
  if (top.Has("notes")) {
    const json& notes = document.at("notes");
    bool all_strings = notes.is_array();
    if (all_strings)
      for (const json& note : notes) all_strings = all_strings && note.is_string();
    if (!all_strings) return top.Fail("notes", "must be an array of strings");
  }
  if (top.Has("instructions")) {
    TRY_ASSIGN(const json* object, top.Object("instructions"));
    const ObjectReader reader = top.Child(*object, "instructions");
    TRY(reader.Check({"text", "source"}));
    // Shown to the person answering, never read by the scoring: checked, not kept.
    TRY(reader.String("text"));
    TRY_ASSIGN(const std::string source, reader.String("source"));
    if (instrument.FindSource(source) == nullptr) {
      return reader.Fail("source", "names source '" + source + "', which is not in 'sources'");
    }
  }
  TRY(ParseAnswerSets(top, instrument));
  TRY(ParseItems(top, instrument));
  TRY(ParseScoring(top, instrument));
  TRY(ParseInterpretation(top, instrument));
  TRY(ValidateInstrument(instrument, file));
  return instrument;
}

}  // namespace tessera::measures
