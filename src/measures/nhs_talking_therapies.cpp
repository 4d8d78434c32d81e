// NHS Talking Therapies indicators; definitions in FACTS.md and docs/clinical-sources.md.

#include "measures/nhs_talking_therapies.hpp"

#include <cmath>
#include <set>

#include "json/file.hpp"
#include "json/object.hpp"
#include "measures/scoring.hpp"

namespace tessera::measures {
namespace {

using nlohmann::json;

Result<std::set<std::string>> ParseSourceIds(const JsonObject& top) {
  TRY_ASSIGN(JsonArray array, top.Array("sources", JsonPresence::kNonEmpty));
  std::set<std::string> ids;
  for (size_t index = 0; index < array.size(); ++index) {
    TRY_ASSIGN(JsonObject source,
               array.Object(index, {"id", "citation", "url", "verified", "note"}));
    TRY_ASSIGN(std::string id, source.String("id"));
    TRY_ASSIGN(std::string citation, source.String("citation"));
    TRY_ASSIGN(std::string url, source.OptionalString("url"));
    TRY_ASSIGN(std::optional<bool> verified, source.OptionalBool("verified"));
    TRY_ASSIGN(std::string note, source.OptionalString("note"));
    (void)verified;
    if (!ids.insert(id).second) return source.Fail("id", "'" + id + "' is used twice");
  }
  return ids;
}

Status CheckSourceRef(const JsonObject& reader, const std::set<std::string>& source_ids) {
  TRY_ASSIGN(std::string source, reader.String("source"));
  if (source_ids.count(source) == 0) {
    return reader.Fail("source", "names source '" + source + "', which is not in 'sources'");
  }
  return Ok();
}

Result<NhsTtMeasureRule> ParseMeasureRule(const JsonObject& top, const char* key,
                                          const std::set<std::string>& source_ids) {
  TRY_ASSIGN(JsonObject reader, top.Object(key, {"instrument", "caseness_at_least",
                                                 "reliable_change_points", "source"}));
  NhsTtMeasureRule rule;
  TRY_ASSIGN(rule.instrument, reader.String("instrument"));
  TRY_ASSIGN(rule.caseness_at_least, reader.Number("caseness_at_least"));
  TRY_ASSIGN(rule.reliable_change_points, reader.Number("reliable_change_points"));
  TRY(CheckSourceRef(reader, source_ids));
  if (!(rule.reliable_change_points > 0)) {
    return reader.Fail("reliable_change_points", "must be greater than 0");
  }
  return rule;
}

Status CheckTotal(const InstrumentLibrary& library, const NhsTtMeasureRule& rule, const char* when,
                  double value) {
  TRY_ASSIGN(const Instrument* instrument, library.Get(rule.instrument));
  if (!instrument->total) return InvalidArgument(rule.instrument + ": has no total score");
  const Scale& total = *instrument->total;
  if (!std::isfinite(value) || value < total.minimum || value > total.maximum ||
      value != std::floor(value)) {
    return InvalidArgument(rule.instrument + " " + when + " total: " + FormatScore(value) +
                           " is not allowed; allowed: a whole number from " +
                           FormatScore(total.minimum) + " to " + FormatScore(total.maximum));
  }
  return Ok();
}

}  // namespace

Result<NhsTalkingTherapiesRules> LoadNhsTalkingTherapiesRules(const std::filesystem::path& file) {
  const std::string name = file.filename().string();
  TRY_ASSIGN(const json document, ReadJsonFile(file, name));
  TRY_ASSIGN(JsonObject top,
             JsonObject::Open(document, "",
                              {"format", "id", "name", "sources", "depression", "anxiety",
                               "improvement_requires_no_deterioration", "notes"},
                              name));
  TRY_ASSIGN(const int format, top.Integer("format"));
  if (format != 1) return top.Fail("format", "must be 1");
  TRY_ASSIGN(const std::set<std::string> source_ids, ParseSourceIds(top));
  NhsTalkingTherapiesRules rules;
  TRY_ASSIGN(rules.depression, ParseMeasureRule(top, "depression", source_ids));
  TRY_ASSIGN(rules.anxiety, ParseMeasureRule(top, "anxiety", source_ids));
  TRY_ASSIGN(JsonObject reader,
             top.Object("improvement_requires_no_deterioration", {"value", "source"}));
  TRY_ASSIGN(rules.improvement_requires_no_deterioration, reader.Bool("value"));
  TRY(CheckSourceRef(reader, source_ids));
  return rules;
}

Result<NhsTtIndicators> NhsTalkingTherapies(const NhsTalkingTherapiesRules& rules,
                                            const InstrumentLibrary& library,
                                            FirstAndLast depression, FirstAndLast anxiety) {
  TRY(CheckTotal(library, rules.depression, "first", depression.first));
  TRY(CheckTotal(library, rules.anxiety, "first", anxiety.first));
  TRY(CheckTotal(library, rules.depression, "last", depression.last));
  TRY(CheckTotal(library, rules.anxiety, "last", anxiety.last));
  const auto is_case = [&](double depression_total, double anxiety_total) {
    return depression_total >= rules.depression.caseness_at_least ||
           anxiety_total >= rules.anxiety.caseness_at_least;
  };
  NhsTtIndicators indicators;
  indicators.depression_change = depression.last - depression.first;
  indicators.anxiety_change = anxiety.last - anxiety.first;
  indicators.caseness = is_case(depression.first, anxiety.first);
  indicators.caseness_at_last = is_case(depression.last, anxiety.last);
  const double depression_points = rules.depression.reliable_change_points;
  const double anxiety_points = rules.anxiety.reliable_change_points;
  indicators.reliable_deterioration = indicators.depression_change >= depression_points ||
                                      indicators.anxiety_change >= anxiety_points;
  const bool any_reliable_fall = -indicators.depression_change >= depression_points ||
                                 -indicators.anxiety_change >= anxiety_points;
  indicators.reliable_improvement =
      any_reliable_fall &&
      !(rules.improvement_requires_no_deterioration && indicators.reliable_deterioration);
  indicators.recovery = indicators.caseness && !indicators.caseness_at_last;
  indicators.reliable_recovery = indicators.recovery && indicators.reliable_improvement;
  return indicators;
}

}  // namespace tessera::measures
