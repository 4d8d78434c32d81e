#include "http/routes/alert_json.hpp"

#include "core/clock.hpp"

namespace tessera::http {
namespace {

using nlohmann::json;

template <class Id>
json OptionalId(const std::optional<Id>& id) {
  return id ? json(id->value()) : json(nullptr);
}

}  // namespace

json GuidanceJson(const app::EpisodeMonitor* monitor, const std::string& kind) {
  json actions = json::array();
  json support = json::array();
  if (monitor != nullptr) {
    const app::AlertGuidanceText guidance = monitor->Guidance(kind);
    for (const std::string& action : guidance.actions) actions.push_back(action);
    for (const app::SupportPromptText& area : guidance.support) {
      support.push_back({{"area", area.area}, {"why", area.why}, {"prompts", area.prompts}});
    }
  }
  return {{"actions", std::move(actions)}, {"support", std::move(support)}};
}

json AlertViewJson(const app::AlertView& view, const app::EpisodeMonitor* monitor) {
  const Alert& alert = view.alert;
  json handlings = json::array();
  for (const AlertHandling& handling : alert.handlings) {
    handlings.push_back({{"handled_by", handling.handled_by.value()},
                         {"handled_at", FormatUtc(handling.handled_at)},
                         {"action", handling.action},
                         {"note", handling.note}});
  }
  json triggers = json::array();
  for (const AlertTrigger& trigger : alert.triggers) {
    triggers.push_back({{"administration_id", OptionalId(trigger.administration)},
                        {"triggered_at", FormatUtc(trigger.triggered_at)},
                        {"severity", trigger.severity},
                        {"level", trigger.level ? json(*trigger.level) : json(nullptr)},
                        {"detail", trigger.detail}});
  }
  const TimePoint last =
      alert.triggers.empty() ? alert.raised_at : alert.triggers.back().triggered_at;
  json body = {{"id", alert.id.value()},
               {"client_id", alert.client.value()},
               {"client_name", view.client_name},
               {"episode_id", OptionalId(alert.episode)},
               {"kind", alert.kind},
               {"instrument", alert.instrument.empty() ? json(nullptr) : json(alert.instrument)},
               {"severity", view.severity},
               {"severity_rank", app::SeverityRank(view.severity)},
               {"state", app::Name(view.state)},
               {"raised_at", FormatUtc(alert.raised_at)},
               {"last_triggered_at", FormatUtc(last)},
               {"detail", alert.triggers.empty() ? alert.detail : alert.triggers.back().detail},
               {"administration_id", OptionalId(alert.administration)},
               {"triggers", std::move(triggers)},
               {"handlings", std::move(handlings)}};
  body.update(GuidanceJson(monitor, alert.kind));
  return body;
}

json RaisedAlertJson(const app::RaisedAlert& alert, const app::EpisodeMonitor* monitor) {
  json body = {{"id", alert.id.value()},
               {"kind", alert.kind},
               {"detail", alert.detail},
               {"severity", alert.severity},
               {"change", alert.change}};
  body.update(GuidanceJson(monitor, alert.kind));
  return body;
}

}  // namespace tessera::http
