// The rules between the fields of an instrument (docs/instruments.md "Validation"). Every
// message names the file, the field path and the rule, so whoever edits a data file can fix it
// without reading code.

#include <algorithm>
#include <cmath>
#include <set>

#include "measures/instrument_parser.hpp"
#include "measures/scoring.hpp"

namespace tessera::measures {
namespace {

// Loose enough for sums of tenths, tight enough to tell two distinct scores apart.
constexpr double kTolerance = 1e-9;

class Validator {
 public:
  Validator(Instrument& instrument, const std::string& file)
      : instrument_(instrument), file_(file) {}

  Status Run() {
    TRY(CheckIdentity());
    TRY(CheckSources());
    TRY(CheckAnswerSets());
    TRY(CheckItems());
    std::set<std::string> scale_ids;
    for (size_t index = 0; index < instrument_.subscales.size(); ++index) {
      const std::string& scale_id = instrument_.subscales[index].id;
      if (scale_id == "total" || !scale_ids.insert(scale_id).second) {
        return Fail("scoring.subscales[" + std::to_string(index) + "].id",
                    "'" + scale_id + "' is 'total' or used twice");
      }
    }
    for (size_t index = 0; index < instrument_.subscales.size(); ++index) {
      TRY(CheckScale(instrument_.subscales[index],
                     "scoring.subscales[" + std::to_string(index) + "]", index));
    }
    if (instrument_.total) {
      TRY(CheckScale(*instrument_.total, "scoring.total", instrument_.subscales.size()));
    }
    TRY(CheckBands());
    TRY(CheckChangeData());
    TRY(CheckFlags());
    return CheckScreening();
  }

 private:
  Unexpected<Error> Fail(const std::string& field, const std::string& rule) const {
    return InvalidArgument(file_ + ": " + field + ": " + rule);
  }

  Status CheckSourceRef(const std::string& field, const std::string& source_id) const {
    if (instrument_.FindSource(source_id) == nullptr) {
      return Fail(field, "names source '" + source_id + "', which is not in 'sources'");
    }
    return Ok();
  }

  Status CheckIdentity() const {
    for (char character : instrument_.id) {
      const bool allowed = (character >= 'a' && character <= 'z') ||
                           (character >= '0' && character <= '9') || character == '-';
      if (!allowed) return Fail("id", "only lower-case letters, digits and '-' are allowed");
    }
    return Ok();
  }

  Status CheckSources() const {
    std::set<std::string> seen;
    for (size_t index = 0; index < instrument_.sources.size(); ++index) {
      if (!seen.insert(instrument_.sources[index].id).second) {
        return Fail("sources[" + std::to_string(index) + "].id",
                    "'" + instrument_.sources[index].id + "' is used twice");
      }
    }
    return Ok();
  }

  Status CheckAnswerSets() {
    std::set<std::string> seen;
    for (size_t index = 0; index < instrument_.answer_sets.size(); ++index) {
      AnswerSet& set = instrument_.answer_sets[index];
      const std::string field = "answer_sets[" + std::to_string(index) + "]";
      if (!seen.insert(set.id).second) return Fail(field + ".id", "'" + set.id + "' is used twice");
      if (!set.options.empty()) {
        if (set.options.size() < 2) return Fail(field + ".options", "needs at least two options");
        for (size_t option_idx = 1; option_idx < set.options.size(); ++option_idx) {
          if (!(set.options[option_idx].value > set.options[option_idx - 1].value)) {
            return Fail(field + ".options[" + std::to_string(option_idx) + "].value",
                        "option values must be strictly increasing");
          }
        }
        set.minimum = set.options.front().value;
        set.maximum = set.options.back().value;
        continue;
      }
      if (!(set.maximum > set.minimum)) {
        return Fail(field + ".range.maximum", "must be greater than range.minimum");
      }
      if (!(set.step > 0)) return Fail(field + ".range.step", "must be greater than 0");
      const double steps = (set.maximum - set.minimum) / set.step;
      if (std::fabs(steps - std::round(steps)) > 1e-6) {
        return Fail(field + ".range.step", "must divide (maximum - minimum) into whole steps");
      }
    }
    return Ok();
  }

