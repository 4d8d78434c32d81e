#pragma once
// What the monitor needs of a practice to form expectations: per outcome instrument, a growth
// model (score ~ session + intake, random intercept and slope) fitted on closed episodes, and
// the mean course by intake score for the "same intake +-1" rule. `tessera fit expected` saves
// it as JSON; the monitor reads it back.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "stats/growth_model.hpp"

namespace tessera::monitor {

/// One attended session of a closed practice episode.
struct PracticeObservation {
  std::string client;
  std::string instrument;
  double intake = 0;  // the client's intake score on the same instrument
  int session = 0;
  double score = 0;
};

/// Score moments of the clients with one intake score at one session.
struct CourseCell {
  int count = 0;
  double sum = 0;
  double sum_squares = 0;
};

struct InstrumentModel {
  std::string instrument;
  std::optional<stats::GrowthFit> fit;  // absent when the fit failed or data were too few
  std::string fit_note;                 // why there is no fit, when there is none
  int clients = 0;
  int max_session = 0;
  /// course[intake score][session]: for the same-intake +-1 mean course.
  std::map<int, std::map<int, CourseCell>> course;
};

struct ExpectedModel {
  std::vector<InstrumentModel> instruments;
  const InstrumentModel* Find(const std::string& instrument) const;
};

/// Fits every instrument present in `observations`. Fails (InvalidArgument) only on bad data
/// (session < 1, non-finite values); a growth fit that fails is recorded in fit_note and the
/// intake course is kept.
Result<ExpectedModel> FitExpectedModel(const std::vector<PracticeObservation>& observations);

/// JSON for `tessera fit expected --out`: format, per instrument the fit (fixed effects with
/// names, covariance, theta, sigma, time scale), counts and the course table.
std::string ExpectedModelToJson(const ExpectedModel& model);

/// Reads what ExpectedModelToJson wrote. InvalidArgument naming the field on bad input.
Result<ExpectedModel> ParseExpectedModel(const std::string& json_text);

}  // namespace tessera::monitor
