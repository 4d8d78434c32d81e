#include "app/caseload.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "app/alert_lifecycle.hpp"
#include "measures/change.hpp"
#include "planner/plan_content.hpp"

namespace tessera::app {
namespace {

std::optional<CaseloadStatus> StatusOfAlert(std::string_view kind) {
  if (kind == "risk_item") return CaseloadStatus::kRisk;
  if (kind == "not_on_track" || kind == "reliable_deterioration" || kind == "no_reliable_change") {
    return CaseloadStatus::kNotOnTrack;
  }
  if (kind == "alliance_rupture") return CaseloadStatus::kAllianceConcern;
  if (kind == "dropout_risk" || kind == "low_motivation") return CaseloadStatus::kDropoutRisk;
  return std::nullopt;
}

// The plan's phase under way: its "current_phase" index when set (accepted adaptations move
// it), else the first phase; nullopt when the content names no phases.
std::optional<std::string> CurrentPhase(const std::string& content) {
  const Result<nlohmann::json> read = planner::ReadPlanContent<nlohmann::json>(content);
  if (!read) return std::nullopt;
  const nlohmann::json& plan = *read;
  const auto phases = plan.find("phases");
  if (phases == plan.end() || !phases->is_array() || phases->empty()) return std::nullopt;
  std::size_t index = 0;
  if (const auto current = plan.find("current_phase");
      current != plan.end() && current->is_number_unsigned()) {
    index = std::min(current->get<std::size_t>(), phases->size() - 1);
  }
  const nlohmann::json& phase = (*phases)[index];
  if (phase.is_object() && phase.contains("name") && phase["name"].is_string()) {
    return phase["name"].get<std::string>();
  }
  return std::nullopt;
}

// Status from the scores of the primary outcome measure (the first of `outcome_instruments`
// scored at least twice in the episode).
void ScoreStatus(const ClientSummary& summary, const ClinicalLibrary& library,
                 const std::vector<std::string>& outcome_instruments, CaseloadEntry& entry) {
  for (const std::string& instrument_id : outcome_instruments) {
    const auto found = std::find_if(
        summary.instruments.begin(), summary.instruments.end(),
        [&](const InstrumentSummary& given) { return given.instrument.value() == instrument_id; });
    if (found == summary.instruments.end() || found->count < 2 || !found->first.total ||
        !found->latest.total)
      continue;
    entry.instrument = instrument_id;
    entry.first_score = found->first.total;
    entry.latest_score = found->latest.total;
    entry.status = CaseloadStatus::kOnTrack;
    auto instrument = library.instruments.Get(instrument_id);
    if (!instrument) return;
    auto change = measures::Change(**instrument, *found->first.total, *found->latest.total);
    if (change && change->category == measures::OutcomeCategory::kRecovered)
      entry.status = CaseloadStatus::kRecovered;
    return;
  }
}

Result<CaseloadEntry> EntryOf(const CaseloadRecord& record, const ClinicalLibrary& library,
                              const std::vector<std::string>& outcome_instruments,
                              PlanPhaseMemo* phases) {
  const ClientSummary& summary = record.summary;
  CaseloadEntry entry;
  entry.client = summary.client;
  entry.name = summary.name;
  entry.lead = record.lead;
  entry.lead_name = record.lead_name;
  if (summary.episode) entry.episode = summary.episode->id;
  ScoreStatus(summary, library, outcome_instruments, entry);
  for (const Alert& alert : record.alerts) {
    if (StateOf(alert) == AlertLifecycleState::kResolved) continue;
    const int rank = SeverityRank(CurrentSeverity(alert));
    ++entry.active_alerts[static_cast<std::size_t>(3 - rank)];
    if (!entry.oldest_active_alert || alert.raised_at < *entry.oldest_active_alert)
      entry.oldest_active_alert = alert.raised_at;
    if (const auto status = StatusOfAlert(alert.kind); status && *status < entry.status)
      entry.status = *status;
  }
  for (const Session& session : record.sessions) {
    if (!entry.last_session || session.date > *entry.last_session)
      entry.last_session = session.date;
  }
  if (summary.plan) {
    entry.plan = summary.plan;
    entry.plan_version = summary.plan_version;
    if (phases != nullptr) {
      entry.plan_phase = phases->PhaseOf(record);
    } else if (!record.plan_content.empty()) {
      entry.plan_phase = CurrentPhase(record.plan_content);
    }
  }
  TRY_ASSIGN(entry.due, DueFromCaseload(library, record));
  return entry;
}

}  // namespace

std::optional<std::string> PlanPhaseMemo::PhaseOf(const CaseloadRecord& record) {
  const ClientSummary& summary = record.summary;
  if (record.plan_content.empty() || !summary.plan) return std::nullopt;
  const Held key{summary.revision, summary.plan->value(), summary.plan_version, std::nullopt};
  {
    std::lock_guard lock(mutex_);
    const auto found = by_client_.find(summary.client.value());
    if (found != by_client_.end() && key.revision != 0 && found->second.revision == key.revision &&
        found->second.plan == key.plan && found->second.version == key.version)
      return found->second.phase;
  }
  Held held = key;
  held.phase = CurrentPhase(record.plan_content);  // parsed outside the lock
  std::lock_guard lock(mutex_);
  by_client_[summary.client.value()] = held;
  return held.phase;
}

std::string_view Name(CaseloadStatus status) {
  switch (status) {
    case CaseloadStatus::kRisk:
      return "risk";
    case CaseloadStatus::kNotOnTrack:
      return "not_on_track";
    case CaseloadStatus::kAllianceConcern:
      return "alliance_concern";
    case CaseloadStatus::kDropoutRisk:
      return "dropout_risk";
    case CaseloadStatus::kOnTrack:
      return "on_track";
    case CaseloadStatus::kRecovered:
      return "recovered";
    case CaseloadStatus::kNoData:
      return "no_data";
  }
  return "";
}

Result<std::vector<CaseloadEntry>> ReadCaseload(Store& store, const AccessContext& context,
                                                const ClinicalLibrary& library,
                                                const std::vector<std::string>& outcome_instruments,
                                                CaseloadScope scope, PlanPhaseMemo* phases) {
  TRY_ASSIGN(std::vector<CaseloadRecord> records, store.ReadCaseload(context, scope));
  std::vector<CaseloadEntry> entries;
  entries.reserve(records.size());
  for (const CaseloadRecord& record : records) {
    TRY_ASSIGN(CaseloadEntry entry, EntryOf(record, library, outcome_instruments, phases));
    entries.push_back(std::move(entry));
  }
  std::sort(entries.begin(), entries.end(),
            [](const CaseloadEntry& left, const CaseloadEntry& right) {
              if (left.status != right.status) return left.status < right.status;
              // The most severe active alert first: compare counts from critical down.
              if (left.active_alerts != right.active_alerts) {
                for (std::size_t level = 0; level < left.active_alerts.size(); ++level) {
                  if ((left.active_alerts[level] > 0) != (right.active_alerts[level] > 0))
                    return left.active_alerts[level] > 0;
                }
              }
              if (left.oldest_active_alert != right.oldest_active_alert) {
                if (!left.oldest_active_alert || !right.oldest_active_alert)
                  return left.oldest_active_alert.has_value();
                return *left.oldest_active_alert < *right.oldest_active_alert;
              }
              if (left.name != right.name) return left.name < right.name;
              return left.client.value() < right.client.value();
            });
  return entries;
}

}  // namespace tessera::app
