#pragma once
// SQL shared by the episode-scoped reads (clinical_reads.cpp, client_summary.cpp) and the
// account names of care teams and consultations.

#include <string_view>

#include "core/records/clinical.hpp"
#include "store/sql/database.hpp"

namespace tessera::store {

/// A CTE `pairs(session_id, instrument)`: every (current session of the episode, instrument
/// given in it) pair, found by skipping through administrations_by_session (one MIN step per
/// pair) instead of reading every administration. Parameters: client id, episode id.
inline constexpr std::string_view kEpisodePairs =
    "WITH RECURSIVE pairs(session_id, instrument) AS ("
    "SELECT s.id, (SELECT MIN(m.instrument) FROM measure_administrations m "
    "WHERE m.session_id = s.id) FROM sessions s WHERE s.client_id = ? AND s.episode_id = ? "
    "AND NOT EXISTS (SELECT 1 FROM sessions ns WHERE ns.supersedes = s.id) "
    "UNION ALL "
    "SELECT p.session_id, (SELECT MIN(m.instrument) FROM measure_administrations m "
    "WHERE m.session_id = p.session_id AND m.instrument > p.instrument) FROM pairs p "
    "WHERE p.instrument IS NOT NULL) ";

/// A condition on `p` (a row of plans): the plan is active, i.e. its latest status change
/// (plan_lifecycle.cpp) made it active. Ends in a space; no parameters.
inline constexpr std::string_view kActivePlan =
    "EXISTS (SELECT 1 FROM plan_status_changes s WHERE s.plan_id = p.id AND "
    "s.status = 'active' AND s.episode_sequence = (SELECT MAX(t.episode_sequence) FROM "
    "plan_status_changes t WHERE t.plan_id = p.id)) ";

/// The columns EpisodeFromRow reads. An episode is closed when its latest status change is a
/// closure (schema version 9).
inline constexpr std::string_view kEpisodeColumns =
    "SELECT e.id, e.client_id, e.opened_on, e.reason, c.on_date, c.reason FROM episodes e "
    "LEFT JOIN episode_status_changes c ON c.id = (SELECT MAX(x.id) FROM "
    "episode_status_changes x WHERE x.episode_id = e.id) AND c.status = 'closed' ";

inline Episode EpisodeFromRow(const SqlRow& row) {
  Episode episode;
  episode.id = EpisodeId(row.Int(0));
  episode.client = ClientId(row.Int(1));
  episode.opened_on = row.Text(2);
  episode.reason = row.Text(3);
  episode.closed_on = row.OptionalText(4);
  episode.closing_reason = row.Text(5);
  return episode;
}

/// The name of the account `u`: its linked therapist's latest display name, else the username.
inline constexpr std::string_view kUserName =
    "COALESCE((SELECT v.display_name FROM therapist_versions v WHERE v.user_id = u.id "
    "ORDER BY v.created_at DESC, v.version DESC LIMIT 1), u.username)";

}  // namespace tessera::store