  Status CheckItems() const {
    std::set<std::string> seen;
    for (size_t index = 0; index < instrument_.items.size(); ++index) {
      const Item& item = instrument_.items[index];
      const std::string field = "items[" + std::to_string(index) + "]";
      if (!seen.insert(item.id).second)
        return Fail(field + ".id", "'" + item.id + "' is used twice");
      bool known_set = false;
      for (const AnswerSet& set : instrument_.answer_sets)
        known_set = known_set || set.id == item.answer_set;
      if (!known_set) {
        return Fail(field + ".answers",
                    "names answer set '" + item.answer_set + "', which is not in 'answer_sets'");
      }
      const bool included = instrument_.item_text == ItemTextPolicy::kIncluded;
      if (included && item.text.empty()) {
        return Fail(field + ".text", "is required when licence.item_text is 'included'");
      }
      if (!included && !item.text.empty()) {
        return Fail(field + ".text", "must be absent unless licence.item_text is 'included'");
      }
    }
    return Ok();
  }

  // `defined_before` is how many subscales precede this scale: a weighted scale may only use
  // those, which rules out cycles.
  Status CheckScale(Scale& scale, const std::string& field, size_t defined_before) const {
    if (scale.method == ScaleMethod::kWeighted)
      return CheckWeightedScale(scale, field, defined_before);
    if (!scale.terms.empty()) return Fail(field + ".terms", "only a 'weighted' scale has terms");
    if (scale.items.empty()) {
      if (scale.id != "total") return Fail(field + ".items", "is required for a subscale");
      for (const Item& item : instrument_.items) {
        if (item.scored) scale.items.push_back(item.id);
      }
    }
    std::set<std::string> seen;
    double low = 0;
    double high = 0;
    for (size_t index = 0; index < scale.items.size(); ++index) {
      const std::string item_field = field + ".items[" + std::to_string(index) + "]";
      const Item* item = instrument_.FindItem(scale.items[index]);
      if (item == nullptr) return Fail(item_field, "no item has id '" + scale.items[index] + "'");
      if (!item->scored) return Fail(item_field, "item '" + item->id + "' is marked unscored");
      if (!seen.insert(item->id).second)
        return Fail(item_field, "item '" + item->id + "' is listed twice");
      low += instrument_.AnswerSetOf(*item).minimum;
      high += instrument_.AnswerSetOf(*item).maximum;
    }
    const int count = static_cast<int>(scale.items.size());
    if (scale.method == ScaleMethod::kSum) {
      if (scale.minimum_answered != 0 && scale.minimum_answered != count) {
        return Fail(field + ".minimum_answered",
                    "a 'sum' needs every item; use 'prorated_sum' to allow missing items");
      }
      scale.minimum_answered = count;
    } else if (scale.minimum_answered < 1 || scale.minimum_answered > count) {
      return Fail(field + ".minimum_answered",
                  "is required for '" +
                      std::string(scale.method == ScaleMethod::kMean ? "mean" : "prorated_sum") +
                      "' and must be between 1 and " + std::to_string(count));
    }
    if (scale.method == ScaleMethod::kMean) {
      low /= count;
      high /= count;
    }
    if (!(scale.multiplier > 0)) return Fail(field + ".multiplier", "must be greater than 0");
    scale.minimum = low * scale.multiplier;
    scale.maximum = high * scale.multiplier;
    return Ok();
  }

  Status CheckWeightedScale(Scale& scale, const std::string& field, size_t defined_before) const {
    if (!scale.items.empty())
      return Fail(field + ".items", "a 'weighted' scale uses terms, not items");
    if (scale.terms.empty()) return Fail(field + ".terms", "is required for a 'weighted' scale");
    if (scale.minimum_answered != 0) {
      return Fail(field + ".minimum_answered", "does not apply to a 'weighted' scale");
    }
    double low = 0;
    double high = 0;
    for (size_t index = 0; index < scale.terms.size(); ++index) {
      const WeightedTerm& term = scale.terms[index];
      const Scale* used = nullptr;
      for (size_t scale_idx = 0; scale_idx < defined_before; ++scale_idx) {
        if (instrument_.subscales[scale_idx].id == term.scale)
          used = &instrument_.subscales[scale_idx];
      }
      if (used == nullptr) {
        return Fail(field + ".terms[" + std::to_string(index) + "].scale",
                    "'" + term.scale + "' must be a subscale defined earlier");
      }
      low += term.weight * (term.weight >= 0 ? used->minimum : used->maximum);
      high += term.weight * (term.weight >= 0 ? used->maximum : used->minimum);
    }
    if (!(scale.multiplier > 0)) return Fail(field + ".multiplier", "must be greater than 0");
    scale.minimum = low * scale.multiplier;
    scale.maximum = high * scale.multiplier;
    return Ok();
  }

