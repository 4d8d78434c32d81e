#include "store/sql/client_views.hpp"

#include <algorithm>
#include <tuple>

namespace tessera::store {
namespace {

// The order of the store's episode read: time, then id.
bool Earlier(const MeasureAdministration& left, const MeasureAdministration& right) {
  return std::tuple(left.administered_at, left.id.value()) <
         std::tuple(right.administered_at, right.id.value());
}

}  // namespace

ClientViews::Held& ClientViews::At(ClientId client, std::int64_t revision) {
  auto found = clients_.find(client.value());
  if (found == clients_.end()) {
    if (clients_.size() >= kMaxClients) clients_.clear();
    found = clients_.emplace(client.value(), Held{}).first;
    found->second.revision = revision;
  }
  Held& held = found->second;
  if (held.revision != revision) {
    held = Held{};
    held.revision = revision;
  }
  return held;
}

const ClientSummary* ClientViews::Summary(ClientId client, std::int64_t revision) const {
  const auto found = clients_.find(client.value());
  if (found == clients_.end() || found->second.revision != revision || !found->second.summary)
    return nullptr;
  return &*found->second.summary;
}

void ClientViews::PutSummary(ClientId client, std::int64_t revision, ClientSummary summary) {
  At(client, revision).summary = std::move(summary);
}

const CaseloadRecord* ClientViews::Caseload(ClientId client, std::int64_t revision) const {
  const auto found = clients_.find(client.value());
  if (found == clients_.end() || found->second.revision != revision || !found->second.caseload)
    return nullptr;
  return &*found->second.caseload;
}

void ClientViews::PutCaseload(ClientId client, std::int64_t revision, CaseloadRecord parts) {
  At(client, revision).caseload = std::move(parts);
}

const EpisodeView* ClientViews::Episode(ClientId client, EpisodeId episode,
                                        std::int64_t revision) const {
  const auto found = clients_.find(client.value());
  if (found == clients_.end() || found->second.revision != revision) return nullptr;
  const auto view = found->second.episodes.find(episode.value());
  return view == found->second.episodes.end() ? nullptr : &view->second;
}

void ClientViews::PutEpisode(ClientId client, EpisodeId episode, std::int64_t revision,
                             EpisodeView view) {
  At(client, revision).episodes[episode.value()] = std::move(view);
}

void ClientViews::Advance(ClientId client, std::int64_t before, std::int64_t after,
                          const std::function<void(EpisodeView&)>& apply, Summaries summaries) {
  const auto found = clients_.find(client.value());
  if (found == clients_.end()) return;
  Held& held = found->second;
  if (held.revision != before || after <= before) {
    clients_.erase(found);
    return;
  }
  held.revision = after;
  if (summaries == Summaries::kDrop) held.summary.reset();
  held.caseload.reset();  // the caseload's parts are simply read again
  if (apply)
    for (auto& [episode, view] : held.episodes) apply(view);
}

void AddAdministration(EpisodeView& view, const MeasureAdministration& administration) {
  const bool in_episode =
      std::any_of(view.sessions.begin(), view.sessions.end(),
                  [&](const Session& session) { return session.id == administration.session; });
  if (!in_episode) return;
  auto counted = std::find_if(view.administrations.begin(), view.administrations.end(),
                              [&](const MeasureAdministration& held) {
                                return held.session == administration.session &&
                                       held.instrument == administration.instrument;
                              });
  if (counted != view.administrations.end()) {
    if (Earlier(administration, *counted)) return;  // an administration timed later counts
    view.administrations.erase(counted);
  }
  const auto at = std::upper_bound(view.administrations.begin(), view.administrations.end(),
                                   administration, Earlier);
  view.administrations.insert(at, administration);
}

}  // namespace tessera::store
