#include "planner/planner_test_support.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "planner/planner.hpp"

namespace tessera::planner::testing {

const catalog::Catalog& ShippedCatalog() {
  static const catalog::Catalog catalog = [] {
    auto loaded = catalog::Catalog::Load({std::filesystem::path(TESSERA_DATA_DIR) / "catalog"});
    if (!loaded) {
      ADD_FAILURE() << loaded.error().message();
      std::abort();
    }
    return std::move(loaded).value();
  }();
  return catalog;
}

ClientProfile ProfileFrom(const std::string& json_text) {
  auto profile = ParseProfile(json_text, ShippedCatalog());
  EXPECT_TRUE(profile.has_value()) << profile.error().message();
  return profile ? *profile : ClientProfile{};
}

Therapist TherapistFrom(const std::string& json_text) {
  auto therapist = ParseTherapist(json_text, ShippedCatalog());
  EXPECT_TRUE(therapist.has_value()) << therapist.error().message();
  return therapist ? *therapist : Therapist{};
}

Plan PlanFor(const PlanRequest& request) {
  auto plan = MakePlan(request, ShippedCatalog());
  EXPECT_TRUE(plan.has_value()) << plan.error().message();
  return plan ? *plan : Plan{};
}

std::vector<std::string> PlannedIds(const Plan& plan) {
  std::vector<std::string> ids;
  for (const auto& phase : plan.phases) {
    for (const auto& technique : phase.techniques) ids.push_back(technique.id);
  }
  return ids;
}

int PhaseIndexOf(const Plan& plan, const std::string& technique) {
  for (std::size_t index = 0; index < plan.phases.size(); ++index) {
    for (const auto& planned : plan.phases[index].techniques) {
      if (planned.id == technique) return static_cast<int>(index);
    }
  }
  return -1;
}

}  // namespace tessera::planner::testing
