#include "app/simulated_intake.hpp"

#include <algorithm>
#include <sstream>

namespace tessera::app {

std::map<std::string, std::vector<SimulatedRow>> SimulatedClients(const std::string& csv) {
  std::istringstream in(csv);
  std::string line;
  std::vector<std::string> header;
  std::map<std::string, std::vector<SimulatedRow>> clients;
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::istringstream cells_in(line);
    for (std::string cell; std::getline(cells_in, cell, ',');) cells.push_back(cell);
    if (header.empty()) {
      header = cells;
      continue;
    }
    SimulatedRow row;
    for (std::size_t column = 0; column < header.size() && column < cells.size(); ++column) {
      row[header[column]] = cells[column];
    }
    clients[row.at("client_id")].push_back(std::move(row));
  }
  return clients;
}

ClientProfile ProfileFromIntake(const SimulatedRow& intake) {
  ClientProfile profile;
  const int phq9 = std::stoi(intake.at("intake_phq9"));
  const std::string severity = phq9 >= 15 ? "severe" : phq9 >= 10 ? "moderate" : "mild";
  const std::string& problem = intake.at("problem");
  if (problem != "generalised_anxiety")
    profile.problems.push_back({ProblemId("depression"), severity});
  if (problem != "depression")
    profile.problems.push_back({ProblemId("generalized_anxiety"), "moderate"});
  profile.traits = {{"reactance", intake.at("reactance")},
                    {"coping_style", intake.at("coping_style")},
                    {"distress", intake.at("distress")}};
  const std::string& stage = intake.at("stage_of_change");
  profile.stage_of_change = stage == "precontemplation" ? StageOfChange::kPrecontemplation
                            : stage == "contemplation"  ? StageOfChange::kContemplation
                            : stage == "preparation"    ? StageOfChange::kPreparation
                                                        : StageOfChange::kAction;
  profile.goals = {"feel more like myself", "get back to work"};
  profile.risks = {"suicidality:none"};
  return profile;
}

std::vector<ItemAnswer> Phq9ItemsAddingUpTo(int total, bool endorse_item9) {
  int item9 = endorse_item9 ? 1 : 0;
  if (total - item9 > 24) item9 = total - 24;
  if (item9 > total) item9 = total;
  int remaining = total - item9;
  std::vector<ItemAnswer> answers;
  for (int item = 1; item <= 8; ++item) {
    const int value = std::min(3, (remaining + (8 - item)) / (9 - item));
    answers.push_back({std::to_string(item), value});
    remaining -= value;
  }
  answers.push_back({"9", item9});
  return answers;
}

}  // namespace tessera::app
