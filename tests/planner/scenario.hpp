#pragma once
// Planner scenarios: a small line-based format a clinician can read (tests/scenarios/planner/
// README.md describes it). A scenario states a client (and optionally a variant of the same
// client differing in one trait), the therapists and strategy, and the properties the plan must
// have; metamorphic comparisons state the direction the plan must move from base to variant.

#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "planner/plan.hpp"
#include "scenario_file/scenario_file.hpp"

namespace tessera::planner::scenario {

using Line = ::tessera::scenario::Line;

struct Scenario {
  std::string title;                // the header's description
  std::vector<Line> setup;          // before "variant"
  std::vector<Line> variant_setup;  // after "variant", overriding setup
  std::vector<Line> expectations;   // expect ... / compare ...
};

/// Splits a scenario's text (the one scenario grammar, tests/scenarios/README.md) into its
/// sections; `stem` is the file name the header must carry. Errors name the line.
Result<Scenario> ParseScenario(std::string_view text, std::string_view stem);

/// Builds the request from setup lines (plus variant lines when `variant`). Errors name the line.
Result<PlanRequest> BuildRequest(const Scenario& scenario, bool variant,
                                 const catalog::Catalog& catalog);

/// Checks every expectation; returns one message per failed expectation (empty when all hold).
std::vector<std::string> Check(const Scenario& scenario, const catalog::Catalog& catalog);

}  // namespace tessera::planner::scenario
