// Every route family over the clinical store, registered in one place.

#include "http/routes/routes.hpp"

namespace tessera::http {

Status AddStoreRoutes(RouteTable& table, const StoreRoutes& routes,
                      const AccountSecurity& security) {
  TRY(AddUserRoutes(table, routes, security));
  TRY(AddAccountSecurityRoutes(table, routes, security));
  TRY(AddTherapistRoutes(table, routes));
  TRY(AddClientRoutes(table, routes));
  TRY(AddCareTeamRoutes(table, routes));
  TRY(AddTeamRoutes(table, routes));
  TRY(AddEpisodeRoutes(table, routes));
  TRY(AddSessionRoutes(table, routes));
  TRY(AddProgressNoteRoutes(table, routes));
  TRY(AddPsychotherapyNoteRoutes(table, routes));
  TRY(AddConsultationRoutes(table, routes));
  TRY(AddBreakGlassRoutes(table, routes));
  TRY(AddAuditRoutes(table, routes));
  TRY(AddClientSummaryRoutes(table, routes));
  return Ok();
}

}  // namespace tessera::http
