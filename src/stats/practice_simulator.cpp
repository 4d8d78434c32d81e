#include "stats/practice_simulator.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <ostream>
#include <string_view>

#include "stats/random_source.hpp"

namespace tessera::stats {
namespace {

constexpr std::array<std::string_view, 5> kApproaches = {"cognitive_behavioural",
                                                         "behavioural_activation", "interpersonal",
                                                         "psychodynamic", "person_centred"};
constexpr std::array<std::string_view, 3> kProblems = {"depression", "generalised_anxiety",
                                                       "mixed_anxiety_depression"};
constexpr std::array<double, 3> kProblemWeights = {0.4, 0.3, 0.3};
// Intake means by problem (PHQ-9, GAD-7), SD 4 each; invented for simulation.
constexpr std::array<double, 3> kIntakePhq9Mean = {17, 11, 15};
constexpr std::array<double, 3> kIntakeGad7Mean = {10, 15, 13};
constexpr double kIntakeSd = 4;

struct Trait {
  std::string_view name;
  std::array<std::string_view, 4> levels;
  std::array<double, 4> weights;  // 0 for unused levels
};
constexpr std::array<Trait, 4> kTraits = {{
    {"reactance", {"low", "high", "", ""}, {0.7, 0.3, 0, 0}},
    {"coping_style", {"internalising", "externalising", "", ""}, {0.5, 0.5, 0, 0}},
    {"distress", {"low", "moderate", "high", ""}, {0.3, 0.4, 0.3, 0}},
    {"stage_of_change",
     {"precontemplation", "contemplation", "preparation", "action"},
     {0.1, 0.3, 0.35, 0.25}},
}};

SimulationTruth MakeTruth(const SimulationSpec& spec) {
  SimulationTruth truth;
  truth.spec = spec;
  const bool stated = spec.heterogeneity == Heterogeneity::kStated;
  truth.measures = {
      {"phq9", 27, 2.0, 0.85, -0.6, 2.5, 0.3, -0.3, 2.0, stated ? 0.1 : 0.0},
      {"gad7", 21, 1.5, 0.85, -0.5, 2.2, 0.25, -0.2, 1.8, stated ? 0.08 : 0.0},
  };
  if (stated) {
    // Echoes the direction of the Systematic Treatment Selection principles
    // (clinical/FACTS.md) with invented sizes: directive approaches are slower for highly
    // reactant clients, symptom-focused ones faster for externalisers, insight-oriented ones
    // faster for internalisers, and precontemplation slows everything.
    truth.slope_effects = {
        {"interpersonal", "", "", 0.05, 0.04},
        {"psychodynamic", "", "", 0.10, 0.08},
        {"person_centred", "", "", 0.10, 0.08},
        {"cognitive_behavioural", "reactance", "high", 0.20, 0.16},
        {"behavioural_activation", "reactance", "high", 0.20, 0.16},
        {"person_centred", "reactance", "high", -0.15, -0.12},
        {"cognitive_behavioural", "coping_style", "externalising", -0.15, -0.12},
        {"behavioural_activation", "coping_style", "externalising", -0.15, -0.12},
        {"psychodynamic", "coping_style", "internalising", -0.20, -0.16},
        {"interpersonal", "coping_style", "internalising", -0.10, -0.08},
        {"any", "stage_of_change", "precontemplation", 0.25, 0.20},
    };
  }
  if (spec.attendance == AttendancePattern::kRealistic) {
    truth.miss_probability = 0.1;
    truth.dropout_hazard = 0.03;
    truth.dropout_hazard_precontemplation = 0.04;
    truth.dropout_hazard_high_distress = 0.02;
  }
  return truth;
}

int ClampedScore(double value, int max_score) {
  return static_cast<int>(std::clamp(std::round(value), 0.0, static_cast<double>(max_score)));
}

void Append(std::string& buffer, long long value) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  buffer.append(digits, end);
}

void AppendId(std::string& buffer, char prefix, std::size_t value, int width) {
  buffer.push_back(prefix);
  const std::string digits = std::to_string(value);
  for (int pad = static_cast<int>(digits.size()); pad < width; ++pad) buffer.push_back('0');
  buffer.append(digits);
}

}  // namespace

