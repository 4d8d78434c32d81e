#pragma once
// An instrument (questionnaire) as tessera understands it: plain data loaded from
// data/instruments/*.json (format: docs/instruments.md). Nothing here knows about JSON; the
// loader (instrument_library.hpp) builds and validates these structs, and every other module
// reads them.

#include <optional>
#include <string>
#include <vector>

namespace tessera::measures {

/// Which way is clinically worse.
enum class Direction { kHigherIsWorse, kHigherIsBetter };

/// How a scale turns item scores into one number.
enum class ScaleMethod {
  kSum,          // sum of the listed items; every listed item must be answered
  kMean,         // mean of the answered listed items (at least minimum_answered)
  kProratedSum,  // mean of the answered items times the item count (at least minimum_answered)
  kWeighted,     // weighted sum of other (sub)scales, e.g. URICA readiness = C + A + M - PC
};

/// A comparison against a threshold, used by flags and cut-offs.
enum class Comparison { kAbove, kAtLeast, kBelow, kAtMost };

/// How reliable change is judged: Jacobson-Truax from norms and reliability, or a published
/// reliable-change value in points (reliable when |post - pre| >= points).
enum class ReliableChangeMethod { kJacobsonTruax, kPublishedPoints };

/// Whether the file carries the wording of the items.
enum class ItemTextPolicy {
  kIncluded,           // licence allows it and the text is in the file
  kWithheldByLicence,  // licensed instrument: structure only, a licensee adds the text
  kNotTranscribed,     // licence would allow it; not yet transcribed from the source
};

/// Where a fact comes from. Every band, cut-off, norm and flag names one by id.
struct Source {
  std::string id;
  std::string citation;
  std::string url;       // may be empty
  bool verified = true;  // false: the value is not yet confirmed against a primary source
  std::string note;      // may be empty
};

struct AnswerOption {
  double value = 0;
  std::string label;  // may be empty (structure-only instruments)
  std::string loinc;  // LOINC answer code, may be empty
};

/// The answers an item accepts: either a list of options, or a numeric range with a step
/// (e.g. a 0-10 visual analogue line read to 0.1).
struct AnswerSet {
  std::string id;
  std::vector<AnswerOption> options;  // empty for a range
  double minimum = 0;                 // for options: the lowest option value
  double maximum = 0;                 // for options: the highest option value
  double step = 1;                    // ranges only
};

struct Item {
  std::string id;     // as printed on the form: "1", "2", ...
  std::string text;   // empty unless the licence allows it and it was transcribed
  std::string loinc;  // may be empty
  std::string answer_set;
  bool reverse_scored = false;  // scored as (minimum + maximum - answer)
  bool scored = true;           // false: asked, validated, but not counted (URICA 4, 9, 20, 31)
};

struct WeightedTerm {
  std::string scale;  // id of a subscale
  double weight = 1;
};

struct Scale {
  std::string id;
  std::string name;
  ScaleMethod method = ScaleMethod::kSum;
  std::vector<std::string> items;   // item ids (not for kWeighted)
  int minimum_answered = 0;         // kSum: always the item count
  double multiplier = 1;            // applied last, e.g. WHO-5 raw x 4 = percentage
  std::vector<WeightedTerm> terms;  // kWeighted only
  double minimum = 0;               // computed by the loader: the lowest possible score
  double maximum = 0;               // computed by the loader: the highest possible score
};

/// A severity band on the total: minimum and maximum are inclusive. A non-integer (prorated)
/// total between two bands belongs to the lower one (it has not reached the next minimum).
struct Band {
  double minimum = 0;
  double maximum = 0;
  std::string label;
  std::string source;
};

struct ClinicalCutoff {
  double value = 0;
  Comparison clinical_when = Comparison::kAtLeast;  // when a total is in the clinical range
  std::string source;
};

struct Norm {
  double mean = 0;
  double standard_deviation = 0;
};

/// Clinical and functional (non-clinical) population norms (Jacobson & Truax 1991).
struct Norms {
  Norm clinical;
  Norm functional;
  std::string source;
};

struct Reliability {
  double value = 0;  // 0 < r < 1
  std::string kind;  // "internal_consistency" or "test_retest"
  std::string source;
};

/// A published reliable-change criterion in raw points: reliable when |post - pre| >= points.
struct PublishedReliableChange {
  double points = 0;
  std::optional<double> confidence_percent;  // the confidence level it was published at, if stated
  std::string source;
};

/// Raised when an item's answer (or a scale's score) meets the condition, whatever the total.
struct FlagRule {
  std::string id;
  std::string message;
  std::string item;                       // exactly one of item, any_of_items and scale is set
  std::vector<std::string> any_of_items;  // raised when any of these answers meets it (WHO-5)
  std::string scale;                      // "total" or a subscale id
  Comparison when = Comparison::kAbove;
  double value = 0;
  std::string source;
};

/// A symptom-count rule beside the total: which items count as symptoms, and how many of which
/// items a provisional screening result needs (PHQ-9 depressive syndromes, PCL-5 provisional
/// PTSD). A screening result is never a diagnosis.
struct SymptomThreshold {
  std::string item;  // empty: the default for every item
  Comparison when = Comparison::kAtLeast;
  double value = 0;
};

/// At least `at_least` (and, when set, at most `at_most`) of `items` are symptoms.
struct SymptomCount {
  std::vector<std::string> items;  // every scored item when the file lists none
  int at_least = 0;
  std::optional<int> at_most;
};

struct ScreeningRule {
  std::string id;
  std::string label;
  std::vector<SymptomCount> counts;  // all must hold
};

struct Screening {
  SymptomThreshold symptom;                  // the default threshold (item empty)
  std::vector<SymptomThreshold> exceptions;  // per-item thresholds (PHQ-9 item 9 counts at >= 1)
  std::vector<ScreeningRule> rules;
  std::string caution;  // shown with every result: what a provisional result means
  std::string source;
};

struct Instrument {
  std::string id;
  std::string name;
  std::string short_name;  // as clinicians write it ("PHQ-9"); the id when the file has none
  std::string version;
  std::string construct;
  std::string licence;
  std::string attribution;
  ItemTextPolicy item_text = ItemTextPolicy::kIncluded;
  std::vector<Source> sources;
  std::string loinc_panel;  // may be empty
  std::string loinc_total;  // may be empty
  Direction direction = Direction::kHigherIsWorse;
  std::vector<AnswerSet> answer_sets;
  std::vector<Item> items;
  std::optional<Scale> total;  // absent for profile instruments such as C-NIP
  std::vector<Scale> subscales;
  std::vector<Band> bands;  // on the total; may be empty
  std::optional<ClinicalCutoff> clinical_cutoff;
  std::optional<Norms> norms;
  std::optional<Reliability> reliability;
  std::optional<PublishedReliableChange> reliable_change;
  /// Which reliable-change judgement drives the outcome categories when the file gives both
  /// norms + reliability and a published value (required then; a clinic's choice).
  std::optional<ReliableChangeMethod> change_categories_from;
  std::vector<FlagRule> flags;
  std::optional<Screening> screening;

  /// The item with this id, or nullptr.
  const Item* FindItem(const std::string& item_id) const;
  /// The answer set an item uses. REQUIRES: the instrument was validated by the loader.
  const AnswerSet& AnswerSetOf(const Item& item) const;
  /// The subscale with this id, or nullptr.
  const Scale* FindSubscale(const std::string& scale_id) const;
  /// The source with this id, or nullptr.
  const Source* FindSource(const std::string& source_id) const;
};

/// "above", "at_least", "below", "at_most".
const char* ComparisonName(Comparison comparison);
/// True when value satisfies `value <comparison> threshold`.
bool Compare(double value, Comparison comparison, double threshold);

}  // namespace tessera::measures
