#include "measures/instrument.hpp"

#include <cassert>

namespace tessera::measures {

const Item* Instrument::FindItem(const std::string& item_id) const {
  for (const Item& item : items) {
    if (item.id == item_id) return &item;
  }
  return nullptr;
}

const AnswerSet& Instrument::AnswerSetOf(const Item& item) const {
  for (const AnswerSet& set : answer_sets) {
    if (set.id == item.answer_set) return set;
  }
  assert(false && "AnswerSetOf on an instrument the loader did not validate");
  return answer_sets.front();
}

const Scale* Instrument::FindSubscale(const std::string& scale_id) const {
  for (const Scale& scale : subscales) {
    if (scale.id == scale_id) return &scale;
  }
  return nullptr;
}

const Source* Instrument::FindSource(const std::string& source_id) const {
  for (const Source& source : sources) {
    if (source.id == source_id) return &source;
  }
  return nullptr;
}

const char* ComparisonName(Comparison comparison) {
  switch (comparison) {
    case Comparison::kAbove:
      return "above";
    case Comparison::kAtLeast:
      return "at_least";
    case Comparison::kBelow:
      return "below";
    case Comparison::kAtMost:
      return "at_most";
  }
  return "above";
}

bool Compare(double value, Comparison comparison, double threshold) {
  switch (comparison) {
    case Comparison::kAbove:
      return value > threshold;
    case Comparison::kAtLeast:
      return value >= threshold;
    case Comparison::kBelow:
      return value < threshold;
    case Comparison::kAtMost:
      return value <= threshold;
  }
  return false;
}

}  // namespace tessera::measures
