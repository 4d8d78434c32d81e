#pragma once
// A treatment plan and the request that produces it. Plans are plain data; plan_json.hpp and
// plan_text.hpp render them. Every number in a plan is derived from the request and the
// catalogue, so the same input gives the same plan, byte for byte.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "catalog/types.hpp"
#include "planner/profile.hpp"
#include "planner/therapist.hpp"

namespace tessera::planner {

enum class Strategy {
  kEclectic,
  kSequential,
  kSelectiveSynthesis,
  kAssimilative,
  kIntegrativeModel,
  kAuto
};
std::string_view Name(Strategy strategy);
std::optional<Strategy> ParseStrategy(std::string_view word);

/// What a technique outside the therapist's competence needs (issue 4: "left out or flagged").
enum class CompetenceAction { kNone, kSupervision, kCoTherapy, kReferral };
std::string_view Name(CompetenceAction action);

struct Constraints {
  int session_budget = 20;
  int max_techniques_per_phase = 4;
  int max_techniques = 10;    // selective synthesis: size of the whole technique set
  long node_limit = 400'000;  // selective synthesis: solver nodes before reporting a gap
  // Selective synthesis: wall-clock seconds before the solver reports its best plan and gap.
  // Proven-optimal plans do not depend on it; a plan cut short by it may vary by machine.
  double time_limit_seconds = 10.0;
};

/// Outcomes of similar clients in this practice for one technique or model (the monitor's
/// practice-based evidence, already shrunk toward the research evidence).
struct PracticeEvidence {
  double value = 0;  // 0..1
  int n = 0;         // similar closed episodes behind it
  std::string reason;
};

struct PlanRequest {
  ClientProfile profile;
  std::vector<Therapist> therapists;  // empty: competence is not checked
  Strategy strategy = Strategy::kAuto;
  Constraints constraints;
  /// Keyed by technique id or model id (a technique id wins). Empty: the fit score has no
  /// practice_evidence component and plans are as without it.
  std::map<std::string, PracticeEvidence> practice_evidence;
};

/// One named part of a technique's fit score, with its value and why.
struct FitComponent {
  std::string name;  // evidence, target_coverage, sts_match, preference_match, history, competence,
                     // practice_evidence (only when the request has practice evidence)
  double value = 0;  // on the component's own scale (see docs/planner.md)
  double weight = 0;  // its share in the total fit
  std::string reason;
};

struct PlannedTechnique {
  std::string id;
  std::string model;
  double fit = 0;
  std::vector<FitComponent> components;
  std::vector<std::string> reasons;  // human-readable: components and flags
  std::string therapist;             // who delivers it (care teams); empty without therapists
  CompetenceAction competence_action = CompetenceAction::kNone;
  std::string assimilation_note;  // assimilative plans: how it is re-framed in the home model
};

struct PlanPhase {
  catalog::Phase phase = catalog::Phase::kSkills;
  std::string name;
  std::vector<std::string> models;
  std::vector<PlannedTechnique> techniques;
  std::vector<std::string> goals;
  int sessions = 0;
  int review_at_session = 0;
  std::vector<std::string> switch_criteria;
  std::vector<std::string> switch_triggers;  // the monitor's trigger id per criterion (catalogue)
  std::string lead_therapist;
};

struct Exclusion {
  std::string id;
  std::string reason;
};

struct CompetenceGap {
  std::string technique;
  std::string therapist;  // the best-placed therapist
  Competence needed = Competence::kCompetent;
  Competence available = Competence::kNone;
  CompetenceAction action = CompetenceAction::kSupervision;
};

struct PreferenceGap {
  std::string therapist;
  std::string dimension;
  int client = 0;
  int therapist_style = 0;
  std::string note;
};

struct CommonFactorPlan {
  std::string id;
  std::string name;
  std::vector<std::string> actions;
  std::string source;
};

struct Referral {
  std::string problem;
  std::string note;
};

/// Choices put to the client, so that their decisions can be recorded against them.
struct OfferedOption {
  std::string phase;  // phase name, or "strategy" / "template" for plan-level choices
  std::vector<std::string> options;
};

struct Plan {
  Strategy strategy = Strategy::kEclectic;
  Strategy requested = Strategy::kEclectic;
  std::vector<PlanPhase> phases;
  std::vector<CommonFactorPlan> common_factors;
  std::vector<Exclusion> excluded;
  std::vector<CompetenceGap> competence_gaps;
  std::vector<PreferenceGap> preference_gaps;
  std::vector<Referral> referrals;
  std::vector<OfferedOption> offered_options;
  std::vector<std::string> client_goals;
  std::vector<ProblemEntry> problems;     // what the plan was made for (after measures merged)
  std::vector<PlannedTechnique> ranking;  // eclectic: every eligible technique, best first
  std::string home_model;                 // assimilative
  std::string template_id;                // integrative_model
  std::optional<double> objective;        // selective synthesis
  std::optional<double> bound;            // selective synthesis: proven upper bound
  bool proven_optimal = false;
  long search_nodes = 0;
  std::vector<std::string> explanation;
  std::vector<std::string> therapists;  // the team the plan was made for (ids, as requested)
  int session_budget = 0;               // the budget it was made for
};

}  // namespace tessera::planner
