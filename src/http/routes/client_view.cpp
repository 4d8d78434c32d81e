#include "http/routes/client_view.hpp"

#include <algorithm>
#include <iterator>
#include <string_view>

#include "http/json_body.hpp"

namespace tessera::http {
namespace {

using nlohmann::json;

// Clinician-only at any depth of any answer: the monitor's judgement and alerts, the planner's
// reasoning (fit scores and their reasons, explanations, excluded options, rankings, solver
// details), competence, the revisions and adaptations made from the monitor's proposals (with
// the alert kinds that prompted them) and the staff-only record ids that would reveal them. A
// version's `prompted_by` keeps only the client's own feedback for a client (PlanVersionJson).
constexpr std::string_view kClinicianOnly[] = {
    "monitoring", "alerts", "alert_id", "rationale", "reasons", "reason", "current_reason",
    "explanation", "fit", "fit_score", "excluded", "ranking", "revisions", "adaptations",
    "competence", "competence_gaps", "preference_gaps", "search_nodes", "bound", "objective",
    "proven_optimal", "switch_triggers", "switch_criteria", "referrals", "therapist",
    "lead_therapist", "assimilation_note", "proposals",
    // The planner's rules an adaptation overrode (technique names and why) and the reasons
    // given for status changes (in "reason", above) are the clinician's (issue 14).
    "rule_overrides",
    // Instrument flags name what the clinician must attend to (e.g. a risk item); the client
    // gets crisis information instead (measure_routes.cpp).
    "flags"};

bool IsClinicianOnly(std::string_view key) {
  return std::find(std::begin(kClinicianOnly), std::end(kClinicianOnly), key) !=
         std::end(kClinicianOnly);
}

void Strip(json& value) {
  if (value.is_object()) {
    for (auto field = value.begin(); field != value.end();) {
      if (IsClinicianOnly(field.key())) {
        field = value.erase(field);
      } else {
        Strip(*field);
        ++field;
      }
    }
  } else if (value.is_array()) {
    for (json& element : value) Strip(element);
  }
}

}  // namespace

json ClientView(json staff) {
  Strip(staff);
  return staff;
}

Response ClientViewResponse(Response response) {
  if (response.status < 200 || response.status >= 300 || response.body.empty() ||
      response.content_type.rfind("application/json", 0) != 0) {
    return response;
  }
  json body = json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) return response;
  response.body = DumpJson(ClientView(std::move(body)));
  return response;
}

}  // namespace tessera::http
