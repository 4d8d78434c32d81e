// Switch criteria are tested by the trigger id the catalogue's phases give each criterion, not
// by phrases of its text: a clinic's own wording with a known trigger is tested, an unknown
// trigger is refused naming it, and "clinical_judgement" stays with the clinician.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "monitor/monitor.hpp"
#include "monitor/test_practice.hpp"

namespace tessera::monitor {
namespace {

namespace fs = std::filesystem;

// The shipped catalogue with `from` replaced by `to` in phases.json, loaded from a temp copy.
Result<catalog::Catalog> CatalogWith(const std::string& from, const std::string& to) {
  const fs::path directory =
      fs::temp_directory_path() /
      ("tessera-switch-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
       ::testing::UnitTest::GetInstance()->current_test_info()->name());
  fs::remove_all(directory);
  fs::copy(fs::path(TESSERA_DATA_DIR) / "catalog", directory, fs::copy_options::recursive);
  std::ifstream in(directory / "phases.json");
  std::stringstream text;
  text << in.rdbuf();
  std::string phases = text.str();
  const auto at = phases.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) phases.replace(at, from.size(), to);
  std::ofstream(directory / "phases.json") << phases;
  auto loaded = catalog::Catalog::Load({directory});
  fs::remove_all(directory);
  return loaded;
}

TEST(SwitchTriggers, EveryShippedCriterionNamesAKnownTriggerOrClinicalJudgement) {
  EXPECT_TRUE(CheckSwitchTriggers(ShippedCatalog(), ShippedRules()));
  for (const catalog::PhaseInfo& phase : ShippedCatalog().phases()) {
    EXPECT_EQ(phase.switch_triggers.size(), phase.switch_criteria.size())
        << catalog::Name(phase.phase);
  }
}

TEST(SwitchTriggers, AnUnknownTriggerIsRefusedNamingPhaseCriterionAndId) {
  auto catalog = CatalogWith(R"("trigger": "risk_rises")", R"("trigger": "risk_goes_up")");
  ASSERT_TRUE(catalog) << catalog.error().message();
  const Status checked = CheckSwitchTriggers(*catalog, ShippedRules());
  ASSERT_FALSE(checked);
  const std::string message = checked.error().message();
  for (const char* part :
       {"phases.json", "phase 'stabilisation'", "'risk rises: stay in stabilisation",
        "unknown trigger 'risk_goes_up'", "known: ", "clinical_judgement"}) {
    EXPECT_NE(message.find(part), std::string::npos) << part << " in " << message;
  }
}

TEST(SwitchTriggers, ACriterionWithoutATriggerIsRefusedByTheCatalogueLoader) {
  auto catalog = CatalogWith(R"(, "trigger": "risk_rises")", "");
  ASSERT_FALSE(catalog);
  EXPECT_NE(catalog.error().message().find("switch_criteria[1]"), std::string::npos)
      << catalog.error().message();
  EXPECT_NE(catalog.error().message().find("trigger"), std::string::npos)
      << catalog.error().message();
}

// A skills phase with one criterion worded by the clinic, tested by its trigger id.
EpisodeInput DeterioratingEpisode(const std::string& criterion, const std::string& trigger) {
  EpisodeInput episode;
  PlanOutline plan;
  plan.phases.push_back({.name = "skills and active change",
                         .phase = "skills",
                         .review_at_session = 10,
                         .switch_criteria = {criterion},
                         .switch_triggers = {trigger}});
  episode.plan = plan;
  // PHQ-9 10 -> 17: more than its reliable-change value (6) worse.
  episode.sessions.push_back({.number = 1, .measures = {{.instrument = "phq9", .total = 10}}});
  episode.sessions.push_back({.number = 2, .measures = {{.instrument = "phq9", .total = 17}}});
  return episode;
}

std::vector<AdaptationProposal> SwitchProposals(const EpisodeInput& episode) {
  const MonitorContext context{.instruments = &ShippedInstruments(), .rules = &ShippedRules()};
  auto report = MonitorEpisode(episode, context);
  EXPECT_TRUE(report) << report.error().message();
  std::vector<AdaptationProposal> found;
  if (!report) return found;
  for (const AdaptationProposal& proposal : report->proposals) {
    if (proposal.kind == ProposalKind::kSwitchCriterion) found.push_back(proposal);
  }
  return found;
}

TEST(SwitchTriggers, AClinicsOwnWordingIsTestedByItsTriggerId) {
  // No phrase of the old table ("deterioration", "no reliable change", ...) in the text.
  const std::string wording = "scores climbing: go back a step";
  const auto fired = SwitchProposals(DeterioratingEpisode(wording, "deterioration"));
  ASSERT_EQ(fired.size(), 1u);
  EXPECT_EQ(fired[0].criterion, wording);
  EXPECT_EQ(fired[0].prompted_by, std::vector<AlertType>{AlertType::kReliableDeterioration});
  // The same wording left to the clinician, or a trigger that did not fire: no proposal.
  EXPECT_TRUE(SwitchProposals(DeterioratingEpisode(wording, "clinical_judgement")).empty());
  EXPECT_TRUE(SwitchProposals(DeterioratingEpisode(wording, "gains_maintained")).empty());
  // Text that reads like a known phrase is not enough without the id.
  EXPECT_TRUE(SwitchProposals(DeterioratingEpisode("reliable deterioration", "clinical_judgement"))
                  .empty());
}

TEST(SwitchTriggers, APlanWithoutTriggerIdsIsResolvedThroughTheCatalogueByItsText) {
  const catalog::PhaseInfo* consolidation =
      ShippedCatalog().FindPhase(catalog::Phase::kConsolidation);
  ASSERT_NE(consolidation, nullptr);
  EpisodeInput episode = DeterioratingEpisode("", "");
  episode.plan->phases[0] = {
      .name = consolidation->name,
      .phase = "consolidation",
      .review_at_session = 10,
      .switch_criteria = consolidation->switch_criteria};  // no switch_triggers
  const MonitorContext with_catalog{
      .instruments = &ShippedInstruments(), .rules = &ShippedRules(), .catalog = &ShippedCatalog()};
  auto report = MonitorEpisode(episode, with_catalog);
  ASSERT_TRUE(report) << report.error().message();
  int switches = 0;
  for (const AdaptationProposal& proposal : report->proposals) {
    if (proposal.kind != ProposalKind::kSwitchCriterion) continue;
    ++switches;
    EXPECT_EQ(proposal.criterion,
              consolidation->switch_criteria.at(1));  // "deterioration on the primary measure..."
  }
  EXPECT_EQ(switches, 1);
  // Without a catalogue such a plan's criteria stay with the clinician.
  EXPECT_TRUE(SwitchProposals(episode).empty());
}

}  // namespace
}  // namespace tessera::monitor
