#pragma once
// The clinical record of one client: episodes of care, sessions, measure administrations,
// alerts, progress notes, consultation threads and psychotherapy notes. All of these are
// append-only: an amendment is a new row naming the row it supersedes.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/vocabulary.hpp"

namespace tessera {

using AdministrationId = StrongId<struct AdministrationIdTag, std::int64_t>;
using ThreadId = StrongId<struct ThreadIdTag, std::int64_t>;

struct Episode {
  EpisodeId id;
  ClientId client;
  std::string opened_on;                 // ISO date
  std::string reason;                    // referral reason
  std::optional<std::string> closed_on;  // set by CloseEpisode, cleared by ReopenEpisode
  std::string closing_reason;
};

/// Alert kinds that stand for a risk to the client (issue 16: an episode closes over an open
/// one only with an override and its reason): the monitor's risk-item alert and the instrument
/// flags on risk items (PHQ-9 item 9, CORE-10 item 6), raised as "flag:<id>" when no monitor
/// runs. Once alerts carry a severity (issue 15) this becomes "severity critical".
bool IsRiskAlertKind(std::string_view kind);

/// A technique used in a session, with the client's optional rating of how much it helped
/// (0..10, the client's own scale; absent when not asked).
struct TechniqueUse {
  TechniqueId technique;
  std::optional<int> helpfulness;
};

struct Session {
  SessionId id;
  EpisodeId episode;
  ClientId client;
  std::string date;  // ISO date
  Attendance attendance = Attendance::kAttended;
  std::vector<TechniqueUse> techniques;
  std::optional<SessionId> supersedes;  // set on an amendment
  std::string amendment_reason{};       // why it amends `supersedes` (empty otherwise)
  std::optional<UserId> recorded_by{};  // set by the store when read
  TimePoint recorded_at{};              // set by the store when read
};

/// One item's answer; `value` is absent when the client skipped the item.
struct ItemAnswer {
  std::string item;
  std::optional<double> value;
};

/// What an administration row is (issue 16). A correction is a kMeasure row that names the
/// row it replaces in `supersedes` and counts instead of it; a void names the row it cancels
/// and nothing counts in its place. Both keep the original, shown in the history.
enum class AdministrationEntry { kMeasure, kVoid };

/// How RecordAdministration dates an administration given in a session: by the session's
/// date (what submissions do: the questionnaire belongs to the session it was given in), or
/// as given (imports keep the source's time).
enum class AdministrationDating { kAsGiven, kBySession };

/// A completed questionnaire. Scores are computed by the measures module and stored here as
/// data, so the record shows exactly what the clinician saw.
struct MeasureAdministration {
  AdministrationId id;
  ClientId client;
  std::optional<SessionId> session;
  InstrumentId instrument;
  TimePoint administered_at;
  std::vector<ItemAnswer> answers;
  std::optional<double> total;
  std::string band;  // severity band name; may be empty
  std::map<std::string, double> subscales;
  std::vector<std::string> flags;  // e.g. "risk_item_endorsed"
  std::optional<AdministrationId> supersedes;
  AdministrationEntry entry = AdministrationEntry::kMeasure;
  std::string reason;        // why it corrects or voids `supersedes` (required for a void)
  TimePoint submitted_at{};  // when it was entered; set by the store
  AdministrationDating dating =
      AdministrationDating::kAsGiven;  // read by RecordAdministration only
};

struct AlertHandling {
  UserId handled_by;
  TimePoint handled_at;
  std::string action;  // e.g. "discussed in session", "risk assessment done"
  std::string note;
};

/// One administration that (again) met an alert's condition: an open alert is updated by a
/// new trigger instead of being raised again (docs/monitor.md "Alert lifecycle").
struct AlertTrigger {
  std::optional<AdministrationId> administration;
  TimePoint triggered_at;
  std::string severity;         // as the monitor judged this administration
  std::optional<double> level;  // risk items: the endorsed answer's value
  std::string detail;
};

struct Alert {
  AlertId id;
  ClientId client;
  std::string kind;  // e.g. "not_on_track", "alliance_rupture", "risk_item"
  TimePoint raised_at;
  std::string detail;
  std::optional<AdministrationId> administration;  // the measure that raised it
  std::vector<AlertHandling> handlings;            // in order
  /// The lifecycle key with `kind` (absent / empty on alerts raised before it, and on alerts
  /// about no episode or no instrument, e.g. break-glass or drop-out risk).
  std::optional<EpisodeId> episode{};
  std::string instrument{};
  std::string severity = "warning";      // "info", "warning", "high" or "critical" when raised
  std::vector<AlertTrigger> triggers{};  // oldest first; the first is the raising one
};

/// A progress note (part of the shared clinical record).
struct ProgressNote {
  NoteId id;
  ClientId client;
  std::optional<SessionId> session;
  UserId author;
  TimePoint written_at;
  std::string text;
  std::optional<NoteId> supersedes;
  std::string amendment_reason{};  // why it amends `supersedes` (empty otherwise)
};

/// A psychotherapy (process) note: readable only by its author, never exported, searched or
/// reported. Kept in its own table.
struct PsychotherapyNote {
  NoteId id;
  ClientId client;
  UserId author;
  TimePoint written_at;
  std::string text;
  std::optional<NoteId> supersedes;
};

struct ConsultationMessage {
  UserId author;
  TimePoint posted_at;
  std::string text;
  std::string author_name;  // filled on reads: the linked therapist's display name, else username
};

struct ConsultationThread {
  ThreadId id;
  ClientId client;
  std::string topic;
  UserId opened_by;
  std::vector<ConsultationMessage> messages;  // in order
};

/// One thread of the actor's consultation inbox: what a list shows, without the messages.
/// `unread` counts the messages by others posted after the actor's own last message in the
/// thread (all of them when the actor never posted): the store keeps no read markers.
struct ConsultationInboxEntry {
  ThreadId id;
  ClientId client;
  std::string client_name;
  std::string topic;
  UserId opened_by;
  TimePoint opened_at;
  TimePoint last_activity;  // the last message, else the opening
  int messages = 0;
  int unread = 0;
  bool taking_part = false;  // the actor opened the thread or posted to it
  std::vector<std::pair<UserId, std::string>> authors;  // by first message, with their names
};

}  // namespace tessera
