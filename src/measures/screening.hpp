#pragma once
// Provisional screening results beside the total: symptom-count rules read from the instrument
// file (PHQ-9 major / other depressive syndrome, PCL-5 provisional DSM-5 PTSD). They are
// screening results to be confirmed by a clinician's assessment, never diagnoses. Pure.

#include <span>
#include <string>
#include <vector>

#include "measures/instrument.hpp"

namespace tessera::measures {

struct ProvisionalResult {
  std::string id;
  std::string label;
};

struct ScreeningResult {
  int symptoms = 0;                         // items that count as symptoms
  std::vector<ProvisionalResult> positive;  // the rules met, in file order
  std::string caution;                      // what a provisional result means (from the file)
};

/// Applies `instrument.screening` to complete answers (one per item, in item order).
/// REQUIRES: the instrument has screening and every item of its total is answered (Score has
/// checked the answers; a 'sum' total refuses blanks).
ScreeningResult Screen(const Instrument& instrument,
                       std::span<const std::optional<double>> answers);

/// True when `answer` counts as a symptom on `item_id` under the file's thresholds.
bool IsSymptom(const Screening& screening, const std::string& item_id, double answer);

}  // namespace tessera::measures
