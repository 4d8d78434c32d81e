#pragma once
// One row of `SELECT id, kind, raised_at, detail, administration_id FROM alerts ...` as core's
// Alert (handlings are loaded separately): shared by the alert list and the episode read.

#include "core/records/clinical.hpp"
#include "store/sql/database.hpp"
#include "store/sql/time_text.hpp"

namespace tessera::store {

inline Alert AlertFromRow(const SqlRow& row, ClientId client) {
  Alert alert;
  alert.id = AlertId(row.Int(0));
  alert.client = client;
  alert.kind = row.Text(1);
  alert.raised_at = ParseUtc(row.Text(2)).value_or(TimePoint{});
  alert.detail = row.Text(3);
  if (!row.IsNull(4)) alert.administration = AdministrationId(row.Int(4));
  return alert;
}

}  // namespace tessera::store