  Status CheckBands() const {
    if (instrument_.bands.empty()) return Ok();
    if (!instrument_.total) return Fail("bands", "bands need a scoring.total to apply to");
    const Scale& total = *instrument_.total;
    std::set<std::string> labels;
    for (size_t index = 0; index < instrument_.bands.size(); ++index) {
      const Band& band = instrument_.bands[index];
      const std::string field = "bands[" + std::to_string(index) + "]";
      TRY(CheckSourceRef(field + ".source", band.source));
      if (!labels.insert(band.label).second)
        return Fail(field + ".label", "'" + band.label + "' is used twice");
      if (band.maximum < band.minimum) return Fail(field + ".maximum", "must not be below minimum");
      if (index == 0 && std::fabs(band.minimum - total.minimum) > kTolerance) {
        return Fail(field + ".minimum", "the first band must start at the lowest possible total (" +
                                            FormatScore(total.minimum) + ")");
      }
      if (index > 0) {
        const double gap = band.minimum - instrument_.bands[index - 1].maximum;
        // Bands are contiguous: a gap of at most one point, filled by the lower band.
        if (gap <= 0 || gap > 1 + kTolerance) {
          return Fail(field + ".minimum",
                      "must be above the previous band's maximum by at most 1 "
                      "(bands are ordered, contiguous and do not overlap)");
        }
      }
    }
    if (std::fabs(instrument_.bands.back().maximum - total.maximum) > kTolerance) {
      return Fail("bands[" + std::to_string(instrument_.bands.size() - 1) + "].maximum",
                  "the last band must end at the highest possible total (" +
                      FormatScore(total.maximum) + ")");
    }
    return Ok();
  }

  Status CheckChangeData() const {
    if (instrument_.clinical_cutoff) {
      const ClinicalCutoff& cutoff = *instrument_.clinical_cutoff;
      TRY(CheckSourceRef("clinical_cutoff.source", cutoff.source));
      if (!instrument_.total) return Fail("clinical_cutoff", "needs a scoring.total");
      if (cutoff.value < instrument_.total->minimum || cutoff.value > instrument_.total->maximum) {
        return Fail("clinical_cutoff.value", "must lie within the total's range");
      }
    }
    if (instrument_.norms) {
      TRY(CheckSourceRef("norms.source", instrument_.norms->source));
      if (!(instrument_.norms->clinical.standard_deviation > 0)) {
        return Fail("norms.clinical.standard_deviation", "must be greater than 0");
      }
      if (!(instrument_.norms->functional.standard_deviation > 0)) {
        return Fail("norms.functional.standard_deviation", "must be greater than 0");
      }
    }
    if (instrument_.reliability) {
      TRY(CheckSourceRef("reliability.source", instrument_.reliability->source));
      const double value = instrument_.reliability->value;
      if (!(value > 0 && value < 1))
        return Fail("reliability.value", "must be between 0 and 1 (exclusive)");
    }
    if (instrument_.reliable_change) {
      TRY(CheckSourceRef("reliable_change.source", instrument_.reliable_change->source));
      if (!(instrument_.reliable_change->points > 0)) {
        return Fail("reliable_change.points", "must be greater than 0");
      }
      const std::optional<double> confidence = instrument_.reliable_change->confidence_percent;
      if (confidence && !(*confidence > 0 && *confidence < 100)) {
        return Fail("reliable_change.confidence_percent", "must be between 0 and 100 (exclusive)");
      }
    }
    const bool jacobson_truax = instrument_.norms && instrument_.reliability;
    const bool published = instrument_.reliable_change.has_value();
    const std::optional<ReliableChangeMethod> chosen = instrument_.change_categories_from;
    if (jacobson_truax && published && !chosen) {
      return Fail("change_categories_from",
                  "is required when the file gives both norms + reliability and a published "
                  "reliable_change: 'jacobson_truax' or 'published_points'");
    }
    if (chosen == ReliableChangeMethod::kJacobsonTruax && !jacobson_truax) {
      return Fail("change_categories_from", "'jacobson_truax' needs norms and reliability");
    }
    if (chosen == ReliableChangeMethod::kPublishedPoints && !published) {
      return Fail("change_categories_from", "'published_points' needs reliable_change");
    }
    return Ok();
  }

