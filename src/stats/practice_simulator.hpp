#pragma once
// A synthetic practice: clients with problems, intake severities and traits, seen by
// therapists who each practise one approach, with session-by-session PHQ-9 and GAD-7 totals
// that follow a random intercept and slope growth model with known parameters. Approaches
// differ in effect, and some work better for some traits (the stated heterogeneous effects);
// clients miss sessions and drop out. The true parameters come back with the data so tests
// can check that fits recover them. Deterministic per seed on every platform.
//
// All effect sizes here are invented for simulation; they are not clinical facts.
// Columns: docs/simulation.md.

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace tessera::stats {

/// kNone switches off approach, trait and therapist effects, so the data follow the plain
/// growth model exactly (up to rounding and clamping): the parameter-recovery setting.
enum class Heterogeneity { kStated, kNone };

/// kFull: every client attends every scheduled session (benchmarks that need exactly
/// clients x sessions rows); kRealistic: missed sessions and dropout as in the truth.
enum class AttendancePattern { kRealistic, kFull };

struct SimulationSpec {
  std::size_t clients = 1000;
  int sessions = 12;  // scheduled sessions per client, numbered 1..sessions
  std::uint64_t seed = 1;
  Heterogeneity heterogeneity = Heterogeneity::kStated;
  AttendancePattern attendance = AttendancePattern::kRealistic;
};

/// One measure's growth model: score = intercept + intake_effect * intake + slope * session
/// + (slope shifts) + u0 + u1 * session + e, rounded and clamped to [0, max_score].
struct MeasureTruth {
  std::string measure;  // column name: "phq9" or "gad7"
  int max_score = 0;
  double intercept = 0;      // expected score at session 0 with intake 0
  double intake_effect = 0;  // per point of the intake score of the same measure
  double slope = 0;          // per session, for the reference approach and traits
  double sd_intercept = 0;
  double sd_slope = 0;
  double correlation = 0;
  double sigma = 0;               // residual SD before rounding
  double therapist_slope_sd = 0;  // SD of therapists' slope deviations
};

/// A shift of the per-session slope (negative = faster improvement) for clients who received
/// `approach` ("any" for all) and whose `trait` ("" for none) has `level`.
struct SlopeEffect {
  std::string approach;
  std::string trait;
  std::string level;
  double phq9 = 0;
  double gad7 = 0;
};

struct SimulationTruth {
  SimulationSpec spec;
  std::vector<MeasureTruth> measures;  // phq9, gad7
  std::vector<SlopeEffect> slope_effects;
  std::vector<double> therapist_phq9_slope;  // realised therapist deviations, by therapist
  std::vector<std::string> therapist_approach;
  double miss_probability = 0;                 // per scheduled session after the first
  double dropout_hazard = 0;                   // per attended session from the second
  double dropout_hazard_precontemplation = 0;  // added for precontemplation
  double dropout_hazard_high_distress = 0;     // added for high distress
  std::size_t rows = 0;                        // attended sessions written
  std::size_t dropouts = 0;                    // clients who left before their last session
};

/// Writes the CSV (header, then one row per attended session) to `csv` and returns the
/// truth. InvalidArgument when clients < 1 or sessions < 2.
Result<SimulationTruth> SimulatePractice(const SimulationSpec& spec, std::ostream& csv);

}  // namespace tessera::stats
