#include "app/measure_corrections.hpp"

#include <vector>

namespace tessera::app {
namespace {

// The current administration being corrected or voided (a superseded one, or a void, is not
// current: it was already replaced).
Result<MeasureAdministration> FindCurrent(Store& store, const AccessContext& context,
                                          ClientId client, AdministrationId id) {
  TRY_ASSIGN(std::vector<MeasureAdministration> current,
             store.ListAdministrations(context, client, Versions::kCurrentOnly));
  for (MeasureAdministration& administration : current)
    if (administration.id == id) return std::move(administration);
  TRY_ASSIGN(std::vector<MeasureAdministration> all,
             store.ListAdministrations(context, client, Versions::kWithHistory));
  for (const MeasureAdministration& administration : all)
    if (administration.id == id)
      return Conflict("administration " + std::to_string(id.value()) +
                      " was already corrected or voided (or is a void); correct the current "
                      "version");
  return NotFound("administration " + std::to_string(id.value()) + " not found");
}

Status RequireReason(const std::string& reason) {
  if (reason.empty()) return InvalidArgument("field 'reason': must not be empty");
  return Ok();
}

}  // namespace

Result<SubmissionResult> CorrectAdministration(Store& store, const AccessContext& context,
                                               const ClinicalLibrary& library,
                                               EpisodeMonitor* monitor, const Clock& clock,
                                               const CorrectionRequest& request) {
  TRY(RequireReason(request.reason));
  SubmissionResult result;
  TRY(store.Atomically([&]() -> Status {
    TRY_ASSIGN(MeasureAdministration original,
               FindCurrent(store, context, request.client, request.administration));
    if (!original.session)
      return InvalidArgument("administration " + std::to_string(request.administration.value()) +
                             " belongs to no session; only a session's measures can be corrected");
    AdministrationRequest corrected{request.client, *original.session, original.instrument.value(),
                                    request.answers, request.total};
    TRY_ASSIGN(PreparedSubmission prepared, PrepareSubmission(library, clock, corrected));
    prepared.administration.supersedes = original.id;
    prepared.administration.reason = request.reason;
    TRY_ASSIGN(result, StoreSubmission(store, context, monitor, std::move(prepared)));
    return Ok();
  }));
  return result;
}

Result<MeasureAdministration> VoidAdministration(Store& store, const AccessContext& context,
                                                 ClientId client, AdministrationId administration,
                                                 const std::string& reason) {
  TRY(RequireReason(reason));
  MeasureAdministration voided;
  TRY(store.Atomically([&]() -> Status {
    TRY_ASSIGN(MeasureAdministration original, FindCurrent(store, context, client, administration));
    voided.client = client;
    voided.session = original.session;
    voided.instrument = original.instrument;
    voided.administered_at = original.administered_at;
    voided.entry = AdministrationEntry::kVoid;
    voided.reason = reason;
    voided.supersedes = original.id;
    TRY_ASSIGN(const AdministrationId id, store.RecordAdministration(context, voided));
    // Returned as stored (its submission time is the store's).
    TRY_ASSIGN(std::vector<MeasureAdministration> all,
               store.ListAdministrations(context, client, Versions::kWithHistory));
    for (MeasureAdministration& stored : all)
      if (stored.id == id) voided = std::move(stored);
    return Ok();
  }));
  return voided;
}

}  // namespace tessera::app