  Status CheckFlags() const {
    std::set<std::string> seen;
    for (size_t index = 0; index < instrument_.flags.size(); ++index) {
      const FlagRule& flag = instrument_.flags[index];
      const std::string field = "flags[" + std::to_string(index) + "]";
      TRY(CheckSourceRef(field + ".source", flag.source));
      if (!seen.insert(flag.id).second)
        return Fail(field + ".id", "'" + flag.id + "' is used twice");
      if (!flag.item.empty() && instrument_.FindItem(flag.item) == nullptr) {
        return Fail(field + ".item", "no item has id '" + flag.item + "'");
      }
      for (size_t item_idx = 0; item_idx < flag.any_of_items.size(); ++item_idx) {
        if (instrument_.FindItem(flag.any_of_items[item_idx]) == nullptr) {
          return Fail(field + ".items[" + std::to_string(item_idx) + "]",
                      "no item has id '" + flag.any_of_items[item_idx] + "'");
        }
      }
      if (!flag.scale.empty()) {
        const bool total = flag.scale == "total" && instrument_.total.has_value();
        if (!total && instrument_.FindSubscale(flag.scale) == nullptr) {
          return Fail(field + ".scale",
                      "'" + flag.scale + "' is neither 'total' nor a subscale id");
        }
      }
    }
    return Ok();
  }

  // Screening counts symptoms over items that must all be answered, so it needs a plain-sum
  // total (which refuses blanks) and reads only that total's items.
  Status CheckScreening() {
    if (!instrument_.screening) return Ok();
    Screening& screening = *instrument_.screening;
    TRY(CheckSourceRef("screening.source", screening.source));
    if (!instrument_.total || instrument_.total->method != ScaleMethod::kSum) {
      return Fail("screening", "needs a 'sum' total, so that every item it counts is answered");
    }
    const std::vector<std::string>& total_items = instrument_.total->items;
    const auto in_total = [&](const std::string& item_id) {
      return std::find(total_items.begin(), total_items.end(), item_id) != total_items.end();
    };
    std::set<std::string> seen;
    for (size_t index = 0; index < screening.exceptions.size(); ++index) {
      const std::string& item_id = screening.exceptions[index].item;
      const std::string field = "screening.symptom.except[" + std::to_string(index) + "].item";
      if (!in_total(item_id)) return Fail(field, "'" + item_id + "' is not an item of the total");
      if (!seen.insert(item_id).second) return Fail(field, "'" + item_id + "' is listed twice");
    }
    seen.clear();
    for (size_t rule_idx = 0; rule_idx < screening.rules.size(); ++rule_idx) {
      ScreeningRule& rule = screening.rules[rule_idx];
      const std::string field = "screening.results[" + std::to_string(rule_idx) + "]";
      if (!seen.insert(rule.id).second)
        return Fail(field + ".id", "'" + rule.id + "' is used twice");
      for (size_t count_idx = 0; count_idx < rule.counts.size(); ++count_idx) {
        SymptomCount& count = rule.counts[count_idx];
        const std::string count_field = field + ".counts[" + std::to_string(count_idx) + "]";
        if (count.items.empty()) count.items = total_items;
        for (size_t item_idx = 0; item_idx < count.items.size(); ++item_idx) {
          if (!in_total(count.items[item_idx])) {
            return Fail(count_field + ".items[" + std::to_string(item_idx) + "]",
                        "'" + count.items[item_idx] + "' is not an item of the total");
          }
        }
        const int size = static_cast<int>(count.items.size());
        if (count.at_least < 0 || count.at_least > size) {
          return Fail(count_field + ".at_least", "must be between 0 and " + std::to_string(size));
        }
        if (count.at_most && (*count.at_most < count.at_least || *count.at_most > size)) {
          return Fail(count_field + ".at_most",
                      "must be between at_least and " + std::to_string(size));
        }
      }
    }
    return Ok();
  }

  Instrument& instrument_;
  const std::string& file_;
};

}  // namespace

Status ValidateInstrument(Instrument& instrument, const std::string& file) {
  return Validator(instrument, file).Run();
}

}  // namespace tessera::measures
