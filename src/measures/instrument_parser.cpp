// The JSON shape of an instrument file (docs/instruments.md). Only shape and types are checked
// here; the rules between fields live in instrument_validator.cpp.

#include "measures/instrument_parser.hpp"

#include "json/object.hpp"

namespace tessera::measures {
namespace {

using nlohmann::json;

Result<Comparison> ParseComparison(const JsonObject& reader, std::string_view key) {
  TRY_ASSIGN(std::string name, reader.Choice(key, {"above", "at_least", "below", "at_most"}));
  if (name == "above") return Comparison::kAbove;
  if (name == "at_least") return Comparison::kAtLeast;
  if (name == "below") return Comparison::kBelow;
  return Comparison::kAtMost;
}

Result<std::vector<std::string>> ItemIdList(const JsonObject& reader, std::string_view key) {
  TRY_ASSIGN(JsonArray items, reader.Array(key, JsonPresence::kNonEmpty));
  std::vector<std::string> ids;
  for (size_t index = 0; index < items.size(); ++index) {
    TRY_ASSIGN(std::string id, items.String(index));
    ids.push_back(std::move(id));
  }
  return ids;
}

// `reader` is opened with {"item", "when", "value"} for an exception, else with {"when", "value",
// "except"}.
Result<SymptomThreshold> ParseSymptomThreshold(const JsonObject& reader, bool with_item) {
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
Result<Screening> ParseScreening(const JsonObject& screening) {
  Screening parsed;
  TRY_ASSIGN(JsonObject symptom, screening.Object("symptom", {"when", "value", "except"}));
  TRY_ASSIGN(parsed.symptom, ParseSymptomThreshold(symptom, /*with_item=*/false));
  if (symptom.Has("except")) {
    TRY_ASSIGN(JsonArray exceptions, symptom.Array("except", JsonPresence::kNonEmpty));
    for (size_t index = 0; index < exceptions.size(); ++index) {
      TRY_ASSIGN(JsonObject except, exceptions.Object(index, {"item", "when", "value"}));
      TRY_ASSIGN(SymptomThreshold exception, ParseSymptomThreshold(except, /*with_item=*/true));
      parsed.exceptions.push_back(std::move(exception));
    }
  }
  TRY_ASSIGN(JsonArray results, screening.Array("results", JsonPresence::kNonEmpty));
  for (size_t index = 0; index < results.size(); ++index) {
    TRY_ASSIGN(JsonObject result, results.Object(index, {"id", "label", "counts"}));
    ScreeningRule rule;
    TRY_ASSIGN(rule.id, result.String("id"));
    TRY_ASSIGN(rule.label, result.String("label"));
    TRY_ASSIGN(JsonArray counts, result.Array("counts", JsonPresence::kNonEmpty));
    for (size_t count_idx = 0; count_idx < counts.size(); ++count_idx) {
      TRY_ASSIGN(JsonObject count, counts.Object(count_idx, {"items", "at_least", "at_most"}));
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

Status ParseLicence(const JsonObject& top, Instrument& instrument) {
  TRY_ASSIGN(JsonObject licence, top.Object("licence", {"name", "item_text", "attribution"}));
  TRY_ASSIGN(instrument.licence, licence.String("name"));
  TRY_ASSIGN(instrument.attribution, licence.String("attribution"));
  TRY_ASSIGN(std::string policy,
             licence.Choice("item_text", {"included", "withheld_by_licence", "not_transcribed"}));
  instrument.item_text = policy == "included"              ? ItemTextPolicy::kIncluded
                         : policy == "withheld_by_licence" ? ItemTextPolicy::kWithheldByLicence
                                                           : ItemTextPolicy::kNotTranscribed;
  return Ok();
}

Status ParseSources(const JsonObject& top, Instrument& instrument) {
  TRY_ASSIGN(JsonArray array, top.Array("sources", JsonPresence::kNonEmpty));
  for (size_t index = 0; index < array.size(); ++index) {
    TRY_ASSIGN(JsonObject source,
               array.Object(index, {"id", "citation", "url", "verified", "note"}));
    Source parsed;
    TRY_ASSIGN(parsed.id, source.String("id"));
    TRY_ASSIGN(parsed.citation, source.String("citation"));
    TRY_ASSIGN(parsed.url, source.OptionalString("url"));
    TRY_ASSIGN(std::optional<bool> verified, source.OptionalBool("verified"));
    parsed.verified = verified.value_or(true);
    TRY_ASSIGN(parsed.note, source.OptionalString("note"));
    instrument.sources.push_back(std::move(parsed));
  }
  return Ok();
}

Status ParseAnswerSets(const JsonObject& top, Instrument& instrument) {
  TRY_ASSIGN(JsonArray array, top.Array("answer_sets", JsonPresence::kNonEmpty));
  for (size_t index = 0; index < array.size(); ++index) {
    TRY_ASSIGN(JsonObject set, array.Object(index, {"id", "options", "range"}));
    AnswerSet parsed;
    TRY_ASSIGN(parsed.id, set.String("id"));
    if (set.Has("options") == set.Has("range")) {
      return set.Fail("", "needs exactly one of 'options' and 'range'");
    }
    if (set.Has("options")) {
      TRY_ASSIGN(JsonArray options, set.Array("options", JsonPresence::kNonEmpty));
      for (size_t option_idx = 0; option_idx < options.size(); ++option_idx) {
        TRY_ASSIGN(JsonObject option, options.Object(option_idx, {"value", "label", "loinc"}));
        AnswerOption answer;
        TRY_ASSIGN(answer.value, option.Number("value"));
        TRY_ASSIGN(answer.label, option.OptionalString("label"));
        TRY_ASSIGN(answer.loinc, option.OptionalString("loinc"));
        parsed.options.push_back(std::move(answer));
      }
    } else {
      TRY_ASSIGN(JsonObject range, set.Object("range", {"minimum", "maximum", "step"}));
      TRY_ASSIGN(parsed.minimum, range.Number("minimum"));
      TRY_ASSIGN(parsed.maximum, range.Number("maximum"));
      TRY_ASSIGN(parsed.step, range.Number("step"));
    }
    instrument.answer_sets.push_back(std::move(parsed));
  }
  return Ok();
}

Status ParseItems(const JsonObject& top, Instrument& instrument) {
  TRY_ASSIGN(JsonArray array, top.Array("items", JsonPresence::kNonEmpty));
  for (size_t index = 0; index < array.size(); ++index) {
    TRY_ASSIGN(JsonObject item,
               array.Object(index, {"id", "text", "loinc", "answers", "reverse_scored", "scored"}));
    Item parsed;
    TRY_ASSIGN(parsed.id, item.String("id"));
    TRY_ASSIGN(parsed.text, item.OptionalString("text"));
    TRY_ASSIGN(parsed.loinc, item.OptionalString("loinc"));
    TRY_ASSIGN(parsed.answer_set, item.String("answers"));
    TRY_ASSIGN(std::optional<bool> reverse_scored, item.OptionalBool("reverse_scored"));
    TRY_ASSIGN(std::optional<bool> scored, item.OptionalBool("scored"));
    parsed.reverse_scored = reverse_scored.value_or(false);
    parsed.scored = scored.value_or(true);
    instrument.items.push_back(std::move(parsed));
  }
  return Ok();
}

Result<Scale> ParseScale(const JsonValue& value, bool is_total) {
  TRY_ASSIGN(JsonObject scale, value.Object({"id", "name", "method", "items", "minimum_answered",
                                             "multiplier", "terms"}));
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
  TRY_ASSIGN(std::optional<double> multiplier, scale.OptionalNumber("multiplier"));
  parsed.multiplier = multiplier.value_or(1.0);
  if (scale.Has("terms")) {
    TRY_ASSIGN(JsonArray terms, scale.Array("terms", JsonPresence::kNonEmpty));
    for (size_t index = 0; index < terms.size(); ++index) {
      TRY_ASSIGN(JsonObject term, terms.Object(index, {"scale", "weight"}));
      WeightedTerm parsed_term;
      TRY_ASSIGN(parsed_term.scale, term.String("scale"));
      TRY_ASSIGN(parsed_term.weight, term.Number("weight"));
      parsed.terms.push_back(std::move(parsed_term));
    }
  }
  return parsed;
}

Status ParseScoring(const JsonObject& top, Instrument& instrument) {
  TRY_ASSIGN(JsonObject scoring, top.Object("scoring", {"total", "subscales"}));
  if (!scoring.Has("total") && !scoring.Has("subscales")) {
    return scoring.Fail("", "needs a 'total', 'subscales' or both");
  }
  if (scoring.Has("total")) {
    TRY_ASSIGN(JsonValue total, scoring.Value("total"));
    TRY_ASSIGN(instrument.total, ParseScale(total, /*is_total=*/true));
  }
  if (scoring.Has("subscales")) {
    TRY_ASSIGN(JsonArray array, scoring.Array("subscales", JsonPresence::kNonEmpty));
    for (size_t index = 0; index < array.size(); ++index) {
      TRY_ASSIGN(Scale subscale, ParseScale(array.At(index), /*is_total=*/false));
      instrument.subscales.push_back(std::move(subscale));
    }
  }
  return Ok();
}

Status ParseInterpretation(const JsonObject& top, Instrument& instrument) {
  if (top.Has("bands")) {
    TRY_ASSIGN(JsonArray array, top.Array("bands", JsonPresence::kNonEmpty));
    for (size_t index = 0; index < array.size(); ++index) {
      TRY_ASSIGN(JsonObject band, array.Object(index, {"minimum", "maximum", "label", "source"}));
      Band parsed;
      TRY_ASSIGN(parsed.minimum, band.Number("minimum"));
      TRY_ASSIGN(parsed.maximum, band.Number("maximum"));
      TRY_ASSIGN(parsed.label, band.String("label"));
      TRY_ASSIGN(parsed.source, band.String("source"));
      instrument.bands.push_back(std::move(parsed));
    }
  }
  if (top.Has("clinical_cutoff")) {
    TRY_ASSIGN(JsonObject cutoff,
               top.Object("clinical_cutoff", {"value", "clinical_when", "source"}));
    ClinicalCutoff parsed;
    TRY_ASSIGN(parsed.value, cutoff.Number("value"));
    TRY_ASSIGN(parsed.clinical_when, ParseComparison(cutoff, "clinical_when"));
    TRY_ASSIGN(parsed.source, cutoff.String("source"));
    instrument.clinical_cutoff = parsed;
  }
  if (top.Has("norms")) {
    TRY_ASSIGN(JsonObject norms, top.Object("norms", {"clinical", "functional", "source"}));
    Norms parsed;
    for (const char* population : {"clinical", "functional"}) {
      TRY_ASSIGN(JsonObject norm, norms.Object(population, {"mean", "standard_deviation"}));
      Norm& target =
          std::string_view(population) == "clinical" ? parsed.clinical : parsed.functional;
      TRY_ASSIGN(target.mean, norm.Number("mean"));
      TRY_ASSIGN(target.standard_deviation, norm.Number("standard_deviation"));
    }
    TRY_ASSIGN(parsed.source, norms.String("source"));
    instrument.norms = parsed;
  }
  if (top.Has("reliability")) {
    TRY_ASSIGN(JsonObject reliability, top.Object("reliability", {"value", "kind", "source"}));
    Reliability parsed;
    TRY_ASSIGN(parsed.value, reliability.Number("value"));
    TRY_ASSIGN(parsed.kind, reliability.Choice("kind", {"internal_consistency", "test_retest"}));
    TRY_ASSIGN(parsed.source, reliability.String("source"));
    instrument.reliability = parsed;
  }
  if (top.Has("reliable_change")) {
    TRY_ASSIGN(JsonObject change,
               top.Object("reliable_change", {"points", "confidence_percent", "source"}));
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
    TRY_ASSIGN(JsonArray array, top.Array("flags", JsonPresence::kNonEmpty));
    for (size_t index = 0; index < array.size(); ++index) {
      TRY_ASSIGN(JsonObject flag, array.Object(index, {"id", "message", "item", "items", "scale",
                                                       "when", "value", "source"}));
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
    TRY_ASSIGN(JsonObject screening,
               top.Object("screening", {"symptom", "results", "caution", "source"}));
    TRY_ASSIGN(instrument.screening, ParseScreening(screening));
  }
  return Ok();
}

}  // namespace

Result<Instrument> ParseInstrument(const std::string& json_text, const std::string& file) {
  TRY_ASSIGN(const json document, ParseJson(json_text, file));
  TRY_ASSIGN(JsonObject top, JsonObject::Open(document, "",
                                              {"format",
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
                                               "notes"},
                                              file));
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
    TRY_ASSIGN(JsonObject loinc, top.Object("loinc", {"panel", "total"}));
    TRY_ASSIGN(instrument.loinc_panel, loinc.OptionalString("panel"));
    TRY_ASSIGN(instrument.loinc_total, loinc.OptionalString("total"));
  }
  TRY_ASSIGN(std::string direction,
             top.Choice("direction", {"higher_is_worse", "higher_is_better"}));
  instrument.direction =
      direction == "higher_is_worse" ? Direction::kHigherIsWorse : Direction::kHigherIsBetter;
  TRY(top.Strings("notes"));
  if (top.Has("instructions")) {
    TRY_ASSIGN(JsonObject reader, top.Object("instructions", {"text", "source"}));
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
