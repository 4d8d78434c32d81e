#pragma once
// The knowledge base's value types: models, techniques, integrative models, problem areas,
// sources and matching rules. Plain data, filled by the loader (catalog.hpp) from the JSON files
// in data/catalog/. Every clinical claim (evidence, contraindication, matching rule) carries the
// id of a Source. Ordinal attributes are editorial judgements for a clinician to review
// (docs/catalog.md), never measured quantities.

#include <string>
#include <string_view>
#include <vector>

#include "core/vocabulary.hpp"

namespace tessera::catalog {

/// A three-step ordinal rating (directiveness, intensity, challenge).
enum class Ordinal { kLow, kModerate, kHigh };
/// Where a technique's work is aimed (STS: symptom- vs insight-focus).
enum class Focus { kSymptom, kBalanced, kInsight };
/// Whether a technique raises or lowers emotional arousal in the session.
enum class Arousal { kLowering, kNeutral, kRaising };
/// Categorical strength of an evidence entry, as the cited source grades it.
enum class Strength { kEmerging, kModest, kStrong };
/// Phases of a treatment, in the order a sequential plan uses them.
enum class Phase {
  kEngagement,
  kStabilisation,
  kSkills,
  kProcessing,
  kConsolidation,
  kRelapsePrevention
};
inline constexpr Phase kAllPhases[] = {Phase::kEngagement,    Phase::kStabilisation,
                                       Phase::kSkills,        Phase::kProcessing,
                                       Phase::kConsolidation, Phase::kRelapsePrevention};
/// Client states that can contraindicate a technique (derived from the profile's risk section).
enum class Condition {
  kAcuteSuicidality,  // suicidality moderate or high
  kActivePsychosis,
  kSevereDissociation,
  kIntoxication,
  kSelfHarm,
  kSevereDysregulation,  // emotion_dysregulation problem rated severe
};
/// What a contraindication does.
enum class ContraEffect { kExclude, kAfterStabilisation };
/// Whether a technique asks the client for active change (Prochaska: action stages).
enum class Readiness { kAny, kAction };
/// Whether a problem area is treated here or referred on.
enum class Scope { kTreat, kRefer };

struct Source {
  std::string id;
  std::string citation;
  std::string kind;  // guideline | review | manual | meta_analysis | editorial
  std::string url;   // may be empty
};

struct Mechanism {
  std::string id;
  std::string name;
};

struct WeightedTarget {
  std::string id;  // a problem area or a mechanism
  int weight = 1;  // 1 (minor) .. 3 (central): editorial rating
};

struct ProblemArea {
  std::string id;
  std::string name;
  Scope scope = Scope::kTreat;
  std::string refer_note;                  // why and where to refer, when scope is refer
  std::vector<WeightedTarget> mechanisms;  // mechanisms that usually maintain the problem
};

struct Model {
  std::string id;
  std::string name;
  std::string family;              // cognitive_behavioural, psychodynamic, humanistic, ...
  std::string stance;              // one sentence: how this model sees change
  std::string assimilation_frame;  // how this model reframes an imported technique
  std::string broader_model;       // a competence in this model also covers it (may be empty)
  std::vector<std::string> indicated_for;  // problem-specific models: only for these problems
};

struct Contraindication {
  Condition condition = Condition::kActivePsychosis;
  ContraEffect effect = ContraEffect::kExclude;
  std::string source;
  std::string note;
};

struct Evidence {
  std::string problem;
  Strength strength = Strength::kEmerging;
  std::string source;
};

struct StsAttributes {
  Ordinal directiveness = Ordinal::kModerate;
  Focus focus = Focus::kBalanced;
  Arousal arousal = Arousal::kNeutral;
  Ordinal intensity = Ordinal::kModerate;
  Ordinal challenge = Ordinal::kModerate;
};

struct Technique {
  std::string id;
  std::string name;
  std::string model;
  std::vector<WeightedTarget> targets;
  StsAttributes sts;
  std::vector<Phase> phases;
  std::vector<Contraindication> contraindications;
  std::vector<std::string> prerequisites;      // technique ids that must be in the plan too
  std::vector<std::string> incompatible_with;  // technique ids that must not be combined with it
  std::vector<std::string>
      indicated_for;  // problem-specific: only for these problems (else the model's)
  Competence competence = Competence::kCompetent;
  int sessions = 1;  // editorial planning estimate of sessions of focused work
  Readiness readiness = Readiness::kAny;
  std::vector<Evidence> evidence;
  std::string file;  // the file it was loaded from, for messages
};

struct TemplatePhase {
  Phase phase = Phase::kSkills;
  std::vector<std::string> techniques;
};

struct Indication {
  std::string problem;
  int weight = 1;
};

struct IntegrativeModel {
  std::string id;
  std::string name;
  std::string description;
  std::vector<std::string> models;  // the orientations it integrates
  std::vector<TemplatePhase> phases;
  std::vector<Indication> indications;
  std::vector<std::string> sources;
};

/// An STS matching principle: when a client dimension has a value, prefer techniques whose
/// attribute has a value. Dimension, value and attribute are validated vocabulary words.
struct MatchingRule {
  std::string id;
  std::string dimension;  // functional_impairment, coping_style, reactance, distress, ...
  std::string value;      // low, high, internalizing, precontemplation, ...
  std::string attribute;  // directiveness, focus, arousal, intensity, readiness
  std::string prefer;     // low, high, symptom, insight, lowering, raising, any, ...
  int weight = 1;         // 1..3, editorial
  std::string source;
  std::string explanation;
};

/// A switch criterion's trigger that only the clinician can judge (the monitor never fires it).
inline constexpr std::string_view kClinicalJudgementTrigger = "clinical_judgement";

struct PhaseInfo {
  Phase phase = Phase::kSkills;
  std::string name;
  std::string purpose;
  std::vector<std::string> switch_criteria;  // the criteria's text, for plans and people
  /// switch_triggers[i]: the monitor's trigger id testing switch_criteria[i] (data/monitor/
  /// switch_criteria.json), or kClinicalJudgementTrigger. The monitor checks the ids.
  std::vector<std::string> switch_triggers;
};

struct CommonFactor {
  std::string id;
  std::string name;
  std::vector<std::string> actions;
  std::string source;
};

struct StageGuidance {
  std::string stage;
  std::vector<std::string> processes;
  std::string guidance;
  std::string source;
};

/// Maps a scored measure's severity band to a problem and its severity.
struct BandMapping {
  std::string instrument;
  std::string band;
  std::string problem;
  std::string severity;  // mild | moderate | severe | none (below the clinical range)
};

}  // namespace tessera::catalog
