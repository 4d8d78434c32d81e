#include "app/measure_submission.hpp"

#include <algorithm>

#include "app/episode_records.hpp"

namespace tessera::app {
namespace {

// Puts answers given by item id into the instrument's item order, refusing unknown and
// missing items so a typo in an item id is named rather than scored as a blank.
Result<std::vector<measures::Answer>> OrderAnswers(
    const measures::Instrument& instrument,
    const std::map<std::string, std::optional<double>>& answers) {
  for (const auto& [item, value] : answers) {
    if (instrument.FindItem(item) == nullptr) {
      return InvalidArgument("answers: item '" + item + "' is not an item of " +
                             instrument.short_name);
    }
  }
  std::vector<measures::Answer> ordered;
  ordered.reserve(instrument.items.size());
  for (const measures::Item& item : instrument.items) {
    const auto found = answers.find(item.id);
    if (found == answers.end()) {
      return InvalidArgument("answers: item '" + item.id + "' of " + instrument.short_name +
                             " is missing (give null for a skipped item)");
    }
    ordered.push_back(found->second);
  }
  return ordered;
}

Result<Session> FindSession(Store& store, const AccessContext& context, ClientId client,
                            SessionId session) {
  TRY_ASSIGN(std::vector<Session> sessions,
             store.ListSessions(context, client, Versions::kCurrentOnly));
  for (const Session& candidate : sessions) {
    if (candidate.id == session) return candidate;
  }
  return NotFound("session " + std::to_string(session.value()) + " not found");
}

}  // namespace

Result<PreparedSubmission> PrepareSubmission(const ClinicalLibrary& library, const Clock& clock,
                                             const AdministrationRequest& request) {
  // An unknown id in a request body is bad input (400), not a missing resource.
  auto found = library.instruments.Get(request.instrument);
  if (!found) return InvalidArgument("instrument: " + found.error().message());
  const measures::Instrument* instrument = *found;
  if (request.answers.has_value() == request.total.has_value()) {
    return InvalidArgument("give exactly one of 'answers' (by item) and 'total'");
  }
  // Everything that can be checked without the store is checked before the transaction.
  PreparedSubmission prepared;
  SubmissionResult& result = prepared.result;
  MeasureAdministration& administration = prepared.administration;
  administration.client = request.client;
  administration.session = request.session;
  administration.instrument = InstrumentId(instrument->id);
  // Dated by its session when stored (issue 16); entered now.
  administration.dating = AdministrationDating::kBySession;
  administration.submitted_at = clock.Now();
  administration.administered_at = administration.submitted_at;
  if (request.answers) {
    TRY_ASSIGN(std::vector<measures::Answer> ordered, OrderAnswers(*instrument, *request.answers));
    TRY_ASSIGN(measures::ScoreResult score, measures::Score(*instrument, ordered));
    for (std::size_t item_idx = 0; item_idx < ordered.size(); ++item_idx) {
      administration.answers.push_back({instrument->items[item_idx].id, ordered[item_idx]});
    }
    if (score.total) administration.total = score.total->score;
    for (const measures::ScaleScore& subscale : score.subscales) {
      administration.subscales[subscale.id] = subscale.score;
    }
    for (const measures::RaisedFlag& flag : score.flags) administration.flags.push_back(flag.id);
    result.score = std::move(score);
  } else {
    // A total scored elsewhere must be one the instrument can produce (issue 16: a PHQ-9 of
    // 12.5 was stored and raised an alert).
    TRY(measures::CheckPossibleTotal(*instrument, "total", *request.total));
    administration.total = *request.total;
  }
  result.total = administration.total;
  if (administration.total) {
    administration.band = measures::BandFor(*instrument, *administration.total).value_or("");
  }
  result.band = administration.band;
  return prepared;
}

Result<SubmissionResult> StoreSubmission(Store& store, const AccessContext& context,
                                         EpisodeMonitor* monitor, PreparedSubmission prepared) {
  SubmissionResult& result = prepared.result;
  MeasureAdministration& administration = prepared.administration;
  const ClientId client = administration.client;
  const SessionId session = *administration.session;
  TRY(store.Atomically([&]() -> Status {
    // Recording first checks access and that the session is this client's; the episode read
    // then includes the new administration and fails (rolling it back) for a session that is
    // not current.
    TRY_ASSIGN(result.administration, store.RecordAdministration(context, administration));
    administration.id = result.administration;
    std::vector<AlertDraft> drafts;
    if (monitor != nullptr) {
      // The monitor judges the whole episode, risk items and alliance included, so its
      // alerts replace the instrument's own flags rather than repeat them.
      TRY_ASSIGN(SessionEpisode read,
                 ReadSessionEpisode(store, context, client, session));
      result.episode = read.input.episode;
      TRY_ASSIGN(result.monitoring, monitor->Review(read.input));
      // The monitor judges the session, so a second questionnaire in the same session yields
      // the session's alerts again; an alert already raised for this session is not repeated.
      for (const AlertDraft& draft : result.monitoring.alerts) {
        const bool repeated =
            std::any_of(read.session_alerts.begin(), read.session_alerts.end(),
                        [&](const Alert& alert) {
                          return alert.kind == draft.kind && alert.detail == draft.detail;
                        });
        if (!repeated) drafts.push_back(draft);
      }
    } else {
      TRY_ASSIGN(Session session, FindSession(store, context, client, session));
      result.episode = session.episode;
      if (result.score) {
        // Without a monitor the instrument's flags (an endorsed risk item, an alliance concern)
        // are raised as they are: the data file says they need a clinician's attention.
        for (const measures::RaisedFlag& flag : result.score->flags) {
          drafts.push_back({"flag:" + flag.id, flag.message});
        }
      }
    }
    result.alerts.clear();
    for (const AlertDraft& draft : drafts) {
      Alert alert;
      alert.client = client;
      alert.kind = draft.kind;
      alert.raised_at = administration.submitted_at;
      alert.detail = draft.detail;
      alert.administration = result.administration;
      TRY_ASSIGN(AlertId id, store.RaiseAlert(context, alert));
      result.alerts.push_back({id, draft.kind, draft.detail});
    }
    return Ok();
  }));
  return std::move(result);
}

Result<SubmissionResult> SubmitAdministration(Store& store, const AccessContext& context,
                                              const ClinicalLibrary& library,
                                              EpisodeMonitor* monitor, const Clock& clock,
                                              const AdministrationRequest& request) {
  TRY_ASSIGN(PreparedSubmission prepared, PrepareSubmission(library, clock, request));
  return StoreSubmission(store, context, monitor, std::move(prepared));
}

}  // namespace tessera::app
