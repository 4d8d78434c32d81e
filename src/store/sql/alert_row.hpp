#pragma once
// One row of `SELECT <kAlertColumns> FROM alerts a ...` as core's Alert (handlings and
// triggers are loaded separately, SqlStore::AlertsWhere): shared by the alert list and the
// episode read.

#include <string_view>

#include "core/records/clinical.hpp"
#include "store/sql/database.hpp"
#include "store/sql/time_text.hpp"

namespace tessera::store {

inline constexpr std::string_view kAlertColumns =
    "a.id, a.kind, a.raised_at, a.detail, a.administration_id, a.episode_id, a.instrument, "
    "a.severity, a.client_id ";

inline Alert AlertFromRow(const SqlRow& row) {
  Alert alert;
  alert.id = AlertId(row.Int(0));
  alert.client = ClientId(row.Int(8));
  alert.kind = row.Text(1);
  alert.raised_at = ParseUtc(row.Text(2)).value_or(TimePoint{});
  alert.detail = row.Text(3);
  if (!row.IsNull(4)) alert.administration = AdministrationId(row.Int(4));
  if (!row.IsNull(5)) alert.episode = EpisodeId(row.Int(5));
  alert.instrument = row.Text(6);
  alert.severity = row.Text(7);
  return alert;
}

}  // namespace tessera::store
