// Fitting and saving the practice's expected-response model (see expected_model.hpp).

#include "monitor/expected_model.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>

#include "json/object.hpp"

namespace tessera::monitor {

using Json = nlohmann::ordered_json;

const InstrumentModel* ExpectedModel::Find(const std::string& instrument) const {
  for (const InstrumentModel& model : instruments) {
    if (model.instrument == instrument) return &model;
  }
  return nullptr;
}

Result<ExpectedModel> FitExpectedModel(const std::vector<PracticeObservation>& observations) {
  std::vector<std::string> order;
  for (const PracticeObservation& row : observations) {
    if (row.session < 1)
      return InvalidArgument("client '" + row.client + "': session must be >= 1");
    if (!std::isfinite(row.score) || !std::isfinite(row.intake)) {
      return InvalidArgument("client '" + row.client + "': " + row.instrument +
                             " score and intake must be numbers");
    }
    if (std::find(order.begin(), order.end(), row.instrument) == order.end())
      order.push_back(row.instrument);
  }
  ExpectedModel model;
  for (const std::string& instrument : order) {
    InstrumentModel entry{.instrument = instrument};
    stats::GrowthDataBuilder builder(
        {"session", instrument, {"intake_" + instrument}, stats::TimeScale::kAsGiven});
    std::set<std::string> clients;
    for (const PracticeObservation& row : observations) {
      if (row.instrument != instrument) continue;
      const double intake[] = {row.intake};
      TRY(builder.Add(row.client, row.session, row.score, intake));
      clients.insert(row.client);
      entry.max_session = std::max(entry.max_session, row.session);
      CourseCell& cell = entry.course[static_cast<int>(std::lround(row.intake))][row.session];
      cell.count += 1;
      cell.sum += row.score;
      cell.sum_squares += row.score * row.score;
    }
    entry.clients = static_cast<int>(clients.size());
    Result<stats::GrowthData> data = builder.Finish();
    if (!data) {
      entry.fit_note = data.error().message();
    } else {
      Result<stats::GrowthFit> fit = stats::FitGrowthModel(*data);
      if (fit) {
        entry.fit = *fit;
      } else {
        entry.fit_note = fit.error().message();
      }
    }
    model.instruments.push_back(std::move(entry));
  }
  return model;
}

std::string ExpectedModelToJson(const ExpectedModel& model) {
  Json out;
  out["format"] = "tessera-expected-response";
  out["version"] = 1;
  Json instruments = Json::array();
  for (const InstrumentModel& entry : model.instruments) {
    Json item;
    item["instrument"] = entry.instrument;
    item["clients"] = entry.clients;
    item["max_session"] = entry.max_session;
    if (entry.fit) {
      const stats::GrowthFit& fit = *entry.fit;
      Json fixed = Json::array();
      for (const stats::FixedEffect& effect : fit.fixed) {
        fixed.push_back(
            {{"name", effect.name}, {"estimate", effect.estimate}, {"se", effect.standard_error}});
      }
      item["fit"] = {{"model", entry.instrument + " ~ session + intake_" + entry.instrument +
                                   " + (1 + session | client)"},
                     {"method", stats::EstimationMethodName(fit.method)},
                     {"time_scale", stats::TimeScaleName(fit.time_scale)},
                     {"fixed", fixed},
                     {"fixed_covariance", fit.fixed_covariance},
                     {"theta", fit.theta},
                     {"sigma", fit.sigma},
                     {"sd_intercept", fit.random.sd_intercept},
                     {"sd_slope", fit.random.sd_slope},
                     {"corr", fit.random.correlation},
                     {"converged", fit.convergence == stats::Convergence::kConverged},
                     {"n_obs", fit.observation_count}};
    } else {
      item["fit"] = nullptr;
      item["fit_note"] = entry.fit_note;
    }
    // course: [[intake, session, count, sum, sum_squares], ...] keeps the file compact.
    Json course = Json::array();
    for (const auto& [intake, sessions] : entry.course) {
      for (const auto& [session, cell] : sessions) {
        course.push_back({intake, session, cell.count, cell.sum, cell.sum_squares});
      }
    }
    item["course"] = std::move(course);
    instruments.push_back(std::move(item));
  }
  out["instruments"] = std::move(instruments);
  return out.dump(2) + "\n";
}

namespace {

// The expected-response model file is written by ExpectedModelToJson and read back through the
// one JSON layer (src/json): a hand-edited or truncated file is refused naming the field.
Result<std::vector<double>> Numbers(const JsonObject& object, std::string_view key,
                                    std::size_t count) {
  TRY_ASSIGN(JsonArray list, object.Array(key, JsonPresence::kRequired));
  if (list.size() != count)
    return object.Fail(key, "must hold " + std::to_string(count) + " numbers");
  std::vector<double> numbers;
  for (std::size_t index = 0; index < list.size(); ++index) {
    TRY_ASSIGN(double number, list.Number(index));
    numbers.push_back(number);
  }
  return numbers;
}

Result<stats::GrowthFit> ParseFit(const JsonObject& fit) {
  stats::GrowthFit out;
  TRY_ASSIGN(std::string scale, fit.String("time_scale"));
  Result<stats::TimeScale> time_scale = stats::ParseTimeScale(scale);
  if (!time_scale) return fit.Fail("time_scale", time_scale.error().message());
  out.time_scale = *time_scale;
  TRY_ASSIGN(std::string method, fit.Choice("method", {"ML", "REML"}));
  out.method =
      method == "ML" ? stats::EstimationMethod::kMaximumLikelihood : stats::EstimationMethod::kReml;
  TRY(fit.String("model"));
  TRY_ASSIGN(JsonArray fixed, fit.Array("fixed", JsonPresence::kRequired));
  // Intercept, session and intake, in that order.
  if (fixed.size() != 3) return fit.Fail("fixed", "must hold intercept, session and intake");
  for (std::size_t index = 0; index < fixed.size(); ++index) {
    TRY_ASSIGN(JsonObject effect, fixed.Object(index, {"name", "estimate", "se"}));
    stats::FixedEffect parsed;
    TRY_ASSIGN(parsed.name, effect.String("name"));
    TRY_ASSIGN(parsed.estimate, effect.Number("estimate"));
    TRY_ASSIGN(parsed.standard_error, effect.Number("se"));
    out.fixed.push_back(std::move(parsed));
  }
  TRY_ASSIGN(out.fixed_covariance, Numbers(fit, "fixed_covariance", 9));
  TRY_ASSIGN(std::vector<double> theta, Numbers(fit, "theta", 3));
  std::copy(theta.begin(), theta.end(), out.theta.begin());
  TRY_ASSIGN(out.sigma, fit.Number("sigma"));
  if (!(out.sigma > 0)) return fit.Fail("sigma", "must be > 0");
  TRY_ASSIGN(out.random.sd_intercept, fit.Number("sd_intercept"));
  TRY_ASSIGN(out.random.sd_slope, fit.Number("sd_slope"));
  TRY_ASSIGN(out.random.correlation, fit.Number("corr", -1, 1));
  TRY_ASSIGN(out.observation_count, fit.Integer("n_obs", 0));
  TRY_ASSIGN(bool converged, fit.Bool("converged"));
  out.convergence = converged ? stats::Convergence::kConverged : stats::Convergence::kNotConverged;
  return out;
}

Result<InstrumentModel> ParseInstrumentModel(const JsonObject& item) {
  InstrumentModel entry;
  TRY_ASSIGN(entry.instrument, item.String("instrument"));
  TRY_ASSIGN(entry.clients, item.Integer("clients", 0, std::numeric_limits<int>::max()));
  TRY_ASSIGN(entry.max_session, item.Integer("max_session", 0, std::numeric_limits<int>::max()));
  TRY_ASSIGN(std::optional<JsonObject> fit,
             item.OptionalObject(
                 "fit", {"model", "method", "time_scale", "fixed", "fixed_covariance", "theta",
                         "sigma", "sd_intercept", "sd_slope", "corr", "converged", "n_obs"}));
  if (fit) {
    TRY_ASSIGN(entry.fit, ParseFit(*fit));
  } else {
    TRY_ASSIGN(entry.fit_note, item.OptionalString("fit_note"));
  }
  TRY_ASSIGN(JsonArray course, item.Array("course"));
  for (std::size_t row = 0; row < course.size(); ++row) {
    // [intake, session, count, sum, sum_squares]
    const nlohmann::json& cell = course[row];
    if (!cell.is_array() || cell.size() != 5 || !cell[0].is_number_integer() ||
        !cell[1].is_number_integer() || !cell[2].is_number_integer() || !cell[3].is_number() ||
        !cell[4].is_number()) {
      return course.Fail(row, "expected [intake, session, count, sum, sum_squares]");
    }
    entry.course[cell[0].get<int>()][cell[1].get<int>()] = {
        cell[2].get<int>(), cell[3].get<double>(), cell[4].get<double>()};
  }
  return entry;
}

}  // namespace

Result<ExpectedModel> ParseExpectedModel(const std::string& json_text) {
  TRY_ASSIGN(const nlohmann::json document, ParseJson(json_text, "model"));
  TRY_ASSIGN(JsonObject root,
             JsonObject::Open(document, "model", {"format", "version", "instruments"}));
  if (!root.Has("format") || *root.Member("format") != "tessera-expected-response") {
    return root.Fail("format",
                     "must be \"tessera-expected-response\" (write it with `tessera fit "
                     "expected`)");
  }
  TRY(root.OptionalInteger("version", 1, 1));
  ExpectedModel model;
  TRY_ASSIGN(JsonArray instruments, root.Array("instruments", JsonPresence::kRequired));
  for (std::size_t index = 0; index < instruments.size(); ++index) {
    TRY_ASSIGN(JsonObject item, instruments.Object(index, {"instrument", "clients", "max_session",
                                                           "fit", "fit_note", "course"}));
    TRY_ASSIGN(InstrumentModel entry, ParseInstrumentModel(item));
    model.instruments.push_back(std::move(entry));
  }
  return model;
}

}  // namespace tessera::monitor
