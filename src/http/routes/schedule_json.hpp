#pragma once
// The JSON of what is due for a client (routes/schedule_routes.cpp), shared with the caseload.

#include <optional>

#include <nlohmann/json.hpp>

#include "app/measurement_schedules.hpp"

namespace tessera::http {

/// null when there is nothing to say (no open episode).
nlohmann::json DueJson(const std::optional<app::DueQuestionnaires>& due);

}  // namespace tessera::http
