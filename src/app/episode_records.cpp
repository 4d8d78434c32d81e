#include "app/episode_records.hpp"

#include <algorithm>
#include <set>

#include "app/alert_lifecycle.hpp"

namespace tessera::app {

Result<MonitoringInput> ReadEpisode(Store& store, const AccessContext& context, ClientId client,
                                    EpisodeId episode, std::optional<SessionId> latest_session) {
  MonitoringInput input;
  input.client = client;
  input.episode = episode;
  input.latest_session = latest_session;
  TRY_ASSIGN(Client stored, store.GetClientProfile(context, client));
  input.profile = std::move(stored.profile);
  TRY_ASSIGN(std::vector<Session> sessions,
             store.ListSessions(context, client, Versions::kCurrentOnly));
  std::set<std::int64_t> episode_sessions;
  for (Session& session : sessions) {
    if (session.episode != episode) continue;
    episode_sessions.insert(session.id.value());
    input.sessions.push_back(std::move(session));
  }
  std::stable_sort(input.sessions.begin(), input.sessions.end(),
                   [](const Session& left, const Session& right) {
                     if (left.date != right.date) return left.date < right.date;
                     return left.id.value() < right.id.value();
                   });
  TRY_ASSIGN(std::vector<MeasureAdministration> administrations,
             store.ListAdministrations(context, client, Versions::kCurrentOnly));
  for (MeasureAdministration& administration : administrations) {
    if (administration.session && episode_sessions.count(administration.session->value()) > 0) {
      input.administrations.push_back(std::move(administration));
    }
  }
  TRY_ASSIGN(std::vector<Plan> plans, store.ListPlans(context, client));
  for (const Plan& plan : plans) {
    // The episode's active plan, never a draft (issue 14): the one clinician and client agreed.
    if (plan.episode == episode && plan.status == PlanStatus::kActive && !plan.versions.empty()) {
      input.plan_json = plan.versions.back().content;
    }
  }
  return input;
}

Result<SessionEpisode> ReadSessionEpisode(Store& store, const AccessContext& context,
                                          ClientId client, SessionId session) {
  TRY_ASSIGN(EpisodeRecords records, store.ReadEpisodeOfSession(context, client, session));
  SessionEpisode read;
  read.input.client = client;
  read.input.episode = records.session.episode;
  read.input.latest_session = session;
  read.input.profile = std::move(records.profile);
  read.input.sessions = std::move(records.sessions);
  read.input.administrations = std::move(records.administrations);
  read.input.plan_json = std::move(records.plan_json);
  read.episode_alerts = std::move(records.episode_alerts);
  read.input.risk_alert_open = RiskAlertOpen(read.episode_alerts);
  return read;
}

}  // namespace tessera::app
