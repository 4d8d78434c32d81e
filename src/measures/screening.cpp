// Symptom-count screening rules (docs/instruments.md "Screening"). PHQ-9: Kroenke & Spitzer's
// algorithm as CamCOPS computes it; PCL-5: the National Center for PTSD's DSM-5 rule; see
// docs/clinical-sources.md.

#include "measures/screening.hpp"

#include <algorithm>
#include <optional>

namespace tessera::measures {

bool IsSymptom(const Screening& screening, const std::string& item_id, double answer) {
  for (const SymptomThreshold& exception : screening.exceptions) {
    if (exception.item == item_id) return Compare(answer, exception.when, exception.value);
  }
  return Compare(answer, screening.symptom.when, screening.symptom.value);
}

ScreeningResult Screen(const Instrument& instrument,
                       std::span<const std::optional<double>> answers) {
  const Screening& screening = *instrument.screening;
  std::vector<bool> symptom(instrument.items.size(), false);
  ScreeningResult result;
  result.caution = screening.caution;
  for (size_t index = 0; index < instrument.items.size(); ++index) {
    const std::string& item_id = instrument.items[index].id;
    const bool in_total = std::find(instrument.total->items.begin(), instrument.total->items.end(),
                                    item_id) != instrument.total->items.end();
    if (!in_total || !answers[index]) continue;
    symptom[index] = IsSymptom(screening, item_id, *answers[index]);
    result.symptoms += symptom[index] ? 1 : 0;
  }
  const auto symptoms_among = [&](const std::vector<std::string>& item_ids) {
    int count = 0;
    for (size_t index = 0; index < instrument.items.size(); ++index) {
      const bool listed =
          std::find(item_ids.begin(), item_ids.end(), instrument.items[index].id) != item_ids.end();
      count += listed && symptom[index] ? 1 : 0;
    }
    return count;
  };
  for (const ScreeningRule& rule : screening.rules) {
    bool met = true;
    for (const SymptomCount& count : rule.counts) {
      const int found = symptoms_among(count.items);
      met = met && found >= count.at_least && (!count.at_most || found <= *count.at_most);
    }
    if (met) result.positive.push_back({rule.id, rule.label});
  }
  return result;
}

}  // namespace tessera::measures
