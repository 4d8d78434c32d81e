#include "app/measure_submission.hpp"

#include <algorithm>
#include <map>

#include "app/alert_lifecycle.hpp"
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

// The session's administrations (the latest per instrument, as the monitor counts them) and,
// per instrument, its administration in the latest earlier session of the episode.
ReviewedSession ReviewedSessionOf(const SessionEpisode& read, SessionId session) {
  ReviewedSession reviewed;
  reviewed.alerts = &read.episode_alerts;
  std::map<std::int64_t, std::size_t> position;  // session id -> index, by date
  for (std::size_t index = 0; index < read.input.sessions.size(); ++index) {
    position[read.input.sessions[index].id.value()] = index;
  }
  const std::size_t current = position.contains(session.value()) ? position.at(session.value()) : 0;
  std::map<std::string, std::pair<std::size_t, const MeasureAdministration*>> previous;
  for (const MeasureAdministration& administration : read.input.administrations) {
    if (!administration.session || !position.contains(administration.session->value())) continue;
    const std::size_t at = position.at(administration.session->value());
    if (at == current) {
      reviewed.session_administrations.push_back(administration);
    } else if (at < current) {
      auto& kept = previous[administration.instrument.value()];
      if (kept.second == nullptr || at >= kept.first) kept = {at, &administration};
    }
  }
  for (const auto& [instrument, kept] : previous)
    reviewed.previous_administrations.push_back(*kept.second);
  return reviewed;
}

// Applies the monitor's alerts of the reviewed session by the alert lifecycle and reports each
// change in `result.alerts`. Automatic changes are recorded as handlings by the submission's
// actor, at the administration's time.
Status ApplyAlertLifecycle(Store& store, const AccessContext& context, const SessionEpisode& read,
                           const MeasureAdministration& administration, SubmissionResult& result) {
  const ReviewedSession reviewed = ReviewedSessionOf(read, *administration.session);
  std::vector<TriggerDraft> drafts;
  for (const AlertDraft& draft : result.monitoring.alerts) {
    TriggerDraft trigger{draft, administration.id};
    for (const MeasureAdministration& given : reviewed.session_administrations) {
      if (!draft.instrument.empty() && given.instrument.value() == draft.instrument) {
        trigger.administration = given.id;
      }
    }
    if (draft.kind == "risk_item" && draft.instrument == administration.instrument.value()) {
      result.risk_endorsed = true;
    }
    drafts.push_back(std::move(trigger));
  }
  const auto kind_of = [&read](AlertId id) {
    for (const Alert& alert : read.episode_alerts) {
      if (alert.id == id) return std::pair{alert.kind, CurrentSeverity(alert)};
    }
    return std::pair{std::string(), std::string()};
  };
  for (const AlertChange& change : PlanAlertChanges(reviewed, drafts)) {
    const AlertDraft& draft = change.trigger.draft;
    const AlertTrigger trigger{change.trigger.administration, administration.administered_at,
                               draft.severity, draft.level, draft.detail};
    switch (change.type) {
      case AlertChange::Type::kRaise: {
        Alert alert;
        alert.client = administration.client;
        alert.kind = draft.kind;
        alert.raised_at = administration.administered_at;
        alert.detail = draft.detail;
        alert.administration = change.trigger.administration;
        alert.episode = result.episode;
        alert.instrument = draft.instrument;
        alert.severity = draft.severity;
        alert.triggers.push_back(trigger);
        TRY_ASSIGN(AlertId id, store.RaiseAlert(context, alert));
        result.alerts.push_back({id, draft.kind, draft.detail, draft.severity, "raised"});
        break;
      }
      case AlertChange::Type::kAddTrigger:
        TRY(store.AddAlertTrigger(context, *change.alert, trigger));
        result.alerts.push_back(
            {*change.alert, draft.kind, draft.detail, draft.severity, "updated"});
        break;
      case AlertChange::Type::kReopen:
      case AlertChange::Type::kAutoResolve: {
        const bool reopen = change.type == AlertChange::Type::kReopen;
        TRY(store.HandleAlert(
            context, *change.alert,
            {context.actor.value_or(UserId(0)), administration.administered_at,
             std::string(reopen ? kReopenedAction : kAutoResolvedAction), change.note}));
        if (reopen && !result.alerts.empty() && result.alerts.back().id == *change.alert) {
          result.alerts.back().change = "reopened";
          result.alerts.back().detail += " (" + change.note + ")";
        } else {
          auto [kind, severity] = kind_of(*change.alert);
          result.alerts.push_back(
              {*change.alert, kind, change.note, severity, reopen ? "reopened" : "resolved"});
        }
        break;
      }
    }
  }
  return Ok();
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
  prepared.submitted_by = request.submitted_by;
  prepared.attention_link = request.attention_link;
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
    result.alerts.clear();
    if (monitor != nullptr) {
      // The monitor judges the whole episode, risk items and alliance included, so its
      // alerts replace the instrument's own flags rather than repeat them.
      TRY_ASSIGN(SessionEpisode read, ReadSessionEpisode(store, context, client, session));
      result.episode = read.input.episode;
      TRY_ASSIGN(result.monitoring, monitor->Review(read.input));
      TRY(ApplyAlertLifecycle(store, context, read, administration, result));
    } else {
      TRY_ASSIGN(Session session, FindSession(store, context, client, session));
      result.episode = session.episode;
      if (result.score) {
        // Without a monitor the instrument's flags (an endorsed risk item, an alliance concern)
        // are raised as they are: the data file says they need a clinician's attention.
        for (const measures::RaisedFlag& flag : result.score->flags) {
          Alert alert;
          alert.client = client;
          alert.kind = "flag:" + flag.id;
          alert.raised_at = administration.submitted_at;
          alert.detail = flag.message;
          alert.administration = result.administration;
          alert.episode = result.episode;
          alert.instrument = administration.instrument.value();
          alert.triggers.push_back(
              {result.administration, alert.raised_at, alert.severity, std::nullopt, alert.detail});
          TRY_ASSIGN(AlertId id, store.RaiseAlert(context, alert));
          result.alerts.push_back({id, alert.kind, alert.detail, alert.severity, "raised"});
        }
      }
    }
    if (result.risk_endorsed && prepared.submitted_by == SubmittedBy::kClient) {
      // The lead clinician hears of it now, in the same transaction as the answers.
      std::optional<AlertId> risk_alert;
      for (const RaisedAlert& alert : result.alerts) {
        if (alert.kind == "risk_item") risk_alert = alert.id;
      }
      TRY_ASSIGN(result.notified,
                 store.NotifyCareTeamLeads(context, client, "risk_item_endorsed_by_client",
                                           "client " + std::to_string(client.value()) +
                                               " endorsed a risk item on " +
                                               administration.instrument.value() +
                                               " in their own questionnaire: assess risk now",
                                           risk_alert, prepared.attention_link));
    }
    return Ok();
  }));
  return std::move(result);
}

std::string AttentionLink(const std::string& public_url) {
  std::string link = public_url;
  while (!link.empty() && link.back() == '/') link.pop_back();
  return link + "/alerts";
}

Result<SubmissionResult> SubmitAdministration(Store& store, const AccessContext& context,
                                              const ClinicalLibrary& library,
                                              EpisodeMonitor* monitor, const Clock& clock,
                                              const AdministrationRequest& request) {
  TRY_ASSIGN(PreparedSubmission prepared, PrepareSubmission(library, clock, request));
  return StoreSubmission(store, context, monitor, std::move(prepared));
}

}  // namespace tessera::app
