#include "app/measurement_schedules.hpp"

#include "app/clinical_library.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <tuple>
#include <utility>

#include <nlohmann/json.hpp>

#include "json/object.hpp"

namespace tessera::app {
namespace {

using nlohmann::json;

// The largest session number or frequency a schedule may name: far beyond any course of
// therapy, small enough that a typo (10000) is refused rather than silently never due.
constexpr int kMaxSessionNumber = 500;

Result<int> PositiveNumber(const JsonObject& rule, std::string_view field) {
  TRY_ASSIGN(std::int64_t value, rule.Integer(field, 1, kMaxSessionNumber));
  return static_cast<int>(value);
}

Result<ScheduledInstrument> ParseRule(const JsonObject& rule,
                                      const measures::InstrumentLibrary& instruments) {
  ScheduledInstrument parsed;
  TRY_ASSIGN(parsed.instrument, rule.String("instrument"));
  if (!instruments.Get(parsed.instrument))
    return rule.Fail("instrument", "'" + parsed.instrument + "' is not a known instrument");
  TRY_ASSIGN(std::string frequency, rule.Choice("frequency", {"every_session", "intake_and_every",
                                                              "before_session", "at_end"}));
  if (frequency == "every_session") {
    parsed.frequency = ScheduleFrequency::kEverySession;
  } else if (frequency == "intake_and_every") {
    parsed.frequency = ScheduleFrequency::kIntakeAndEvery;
    TRY_ASSIGN(parsed.every, PositiveNumber(rule, "every"));
  } else if (frequency == "before_session") {
    parsed.frequency = ScheduleFrequency::kBeforeSession;
    TRY_ASSIGN(parsed.session, PositiveNumber(rule, "session"));
  } else {
    parsed.frequency = ScheduleFrequency::kAtEnd;
  }
  std::string timing = "before_session";
  if (rule.Has("timing")) {
    TRY_ASSIGN(timing, rule.Choice("timing", {"before_session", "end_of_session"}));
  }
  parsed.timing =
      timing == "before_session" ? ScheduleTiming::kBeforeSession : ScheduleTiming::kEndOfSession;
  return parsed;
}

// `path` is where the schedule sits: "" for a request body, "schedules[2]" in the defaults
// file, whose entries carry their problem, rationale and sources beside the instruments.
Result<MeasurementSchedule> ParseScheduleJson(const json& document, const std::string& path,
                                              JsonNames allowed,
                                              const measures::InstrumentLibrary& instruments,
                                              const std::string& file = {}) {
  TRY_ASSIGN(JsonObject fields, JsonObject::Open(document, path, allowed, file));
  TRY_ASSIGN(JsonArray rules, fields.Array("instruments", JsonPresence::kRequired));
  MeasurementSchedule schedule;
  std::set<std::tuple<std::string, int, int>> seen;
  for (std::size_t index = 0; index < rules.size(); ++index) {
    TRY_ASSIGN(JsonObject given,
               rules.Object(index, {"instrument", "frequency", "every", "session", "timing"}));
    TRY_ASSIGN(ScheduledInstrument rule, ParseRule(given, instruments));
    if (!seen.insert({rule.instrument, static_cast<int>(rule.frequency), rule.session}).second)
      return given.Fail("", rule.instrument + " is scheduled this way twice");
    schedule.instruments.push_back(std::move(rule));
  }
  if (fields.Has("planned_sessions")) {
    TRY_ASSIGN(int sessions, PositiveNumber(fields, "planned_sessions"));
    schedule.planned_sessions = sessions;
  }
  return schedule;
}

// Sessions of one episode that count for numbering: attended ones, by date then id.
int SessionNumber(const std::vector<Session>& sessions, const Session& target) {
  int number = 1;
  for (const Session& session : sessions) {
    if (session.episode != target.episode || session.id == target.id) continue;
    if (session.attendance != Attendance::kAttended) continue;
    if (std::tie(session.date, session.id) < std::tie(target.date, target.id)) ++number;
  }
  return number;
}

// What is due at `session` (nullptr: session 1, none recorded yet) under `schedule`, given the
// instruments already given in that session.
DueQuestionnaires DueWith(const MeasurementSchedule& schedule, EpisodeId episode,
                          const std::vector<Session>& sessions, const Session* session,
                          const std::set<std::string>& given) {
  DueQuestionnaires due;
  due.episode = episode;
  if (session != nullptr) {
    due.session = session->id;
    due.session_date = session->date;
    due.session_number = SessionNumber(sessions, *session);
  }
  std::set<std::string> listed;
  for (const ScheduledInstrument& rule : schedule.instruments) {
    if (!IsDueAt(rule, due.session_number, schedule.planned_sessions)) continue;
    if (!listed.insert(rule.instrument).second) continue;
    if (given.contains(rule.instrument)) {
      due.given.push_back(rule.instrument);
    } else if (rule.timing == ScheduleTiming::kBeforeSession) {
      due.before_session.push_back(rule.instrument);
    } else {
      due.end_of_session.push_back(rule.instrument);
    }
  }
  return due;
}

Result<DueQuestionnaires> DueAt(Store& store, const AccessContext& context,
                                const ClinicalLibrary& library, ClientId client, EpisodeId episode,
                                const std::vector<Session>& sessions, const Session* session) {
  TRY_ASSIGN(MeasurementSchedule schedule,
             EpisodeSchedule(store, context, library, client, episode));
  std::set<std::string> given;
  if (session != nullptr) {
    TRY_ASSIGN(std::vector<MeasureAdministration> administrations,
               store.ListAdministrations(context, client, Versions::kCurrentOnly));
    for (const MeasureAdministration& administration : administrations) {
      if (administration.session == session->id &&
          administration.entry == AdministrationEntry::kMeasure)
        given.insert(administration.instrument.value());
    }
  }
  return DueWith(schedule, episode, sessions, session, given);
}

// The open episode opened last (by id) and its latest session (nullptr without one).
std::pair<const Episode*, const Session*> OpenEpisodeAndLatestSession(
    const std::vector<Episode>& episodes, const std::vector<Session>& sessions) {
  const Episode* open = nullptr;
  for (const Episode& episode : episodes) {
    if (!episode.closed_on && (open == nullptr || episode.id.value() > open->id.value()))
      open = &episode;
  }
  const Session* latest = nullptr;
  if (open == nullptr) return {open, latest};
  for (const Session& session : sessions) {
    if (session.episode != open->id) continue;
    if (latest == nullptr ||
        std::tie(session.date, session.id) > std::tie(latest->date, latest->id))
      latest = &session;
  }
  return {open, latest};
}

}  // namespace

std::string_view Name(ScheduleFrequency frequency) {
  switch (frequency) {
    case ScheduleFrequency::kEverySession:
      return "every_session";
    case ScheduleFrequency::kIntakeAndEvery:
      return "intake_and_every";
    case ScheduleFrequency::kBeforeSession:
      return "before_session";
    case ScheduleFrequency::kAtEnd:
      return "at_end";
  }
  return "every_session";
}

std::string_view Name(ScheduleTiming timing) {
  return timing == ScheduleTiming::kBeforeSession ? "before_session" : "end_of_session";
}

Result<ScheduleDefaults> ScheduleDefaults::Load(const std::filesystem::path& file,
                                                const measures::InstrumentLibrary& instruments) {
  ScheduleDefaults defaults;
  std::ifstream in(file);
  if (!in) return defaults;
  std::ostringstream text;
  text << in.rdbuf();
  const std::string name = file.string();
  TRY_ASSIGN(const json document, ParseJson(text.str(), name));
  TRY_ASSIGN(JsonObject root, JsonObject::Open(document, "",
                                               {"format", "description", "sources", "frequencies",
                                                "timings", "schedules"},
                                               name));
  TRY_ASSIGN(JsonArray schedules, root.Array("schedules", JsonPresence::kRequired));
  for (std::size_t index = 0; index < schedules.size(); ++index) {
    TRY_ASSIGN(JsonObject entry,
               schedules.Object(index, {"problem", "rationale", "sources", "instruments"}));
    TRY_ASSIGN(const std::string problem, entry.String("problem"));
    TRY_ASSIGN(
        MeasurementSchedule parsed,
        ParseScheduleJson(schedules[index], schedules.PathOf(index),
                          {"problem", "rationale", "sources", "instruments"}, instruments, name));
    parsed.basis = "default:" + problem;
    defaults.by_problem[problem] = std::move(parsed);
  }
  return defaults;
}

Result<MeasurementSchedule> ParseSchedule(std::string_view json_text,
                                          const measures::InstrumentLibrary& instruments) {
  TRY_ASSIGN(const json document, ParseJson(json_text, "schedule"));
  return ParseScheduleJson(document, "", {"instruments", "planned_sessions"}, instruments);
}

std::string ScheduleDocument(const MeasurementSchedule& schedule) {
  json rules = json::array();
  for (const ScheduledInstrument& rule : schedule.instruments) {
    json out = {{"instrument", rule.instrument},
                {"frequency", std::string(Name(rule.frequency))},
                {"timing", std::string(Name(rule.timing))}};
    if (rule.frequency == ScheduleFrequency::kIntakeAndEvery) out["every"] = rule.every;
    if (rule.frequency == ScheduleFrequency::kBeforeSession) out["session"] = rule.session;
    rules.push_back(std::move(out));
  }
  return json{{"instruments", std::move(rules)},
              {"planned_sessions",
               schedule.planned_sessions ? json(*schedule.planned_sessions) : json(nullptr)}}
      .dump();
}

bool IsDueAt(const ScheduledInstrument& rule, int number, std::optional<int> planned_sessions) {
  switch (rule.frequency) {
    case ScheduleFrequency::kEverySession:
      return true;
    case ScheduleFrequency::kIntakeAndEvery:
      return rule.every > 0 && (number - 1) % rule.every == 0;
    case ScheduleFrequency::kBeforeSession:
      return number == rule.session;
    case ScheduleFrequency::kAtEnd:
      return planned_sessions && number == *planned_sessions;
  }
  return false;
}

MeasurementSchedule DefaultSchedule(const ClinicalLibrary& library, const ClientProfile& profile) {
  for (const ProblemSeverity& problem : profile.problems) {
    if (const auto found = library.schedules.by_problem.find(problem.problem.value());
        found != library.schedules.by_problem.end())
      return found->second;
  }
  if (const auto found = library.schedules.by_problem.find("default");
      found != library.schedules.by_problem.end())
    return found->second;
  return MeasurementSchedule{{}, std::nullopt, "default:none"};
}

Result<MeasurementSchedule> EpisodeSchedule(Store& store, const AccessContext& context,
                                            const ClinicalLibrary& library, ClientId client,
                                            EpisodeId episode) {
  TRY_ASSIGN(std::optional<StoredSchedule> stored, store.GetSchedule(context, client, episode));
  if (stored) {
    // The document was checked when stored; an instrument removed since is refused here
    // rather than silently dropped.
    TRY_ASSIGN(MeasurementSchedule schedule, ParseSchedule(stored->document, library.instruments));
    schedule.basis = "episode";
    return schedule;
  }
  TRY_ASSIGN(Client profile, store.GetClientProfile(context, client));
  return DefaultSchedule(library, profile.profile);
}

Result<std::optional<DueQuestionnaires>> DueForClient(Store& store, const AccessContext& context,
                                                      const ClinicalLibrary& library,
                                                      ClientId client) {
  TRY_ASSIGN(std::vector<Episode> episodes, store.ListEpisodes(context, client));
  if (OpenEpisodeAndLatestSession(episodes, {}).first == nullptr)
    return std::optional<DueQuestionnaires>();
  TRY_ASSIGN(std::vector<Session> sessions,
             store.ListSessions(context, client, Versions::kCurrentOnly));
  const auto [open, latest] = OpenEpisodeAndLatestSession(episodes, sessions);
  TRY_ASSIGN(DueQuestionnaires due,
             DueAt(store, context, library, client, open->id, sessions, latest));
  return std::optional<DueQuestionnaires>(std::move(due));
}

Result<std::optional<DueQuestionnaires>> DueFromCaseload(const ClinicalLibrary& library,
                                                         const CaseloadRecord& record) {
  const auto [open, latest] = OpenEpisodeAndLatestSession(record.episodes, record.sessions);
  if (open == nullptr) return std::optional<DueQuestionnaires>();
  MeasurementSchedule schedule;
  if (const auto stored = record.schedules.find(open->id.value());
      stored != record.schedules.end()) {
    TRY_ASSIGN(schedule, ParseSchedule(stored->second, library.instruments));
    schedule.basis = "episode";
  } else {
    schedule = DefaultSchedule(library, record.profile);
  }
  std::set<std::string> given;
  if (latest != nullptr) {
    if (const auto found = record.given_by_session.find(latest->id.value());
        found != record.given_by_session.end())
      given.insert(found->second.begin(), found->second.end());
  }
  return std::optional<DueQuestionnaires>(
      DueWith(schedule, open->id, record.sessions, latest, given));
}

Result<DueQuestionnaires> DueForSession(Store& store, const AccessContext& context,
                                        const ClinicalLibrary& library, ClientId client,
                                        SessionId session) {
  TRY_ASSIGN(std::vector<Session> sessions,
             store.ListSessions(context, client, Versions::kCurrentOnly));
  for (const Session& candidate : sessions) {
    if (candidate.id == session)
      return DueAt(store, context, library, client, candidate.episode, sessions, &candidate);
  }
  return NotFound("session " + std::to_string(session.value()) + " not found");
}

}  // namespace tessera::app
