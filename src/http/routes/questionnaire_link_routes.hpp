#pragma once
// Questionnaire links over HTTP (routes/questionnaire_link_routes.cpp; docs/schedules.md).

#include "app/questionnaire_links.hpp"
#include "http/routes/clinical_routes.hpp"
#include "http/security/login_rate_limiter.hpp"

namespace tessera::http {

/// Everything referenced must outlive the route table.
struct QuestionnaireLinkDeps {
  const ClinicalRouteDeps& clinical;
  app::QuestionnaireLinkSettings settings;
};

/// POST/GET /api/v1/clients/{client_id}/questionnaire-links, POST .../{link_id}/revocations
/// (staff); POST /api/v1/questionnaire-link/forms and /submissions (public, token in the body),
/// rate limited by a limiter of their own (the login limiter's rules, in memory): per token
/// and source address 5 refusals then growing waits, per source address 100 refusals an hour.
Status AddQuestionnaireLinkRoutes(RouteTable& table, const QuestionnaireLinkDeps& deps);

}  // namespace tessera::http
