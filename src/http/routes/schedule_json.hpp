#pragma once
// The JSON of what is due for a client (routes/schedule_routes.cpp), shared with the caseload.

#include <optional>

#include <nlohmann/json.hpp>

#include "app/measurement_schedules.hpp"
#include "app/shared_progress.hpp"

namespace tessera::http {

/// null when there is nothing to say (no open episode).
nlohmann::json DueJson(const std::optional<app::DueQuestionnaires>& due);

/// The client's progress as the client may see it (component SharedProgress), already mapped
/// by ClientView: the progress route and the questionnaire-link receipt answer with it.
nlohmann::json SharedProgressJson(ClientId client, const app::SharedProgress& progress);

}  // namespace tessera::http
