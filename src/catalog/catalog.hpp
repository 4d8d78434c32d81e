#pragma once
// The knowledge base: loaded from every *.json file under one or more directories (the shipped
// data/catalog/ plus any directories a clinic adds), validated as a whole, then read-only.
//
//   TRY_ASSIGN(Catalog catalog, Catalog::Load({data_dir / "catalog", clinic_dir}));
//   const Technique* technique = catalog.FindTechnique("thought_record");
//
// A file may hold any of the sections "sources", "mechanisms", "problem_areas", "models",
// "techniques", "integrative_models", "matching_rules", "phases", "common_factors",
// "stages_of_change", "measure_bands" (each an array of entries). Ids are unique across all
// files; unknown sections and unknown keys are refused so that a typo cannot pass silently.

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/types.hpp"
#include "core/result.hpp"

namespace tessera::catalog {

class Catalog {
 public:
  /// Loads and validates every *.json file under each directory (recursively, in path order).
  /// Returns InvalidArgument naming the file and the broken entry (e.g. "technique
  /// 'thought_record': evidence[0].source 'nice_x' is not a known source") on any error, or
  /// NotFound when a directory does not exist.
  static Result<Catalog> Load(const std::vector<std::filesystem::path>& directories);

  /// Loads from JSON texts given as (file name, text) pairs; used by tests and by Load.
  static Result<Catalog> FromTexts(const std::vector<std::pair<std::string, std::string>>& files);

  const Source* FindSource(std::string_view id) const;
  const Model* FindModel(std::string_view id) const;
  const Technique* FindTechnique(std::string_view id) const;
  const ProblemArea* FindProblem(std::string_view id) const;
  const Mechanism* FindMechanism(std::string_view id) const;
  const IntegrativeModel* FindIntegrativeModel(std::string_view id) const;
  const PhaseInfo* FindPhase(Phase phase) const;
  const StageGuidance* FindStage(std::string_view stage) const;

  /// All entries, ordered by id (phases in treatment order), so iteration is deterministic.
  const std::map<std::string, Source, std::less<>>& sources() const { return sources_; }
  const std::map<std::string, Model, std::less<>>& models() const { return models_; }
  const std::map<std::string, Technique, std::less<>>& techniques() const { return techniques_; }
  const std::map<std::string, ProblemArea, std::less<>>& problems() const { return problems_; }
  const std::map<std::string, Mechanism, std::less<>>& mechanisms() const { return mechanisms_; }
  const std::map<std::string, IntegrativeModel, std::less<>>& integrative_models() const {
    return integrative_models_;
  }
  const std::vector<MatchingRule>& matching_rules() const { return matching_rules_; }
  const std::vector<PhaseInfo>& phases() const { return phases_; }
  const std::vector<CommonFactor>& common_factors() const { return common_factors_; }
  const std::vector<StageGuidance>& stages() const { return stages_; }
  const std::vector<BandMapping>& measure_bands() const { return measure_bands_; }

  /// The problems a technique is reserved for: its own indicated_for, else its model's; empty
  /// when it may be used for any problem.
  const std::vector<std::string>& IndicatedFor(const Technique& technique) const;

  /// The name of a problem area or mechanism id (the id itself when unknown).
  std::string TargetName(std::string_view id) const;

 private:
  Catalog() = default;
  friend class CatalogBuilder;
  Status Validate() const;

  std::map<std::string, Source, std::less<>> sources_;
  std::map<std::string, Model, std::less<>> models_;
  std::map<std::string, Technique, std::less<>> techniques_;
  std::map<std::string, ProblemArea, std::less<>> problems_;
  std::map<std::string, Mechanism, std::less<>> mechanisms_;
  std::map<std::string, IntegrativeModel, std::less<>> integrative_models_;
  std::vector<MatchingRule> matching_rules_;
  std::vector<PhaseInfo> phases_;
  std::vector<CommonFactor> common_factors_;
  std::vector<StageGuidance> stages_;
  std::vector<BandMapping> measure_bands_;
};

}  // namespace tessera::catalog
