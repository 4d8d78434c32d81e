#pragma once
// Internal to the planner: the steps every strategy shares — adding prerequisites, putting
// chosen techniques into treatment phases in a clinically safe order, and finishing phases
// (sessions, review points, goals, switch criteria, who leads).

#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "planner/assessment.hpp"
#include "planner/plan.hpp"

namespace tessera::planner {

/// Shared inputs of every strategy.
struct StrategyContext {
  const PlanRequest& request;
  const catalog::Catalog& catalog;
  const Assessment& assessment;
};

/// Appends `id` to `chosen` after any of its prerequisites not yet chosen. Returns false (and
/// leaves `chosen` unchanged) when a prerequisite is not eligible or `id` conflicts with a
/// chosen technique.
bool AddWithPrerequisites(const std::string& id, const Assessment& assessment,
                          std::vector<std::string>& chosen);

/// When risk is present, puts the assessment's safety technique first in `chosen` (if it is
/// not there already) and returns true when it added it.
bool EnsureSafetyWork(const Assessment& assessment, std::vector<std::string>& chosen);

/// With reported risk (self-harm, suicidality moderate or high), moves the assessment's
/// safety technique to the very start of the plan's first phase in every strategy, adding it
/// when the strategy left it out (unless it conflicts with a planned technique), and opening
/// an engagement phase for it when the first phase is one it does not suit. Explains the
/// move. No-op without risk or without a deliverable safety technique.
void OpenWithSafetyWork(Plan& plan, const Assessment& assessment);

/// A strong C-NIP preference (|value| >= 2) moves the plan toward it: on each such scale the
/// worst-fitting replaceable technique at the opposite pole is swapped for the best-fitting
/// eligible one at the preferred pole suited to the same phase; when the one at the opposite
/// pole has strong evidence for a client problem, or the strategy keeps its set (selective
/// synthesis, integrative model), it stays and the alternative is offered as the client's
/// choice ("preference:<scale>"). Explains each move (preference_balance.cpp).
void HonourStrongPreferences(Plan& plan, const StrategyContext& context);

/// When a chosen technique is allowed only after stabilisation and no chosen technique can
/// stabilise (suits the stabilisation phase, not arousal-raising), adds the best-fitting one.
/// Returns the id added, or "".
std::string EnsureStabilisation(const Assessment& assessment, std::vector<std::string>& chosen);

/// True when the two techniques are marked incompatible (either direction).
bool Incompatible(const catalog::Technique& first, const catalog::Technique& second);

/// Whether a candidate may be placed in a phase: after-stabilisation techniques only after a
/// stabilisation phase, action techniques not before motivational work when the client is not
/// yet ready, arousal-raising work not in the first phases when stabilisation is needed.
bool AllowedInPhase(const Candidate& candidate, catalog::Phase phase, const Assessment& assessment);

/// Places each chosen technique in the earliest phase it suits and is allowed in, keeps
/// prerequisites no later than what needs them, and orders techniques by fit inside a phase.
std::vector<PlanPhase> ArrangeIntoPhases(const std::vector<std::string>& chosen,
                                         const Assessment& assessment);

/// Names phases, lists their models, shares the session budget, sets review points, goals,
/// switch criteria and the lead therapist.
void FinishPhases(Plan& plan, const StrategyContext& context);

/// The PlannedTechnique for an eligible id. REQUIRES: assessment.Find(id) != nullptr.
PlannedTechnique Planned(const std::string& id, const Assessment& assessment);

}  // namespace tessera::planner