Result<SimulationTruth> SimulatePractice(const SimulationSpec& spec, std::ostream& csv) {
  if (spec.clients < 1) return InvalidArgument("clients: must be at least 1");
  if (spec.sessions < 2) return InvalidArgument("sessions: must be at least 2");
  SimulationTruth truth = MakeTruth(spec);
  RandomSource random(spec.seed);

  const std::size_t therapist_count = std::max<std::size_t>(1, (spec.clients + 19) / 20);
  std::vector<std::size_t> therapist_approach(therapist_count);
  std::vector<std::array<double, 2>> therapist_slope(therapist_count);
  for (std::size_t therapist = 0; therapist < therapist_count; ++therapist) {
    therapist_approach[therapist] = random.UniformInteger(kApproaches.size());
    for (std::size_t measure = 0; measure < 2; ++measure) {
      therapist_slope[therapist][measure] =
          random.Normal(0, truth.measures[measure].therapist_slope_sd);
    }
    truth.therapist_approach.emplace_back(kApproaches[therapist_approach[therapist]]);
    truth.therapist_phq9_slope.push_back(therapist_slope[therapist][0]);
  }

  csv << "client_id,therapist_id,approach,problem,reactance,coping_style,distress,"
         "stage_of_change,intake_phq9,intake_gad7,session,phq9,gad7\n";
  const int id_width = static_cast<int>(std::to_string(spec.clients).size());
  const int therapist_width = static_cast<int>(std::to_string(therapist_count).size());
  std::string buffer;
  std::string prefix;
  for (std::size_t client = 1; client <= spec.clients; ++client) {
    const std::size_t therapist = random.UniformInteger(therapist_count);
    const std::string_view approach = kApproaches[therapist_approach[therapist]];
    const std::size_t problem = random.Categorical(kProblemWeights);
    std::array<std::size_t, kTraits.size()> level{};
    for (std::size_t trait = 0; trait < kTraits.size(); ++trait) {
      level[trait] = random.Categorical(kTraits[trait].weights);
    }
    const std::array<int, 2> intake = {
        ClampedScore(random.Normal(kIntakePhq9Mean[problem], kIntakeSd), 27),
        ClampedScore(random.Normal(kIntakeGad7Mean[problem], kIntakeSd), 21)};

    std::array<double, 2> intercept{}, slope{};
    for (std::size_t measure = 0; measure < 2; ++measure) {
      const MeasureTruth& m = truth.measures[measure];
      // (u0, u1) = Cholesky factor of Sigma times two independent standard normals.
      const double z0 = random.Normal(), z1 = random.Normal();
      const double u0 = m.sd_intercept * z0;
      const double u1 =
          m.sd_slope * (m.correlation * z0 + std::sqrt(1 - m.correlation * m.correlation) * z1);
      intercept[measure] = m.intercept + m.intake_effect * intake[measure] + u0;
      slope[measure] = m.slope + therapist_slope[therapist][measure] + u1;
      for (const SlopeEffect& effect : truth.slope_effects) {
        if (effect.approach != "any" && effect.approach != approach) continue;
        bool applies = effect.trait.empty();
        for (std::size_t trait = 0; trait < kTraits.size() && !applies; ++trait) {
          applies = effect.trait == kTraits[trait].name &&
                    effect.level == kTraits[trait].levels[level[trait]];
        }
        if (applies) slope[measure] += measure == 0 ? effect.phq9 : effect.gad7;
      }
    }

    prefix.clear();
    AppendId(prefix, 'c', client, id_width);
    prefix.push_back(',');
    AppendId(prefix, 't', therapist + 1, therapist_width);
    prefix.push_back(',');
    prefix.append(approach).push_back(',');
    prefix.append(kProblems[problem]).push_back(',');
    for (std::size_t trait = 0; trait < kTraits.size(); ++trait) {
      prefix.append(kTraits[trait].levels[level[trait]]).push_back(',');
    }
    Append(prefix, intake[0]);
    prefix.push_back(',');
    Append(prefix, intake[1]);
    prefix.push_back(',');

    const bool precontemplation = level[3] == 0;
    const bool high_distress = level[2] == 2;
    const bool full = spec.attendance == AttendancePattern::kFull;
    const double hazard = full
                              ? 0.0
                              : truth.dropout_hazard +
                                    (precontemplation ? truth.dropout_hazard_precontemplation : 0) +
                                    (high_distress ? truth.dropout_hazard_high_distress : 0);
    for (int session = 1; session <= spec.sessions; ++session) {
      // Every client attends the first session; later ones may be missed.
      const bool attended = session == 1 || full || !random.Bernoulli(truth.miss_probability);
      const std::array<double, 2> noise = {random.Normal(), random.Normal()};
      if (attended) {
        buffer.append(prefix);
        Append(buffer, session);
        for (std::size_t measure = 0; measure < 2; ++measure) {
          const MeasureTruth& m = truth.measures[measure];
          const double value =
              intercept[measure] + slope[measure] * session + m.sigma * noise[measure];
          buffer.push_back(',');
          Append(buffer, ClampedScore(value, m.max_score));
        }
        buffer.push_back('\n');
        ++truth.rows;
      }
      if (!full && session < spec.sessions && session >= 2 && attended &&
          random.Bernoulli(hazard)) {
        ++truth.dropouts;
        break;
      }
    }
    if (buffer.size() > (1u << 20)) {
      csv.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      buffer.clear();
    }
  }
  csv.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  if (!csv) return Unavailable("simulate: writing the CSV failed");
  return truth;
}

}  // namespace tessera::stats
