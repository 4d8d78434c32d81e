#pragma once
// Views of a client's records that one store connection keeps between calls: the client
// summary and, per episode, what the monitor reads (profile, sessions, the administrations
// that count, the plan). Reading them from SQL was most of a submission's and of a summary
// read's cost on the commit queue's writer thread (docs/http.md).
//
// A view is valid exactly while the client's revision (client_revisions, schema version 5) is
// the one it was read at: the database raises the revision on every insert into the tables the
// views come from, from any connection or process. So a caller reads the revision first, then
// asks for a view at that revision, and reads and puts one when there is none. Rules that keep
// this exact:
//   - read the revision before the rows a view is built from (a later revision only misses);
//   - Clear() whenever this connection rolls anything back: a view read inside work that was
//     undone could otherwise match a revision number that is reached again by other changes;
//   - Advance() only for this connection's own insert, after it fully succeeded, with the
//     revision read just before and just after it. Nothing else can raise it in between: every
//     store transaction first takes the audit chain's head (SQLite BEGIN IMMEDIATE,
//     PostgreSQL a row lock), so transactions that write are serialised.
// Revisions never repeat, even when the database goes back in time (a restore, a failover
// that lost commits): each raise sets the revision to at least the current time in
// microseconds, so numbers issued after the rewind are larger than any issued before it (as
// long as the clock does not go back). A view or rendered summary of the old history can
// therefore never match the new one.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/caseload_reads.hpp"
#include "core/clinical_reads.hpp"
#include "core/records/clinical.hpp"
#include "core/records/people.hpp"

namespace tessera::store {

/// What the monitor reads of one episode (EpisodeRecords without the asked-for session and
/// its alerts, which each read picks or queries).
struct EpisodeView {
  ClientProfile profile;
  std::vector<Session> sessions;                       // current versions, by date then id
  std::vector<MeasureAdministration> administrations;  // the ones that count, oldest first
  std::string plan_json;
};

class ClientViews {
 public:
  /// At most this many clients are held per connection; when full, the views start again
  /// (they refill from the clients in use). A 20-session episode's view is ~50 KB with its
  /// answers and plan, so this bounds a connection's views at roughly 50 MB.
  static constexpr std::size_t kMaxClients = 1024;

  const ClientSummary* Summary(ClientId client, std::int64_t revision) const;
  void PutSummary(ClientId client, std::int64_t revision, ClientSummary summary);
  const EpisodeView* Episode(ClientId client, EpisodeId episode, std::int64_t revision) const;
  void PutEpisode(ClientId client, EpisodeId episode, std::int64_t revision, EpisodeView view);

  /// The caseload read's parts of one client (ReadCaseload): alerts, episodes, sessions, plan
  /// content, profile and the administrations given, i.e. CaseloadRecord without the summary
  /// (held above), the lead and the schedules (which no client revision covers: read each time).
  const CaseloadRecord* Caseload(ClientId client, std::int64_t revision) const;
  void PutCaseload(ClientId client, std::int64_t revision, CaseloadRecord parts);

  /// True when a view of `client` is held (at any revision).
  bool Holds(ClientId client) const { return clients_.count(client.value()) > 0; }
  /// This connection's own insert moved the client's revision from `before` to `after`: views
  /// held at `before` move to `after`, each episode view changed by `apply` (when set) and the
  /// summary kept or dropped as told; views at another revision, or all of the client's when
  /// the revision did not move forward, are dropped.
  enum class Summaries { kKeep, kDrop };
  void Advance(ClientId client, std::int64_t before, std::int64_t after,
               const std::function<void(EpisodeView&)>& apply, Summaries summaries);
  void Forget(ClientId client) { clients_.erase(client.value()); }
  void Clear() { clients_.clear(); }

 private:
  struct Held {
    std::int64_t revision = 0;
    std::optional<ClientSummary> summary;
    std::optional<CaseloadRecord> caseload;
    std::map<std::int64_t, EpisodeView> episodes;  // by episode id
  };
  /// The client's entry at `revision` (emptied first when it held another revision).
  Held& At(ClientId client, std::int64_t revision);

  std::unordered_map<std::int64_t, Held> clients_;
};

/// The view after `administration` (just inserted, not an amendment, of a session of this
/// episode, with its stored-precision time and stored values) is added: it becomes the
/// administration that counts for its session and instrument unless a later one already does
/// (latest time, then highest id, as the store's read picks).
void AddAdministration(EpisodeView& view, const MeasureAdministration& administration);

}  // namespace tessera::store
