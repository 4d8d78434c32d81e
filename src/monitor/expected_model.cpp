// Fitting and saving the practice's expected-response model (see expected_model.hpp).

#include "monitor/expected_model.hpp"

#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

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

stats::GrowthFit ParseFit(const Json& fit, const std::string& where) {
  stats::GrowthFit out;
  const Json& scale = fit.at("time_scale");
  Result<stats::TimeScale> time_scale = stats::ParseTimeScale(scale.get<std::string>());
  if (!time_scale)
    throw std::invalid_argument(where + ".time_scale: " + time_scale.error().message());
  out.time_scale = *time_scale;
  out.method = fit.at("method").get<std::string>() == "ML"
                   ? stats::EstimationMethod::kMaximumLikelihood
                   : stats::EstimationMethod::kReml;
  for (const Json& effect : fit.at("fixed")) {
    out.fixed.push_back({effect.at("name").get<std::string>(), effect.at("estimate").get<double>(),
                         effect.at("se").get<double>()});
  }
  if (out.fixed.size() != 3)
    throw std::invalid_argument(where + ".fixed: must hold intercept, session and intake");
  out.fixed_covariance = fit.at("fixed_covariance").get<std::vector<double>>();
  if (out.fixed_covariance.size() != 9)
    throw std::invalid_argument(where + ".fixed_covariance: must hold 3 x 3 values");
  out.theta = fit.at("theta").get<std::array<double, 3>>();
  out.sigma = fit.at("sigma").get<double>();
  if (!(out.sigma > 0)) throw std::invalid_argument(where + ".sigma: must be > 0");
  out.random = {fit.at("sd_intercept").get<double>(), fit.at("sd_slope").get<double>(),
                fit.at("corr").get<double>()};
  out.observation_count = fit.at("n_obs").get<std::size_t>();
  out.convergence = fit.at("converged").get<bool>() ? stats::Convergence::kConverged
                                                    : stats::Convergence::kNotConverged;
  return out;
}

}  // namespace

Result<ExpectedModel> ParseExpectedModel(const std::string& json_text) {
  ExpectedModel model;
  std::string where = "model";
  try {
    const Json root = Json::parse(json_text);
    if (!root.contains("format") || root.at("format") != "tessera-expected-response") {
      return InvalidArgument(
          "model: format must be \"tessera-expected-response\" (write it with `tessera fit "
          "expected`)");
    }
    const Json& instruments = root.at("instruments");
    for (std::size_t index = 0; index < instruments.size(); ++index) {
      where = "model.instruments[" + std::to_string(index) + "]";
      const Json& item = instruments.at(index);
      InstrumentModel entry;
      entry.instrument = item.at("instrument").get<std::string>();
      entry.clients = item.at("clients").get<int>();
      entry.max_session = item.at("max_session").get<int>();
      if (item.at("fit").is_null()) {
        entry.fit_note = item.value("fit_note", "");
      } else {
        entry.fit = ParseFit(item.at("fit"), where + ".fit");
      }
      for (const Json& cell : item.at("course")) {
        if (!cell.is_array() || cell.size() != 5)
          throw std::invalid_argument(
              where + ".course: rows are [intake, session, count, sum, sum_squares]");
        entry.course[cell[0].get<int>()][cell[1].get<int>()] = {
            cell[2].get<int>(), cell[3].get<double>(), cell[4].get<double>()};
      }
      model.instruments.push_back(std::move(entry));
    }
  } catch (const std::invalid_argument& error) {
    return InvalidArgument(error.what());
  } catch (const Json::exception& error) {
    return InvalidArgument(where + ": " + error.what());
  }
  return model;
}

}  // namespace tessera::monitor
