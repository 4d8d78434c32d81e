#pragma once

#include <set>
// The clinical route families of issue 7 that run use cases from src/app: instrument and
// catalogue reads, measure administrations, plans, alerts and practice statistics. Each family
// is one file (instrument_routes.cpp, catalog_routes.cpp, measure_routes.cpp, plan_routes.cpp,
// alert_routes.cpp, statistics_routes.cpp); handlers only translate JSON <-> use-case types.

#include "app/clinical_library.hpp"
#include "app/monitoring.hpp"
#include "core/clock.hpp"
#include "http/crisis_information.hpp"
#include "http/pagination.hpp"
#include "http/router.hpp"
#include "http/store_backed/store_pool.hpp"

namespace tessera::http {

/// What the clinical handlers share. Everything referenced must outlive the route table.
struct ClinicalRouteDeps {
  StorePool& stores;  // store_backed/store_pool.hpp, shared with the record routes
  const app::ClinicalLibrary& library;
  app::EpisodeMonitor* monitor;  // may be null: submissions are then not monitored
  const Clock& clock;
  PageLimits pages;
  /// Shown on a client's own receipt when their answers endorse a risk item.
  CrisisInformation crisis{};
  /// The web app's address as clients reach it (ServerConfig::PublicUrl): reminder links.
  std::string public_url = "http://127.0.0.1:8080";
  /// Instruments whose text their licence withholds that the clinic holds a licence for
  /// ([fhir] licensed_instruments): offered over FHIR (fhir/questionnaire.hpp, IsOffered).
  std::set<std::string> licensed_instruments{};
};

/// GET /api/v1/instruments, GET /api/v1/instruments/{instrument_id}. Any role.
Status AddInstrumentRoutes(RouteTable& table, const ClinicalRouteDeps& deps);
/// GET /api/v1/catalog/{models,techniques,integrative-models,problems}[/{id}]. Staff roles.
Status AddCatalogRoutes(RouteTable& table, const ClinicalRouteDeps& deps);
/// POST and GET /api/v1/clients/{client_id}/sessions/{session_id}/measures, GET
/// /api/v1/clients/{client_id}/measures. Staff roles; the store checks the care team.
Status AddMeasureRoutes(RouteTable& table, const ClinicalRouteDeps& deps);
/// Plans: create, list, view, versions, choices, sign-offs, adaptations.
Status AddPlanRoutes(RouteTable& table, const ClinicalRouteDeps& deps);
/// GET /api/v1/alerts; POST acknowledgements (one or many) and resolutions.
Status AddAlertRoutes(RouteTable& table, const ClinicalRouteDeps& deps);
/// GET /api/v1/monitor/expected-model (staff), POST .../expected-model/refits (admin).
Status AddMonitorRoutes(RouteTable& table, const ClinicalRouteDeps& deps);
/// GET /api/v1/notifications, POST /api/v1/notifications/{notification_id}/read.
Status AddNotificationRoutes(RouteTable& table, const ClinicalRouteDeps& deps);
/// Reminder contact (GET, PUT), remind now (POST) and the outbox (GET) under
/// /api/v1/clients/{client_id}/, and GET /api/v1/reminders (admins). reminder_routes.cpp.
Status AddReminderRoutes(RouteTable& table, const ClinicalRouteDeps& deps);
/// GET /api/v1/caseload.
Status AddCaseloadRoutes(RouteTable& table, const ClinicalRouteDeps& deps);
/// GET/PUT /api/v1/clients/{client_id}/episodes/{episode_id}/schedule (staff), GET
/// /api/v1/clients/{client_id}/due (staff and the client's own account).
Status AddScheduleRoutes(RouteTable& table, const ClinicalRouteDeps& deps);
/// PUT /api/v1/clients/{client_id}/episodes/{episode_id}/progress-sharing (staff), GET
/// /api/v1/clients/{client_id}/progress (staff and the client's own account).
/// routes/progress_sharing_routes.cpp.
Status AddProgressSharingRoutes(RouteTable& table, const ClinicalRouteDeps& deps);
/// GET /api/v1/statistics/practice.
Status AddStatisticsRoutes(RouteTable& table, const ClinicalRouteDeps& deps);

/// GET /api/v1/clients/{client_id}/episodes/{episode_id}/course: scores against the monitor's
/// expected band per session (routes/course_routes.cpp). Staff roles.
Status AddCourseRoutes(RouteTable& table, const ClinicalRouteDeps& deps);

/// FHIR R4 under /fhir/R4 (routes/fhir_*_routes.cpp; docs/fhir.md): metadata,
/// Questionnaire, Patient, Practitioner, CareTeam, QuestionnaireResponse, Observation.
Status AddFhirRoutes(RouteTable& table, const ClinicalRouteDeps& deps);

/// All of the above.
Status AddClinicalRoutes(RouteTable& table, const ClinicalRouteDeps& deps);

}  // namespace tessera::http
