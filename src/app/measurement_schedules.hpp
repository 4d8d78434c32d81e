#pragma once
// Measurement schedules (issue 18; docs/schedules.md): which questionnaires an episode of care
// collects at which session, and what is due for a client now. An episode without a schedule of
// its own follows the shipped default (data/schedules/defaults.json) for the first problem in
// the client's profile that has one, else the "default" entry.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/access.hpp"
#include "core/store.hpp"
#include "measures/instrument_library.hpp"

namespace tessera::app {

struct ClinicalLibrary;  // clinical_library.hpp: holds the ScheduleDefaults below

enum class ScheduleFrequency { kEverySession, kIntakeAndEvery, kBeforeSession, kAtEnd };
/// Where it is answered: before the session (by a link or after signing in) or in the room at
/// the end of the session (never by a link).
enum class ScheduleTiming { kBeforeSession, kEndOfSession };

struct ScheduledInstrument {
  std::string instrument;
  ScheduleFrequency frequency = ScheduleFrequency::kEverySession;
  int every = 0;    // kIntakeAndEvery: n >= 1
  int session = 0;  // kBeforeSession: the session number >= 1
  ScheduleTiming timing = ScheduleTiming::kBeforeSession;
};

struct MeasurementSchedule {
  std::vector<ScheduledInstrument> instruments;
  /// The episode's planned number of sessions; kAtEnd rules are due at that session.
  std::optional<int> planned_sessions;
  /// "episode" for the episode's own schedule, else "default:<problem>".
  std::string basis;
};

/// The shipped defaults by problem id ("default" included when the file has it).
struct ScheduleDefaults {
  std::map<std::string, MeasurementSchedule> by_problem;

  /// Loads data/schedules/defaults.json; every instrument must be in `instruments`. A missing
  /// file gives no defaults (episodes then have empty schedules until the clinician sets one).
  static Result<ScheduleDefaults> Load(const std::filesystem::path& file,
                                       const measures::InstrumentLibrary& instruments);
};

/// Parses and checks a schedule document ({"instruments": [...], "planned_sessions": n}):
/// InvalidArgument naming the field and the rule (unknown instrument, frequency, timing, a
/// missing or out-of-range n, the same instrument, frequency and session twice).
Result<MeasurementSchedule> ParseSchedule(std::string_view json_text,
                                          const measures::InstrumentLibrary& instruments);
/// The document as ParseSchedule reads it (basis left out: it is not stored).
std::string ScheduleDocument(const MeasurementSchedule& schedule);
std::string_view Name(ScheduleFrequency frequency);
std::string_view Name(ScheduleTiming timing);

/// Whether `rule` makes its instrument due at session `number` (1-based).
bool IsDueAt(const ScheduledInstrument& rule, int number, std::optional<int> planned_sessions);

/// The episode's schedule: its own, else the default for the client's problems.
Result<MeasurementSchedule> EpisodeSchedule(Store& store, const AccessContext& context,
                                            const ClinicalLibrary& library, ClientId client,
                                            EpisodeId episode);

/// What is due for one session: its number in the episode (1 + the attended sessions before
/// it), the instruments due before it and at its end, and those already given in it.
struct DueQuestionnaires {
  EpisodeId episode;
  std::optional<SessionId> session;  // nullopt: no session recorded yet (session 1 is due)
  std::string session_date;
  int session_number = 1;
  std::vector<std::string> before_session;  // due and not yet given
  std::vector<std::string> end_of_session;  // due and not yet given
  std::vector<std::string> given;           // due and already given in this session
};

/// What is due for the client now: the latest session of their open episode (or session 1 when
/// none is recorded); nullopt when they have no open episode. Reads are audited.
Result<std::optional<DueQuestionnaires>> DueForClient(Store& store, const AccessContext& context,
                                                      const ClinicalLibrary& library,
                                                      ClientId client);
/// DueForClient from the caseload's one read (core/caseload_reads.hpp): the same answer, with no
/// further store reads (and so no further audit entries).
Result<std::optional<DueQuestionnaires>> DueFromCaseload(const ClinicalLibrary& library,
                                                         const CaseloadRecord& record);
/// What is due for one of the client's sessions (NotFound when it is not theirs).
Result<DueQuestionnaires> DueForSession(Store& store, const AccessContext& context,
                                        const ClinicalLibrary& library, ClientId client,
                                        SessionId session);

}  // namespace tessera::app
