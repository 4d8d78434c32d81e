// Parsing and validating an import file (format: docs/import-format.md).

#include <map>

#include "core/records/names.hpp"
#include "json/object.hpp"
#include "store/exchange/import_document.hpp"
#include "store/exchange/record_json.hpp"
#include "store/sql/time_text.hpp"

namespace tessera::store {
namespace {

using nlohmann::json;

// Wraps a Parse* error with the path of the field it came from.
template <class T>
Result<T> At(Result<T> result, const std::string& path) {
  if (!result) return InvalidArgument(path + ": " + result.error().message());
  return result;
}

// File-local keys of one list ("e1", "s2"), to resolve references within a client.
class RefTable {
 public:
  explicit RefTable(std::string what) : what_(std::move(what)) {}
  Status Add(const JsonObject& object, std::size_t index) {
    TRY_ASSIGN(auto ref, object.NullableString("ref"));
    if (!ref) return Ok();
    if (!refs_.emplace(*ref, index).second)
      return object.Fail("ref", "\"" + *ref + "\" is used twice");
    return Ok();
  }
  Result<std::optional<std::size_t>> Resolve(const JsonObject& object,
                                             std::string_view field) const {
    TRY_ASSIGN(auto ref, object.NullableString(field));
    if (!ref) return std::optional<std::size_t>();
    const auto found = refs_.find(*ref);
    if (found == refs_.end())
      return object.Fail(field, "no " + what_ + " with ref \"" + *ref + "\" in this client");
    return std::optional<std::size_t>(found->second);
  }
  // A reference to an element before `index` in the same list (an amendment names the
  // version it replaces, which must already have been read).
  Result<std::optional<std::size_t>> ResolveEarlier(const JsonObject& object,
                                                    std::string_view field,
                                                    std::size_t index) const {
    TRY_ASSIGN(auto earlier, Resolve(object, field));
    if (earlier && *earlier >= index) return object.Fail(field, "must name an earlier " + what_);
    return earlier;
  }
  Result<std::size_t> Require(const JsonObject& object, std::string_view field) const {
    TRY_ASSIGN(auto index, Resolve(object, field));
    if (!index) return object.Fail(field, "required");
    return *index;
  }

 private:
  std::string what_;
  std::map<std::string, std::size_t> refs_;
};

Result<TimePoint> Timestamp(const JsonObject& object, std::string_view field) {
  TRY_ASSIGN(std::string text, object.String(field));
  auto time = ParseUtc(text);
  if (!time) return object.Fail(field, "must be a UTC time like 2026-01-12T10:00:00Z");
  return *time;
}

// Calls parse(object-json, path, index) for each element of a list field.
template <class Parse>
Status EachElement(const JsonObject& parent, std::string_view field, Parse&& parse) {
  TRY_ASSIGN(auto elements, parent.Array(field));
  for (std::size_t index = 0; index < elements.size(); ++index)
    TRY(parse(elements[index], JsonElementPath(parent.PathOf(field), index), index));
  return Ok();
}

Result<ImportedTherapist> ParseTherapist(const json& value, const std::string& path) {
  TRY_ASSIGN(JsonObject object, JsonObject::Open(value, path,
                                                 {"id", "user", "display_name", "home_model",
                                                  "style", "competencies"}));
  ImportedTherapist imported{path, std::nullopt, {}};
  Therapist& therapist = imported.therapist;
  TRY_ASSIGN(std::string id, object.String("id"));
  therapist.id = TherapistId(id);
  TRY_ASSIGN(imported.username, object.NullableString("user"));
  TRY_ASSIGN(therapist.display_name, object.String("display_name"));
  TRY_ASSIGN(std::string home_model, object.String("home_model"));
  therapist.home_model = ModelId(home_model);
  TRY_ASSIGN(therapist.style, object.NumberMap("style"));
  TRY(EachElement(
      object, "competencies",
      [&](const json& element, const std::string& at, std::size_t) -> Status {
        TRY_ASSIGN(JsonObject competence,
                   JsonObject::Open(element, at, {"model", "technique", "level", "evidence"}));
        Competency competency;
        TRY_ASSIGN(std::string model, competence.String("model"));
        competency.model = ModelId(model);
        TRY_ASSIGN(auto technique, competence.NullableString("technique"));
        if (technique) competency.technique = TechniqueId(*technique);
        TRY_ASSIGN(std::string level, competence.String("level"));
        TRY_ASSIGN(competency.level, At(ParseCompetenceLevel(level), competence.PathOf("level")));
        if (const json* evidence = competence.Member("evidence")) {
          TRY_ASSIGN(JsonObject proof,
                     JsonObject::Open(*evidence, competence.PathOf("evidence"),
                                      {"training", "certification", "supervised_hours"}));
          TRY_ASSIGN(competency.evidence.training, proof.OptionalString("training"));
          TRY_ASSIGN(competency.evidence.certification, proof.OptionalString("certification"));
          TRY_ASSIGN(auto hours, proof.OptionalNumber("supervised_hours", 0));
          competency.evidence.supervised_hours = hours.value_or(0);
        }
        therapist.competencies.push_back(std::move(competency));
        return Ok();
      }));
  return imported;
}

// The shape of a schedule (docs/schedules.md): the store cannot check instrument ids (the
// instrument files are the app's), so the server checks those when it reads the schedule; the
// import refuses anything that is not a list of rules with a known frequency and timing.
Status CheckScheduleShape(const json& schedule, const std::string& at) {
  TRY_ASSIGN(JsonObject document,
             JsonObject::Open(schedule, at, {"instruments", "planned_sessions"}));
  TRY(document.OptionalInteger("planned_sessions"));
  TRY_ASSIGN(JsonArray rules, document.Array("instruments"));
  for (std::size_t index = 0; index < rules.size(); ++index) {
    TRY_ASSIGN(JsonObject rule,
               rules.Object(index, {"instrument", "frequency", "every", "session", "timing"}));
    TRY(rule.String("instrument"));
    TRY(rule.Choice("frequency",
                    {"every_session", "intake_and_every", "before_session", "at_end"}));
    if (rule.Has("timing")) TRY(rule.Choice("timing", {"before_session", "end_of_session"}));
    TRY(rule.OptionalInteger("every"));
    TRY(rule.OptionalInteger("session"));
  }
  return Ok();
}

Result<ImportedEpisodeSettings> ParseEpisodeSettings(const JsonObject& episode) {
  ImportedEpisodeSettings settings;
  if (const json* schedule = episode.Member("schedule")) {
    TRY(CheckScheduleShape(*schedule, episode.PathOf("schedule")));
    settings.schedule = schedule->dump();
  }
  if (const json* shared = episode.Member("progress_shared")) {
    if (!shared->is_boolean())
      return InvalidArgument(episode.PathOf("progress_shared") + ": must be true or false");
    settings.progress_shared = shared->get<bool>();
  }
  return settings;
}

Status ParseEpisodesAndSessions(const JsonObject& object, ImportedClient& client,
                                RefTable& episodes, RefTable& sessions) {
  TRY(EachElement(object, "episodes",
                  [&](const json& element, const std::string& at, std::size_t index) -> Status {
                    TRY_ASSIGN(JsonObject episode,
                               JsonObject::Open(element, at,
                                                {"ref", "opened_on", "reason", "closed_on",
                                                 "closing_reason", "schedule", "progress_shared"}));
                    TRY(episodes.Add(episode, index));
                    Episode parsed;
                    TRY_ASSIGN(parsed.opened_on, episode.Date("opened_on"));
                    TRY_ASSIGN(parsed.reason, episode.OptionalString("reason"));
                    if (episode.Has("closed_on")) {
                      TRY_ASSIGN(parsed.closed_on, episode.Date("closed_on"));
                    }
                    TRY_ASSIGN(parsed.closing_reason, episode.OptionalString("closing_reason"));
                    client.episodes.push_back(std::move(parsed));
                    TRY_ASSIGN(ImportedEpisodeSettings settings, ParseEpisodeSettings(episode));
                    client.episode_settings.push_back(std::move(settings));
                    return Ok();
                  }));
  return EachElement(
      object, "sessions",
      [&](const json& element, const std::string& at, std::size_t index) -> Status {
        TRY_ASSIGN(JsonObject session, JsonObject::Open(element, at,
                                                        {"ref", "episode", "date", "attendance",
                                                         "techniques", "supersedes"}));
        TRY(sessions.Add(session, index));
        ImportedSession parsed;
        TRY_ASSIGN(parsed.supersedes_index, sessions.ResolveEarlier(session, "supersedes", index));
        TRY_ASSIGN(parsed.episode_index, episodes.Require(session, "episode"));
        TRY_ASSIGN(parsed.session.date, session.Date("date"));
        TRY_ASSIGN(std::string attendance, session.String("attendance"));
        TRY_ASSIGN(parsed.session.attendance,
                   At(ParseAttendance(attendance), session.PathOf("attendance")));
        TRY(EachElement(
            session, "techniques",
            [&](const json& use, const std::string& use_at, std::size_t) -> Status {
              TRY_ASSIGN(JsonObject technique,
                         JsonObject::Open(use, use_at, {"technique", "helpfulness"}));
              TRY_ASSIGN(std::string id, technique.String("technique"));
              TRY_ASSIGN(auto helpfulness, technique.OptionalInteger("helpfulness", 0, 10));
              parsed.session.techniques.push_back(
                  {TechniqueId(id), helpfulness ? std::optional<int>(static_cast<int>(*helpfulness))
                                                : std::nullopt});
              return Ok();
            }));
        client.sessions.push_back(std::move(parsed));
        return Ok();
      });
}

Status ParseMeasuresAndAlerts(const JsonObject& object, ImportedClient& client,
                              const RefTable& sessions, RefTable& administrations,
                              RefTable& alerts) {
  TRY(EachElement(
      object, "administrations",
      [&](const json& element, const std::string& at, std::size_t index) -> Status {
        TRY_ASSIGN(
            JsonObject given,
            JsonObject::Open(element, at,
                             {"ref", "session", "instrument", "administered_at", "answers", "total",
                              "band", "subscales", "flags", "supersedes", "reason", "entry"}));
        TRY(administrations.Add(given, index));
        ImportedAdministration parsed;
        TRY_ASSIGN(parsed.supersedes_index,
                   administrations.ResolveEarlier(given, "supersedes", index));
        MeasureAdministration& administration = parsed.administration;
        TRY_ASSIGN(parsed.session_index, sessions.Resolve(given, "session"));
        TRY_ASSIGN(std::string instrument, given.String("instrument"));
        administration.instrument = InstrumentId(instrument);
        TRY_ASSIGN(administration.administered_at, Timestamp(given, "administered_at"));
        TRY(EachElement(
            given, "answers",
            [&](const json& answer, const std::string& answer_at, std::size_t) -> Status {
              TRY_ASSIGN(JsonObject item, JsonObject::Open(answer, answer_at, {"item", "value"}));
              TRY_ASSIGN(std::string id, item.String("item"));
              if (!item.Member("value") && !answer.contains("value"))
                return item.Fail("value", "required (null for a skipped item)");
              TRY_ASSIGN(auto value, item.OptionalNumber("value"));
              administration.answers.push_back({id, value});
              return Ok();
            }));
        TRY_ASSIGN(administration.total, given.OptionalNumber("total"));
        TRY_ASSIGN(administration.band, given.OptionalString("band"));
        TRY_ASSIGN(administration.subscales, given.NumberMap("subscales"));
        TRY_ASSIGN(administration.flags, given.Strings("flags"));
        TRY_ASSIGN(administration.reason, given.OptionalString("reason"));
        TRY_ASSIGN(const std::string entry, given.OptionalString("entry"));
        if (entry == "void") {
          administration.entry = AdministrationEntry::kVoid;
        } else if (!entry.empty() && entry != "measure") {
          return given.Fail("entry", "must be \"measure\" or \"void\"");
        }
        client.administrations.push_back(std::move(parsed));
        return Ok();
      }));
  return EachElement(
      object, "alerts",
      [&](const json& element, const std::string& at, std::size_t index) -> Status {
        TRY_ASSIGN(JsonObject given, JsonObject::Open(element, at,
                                                      {"ref", "kind", "raised_at", "detail",
                                                       "administration", "handlings"}));
        TRY(alerts.Add(given, index));
        ImportedAlert parsed;
        TRY_ASSIGN(parsed.alert.kind, given.String("kind"));
        TRY_ASSIGN(parsed.alert.raised_at, Timestamp(given, "raised_at"));
        TRY_ASSIGN(parsed.alert.detail, given.OptionalString("detail"));
        TRY_ASSIGN(parsed.administration_index, administrations.Resolve(given, "administration"));
        TRY(EachElement(
            given, "handlings",
            [&](const json& handling, const std::string& handling_at, std::size_t) -> Status {
              TRY_ASSIGN(JsonObject done,
                         JsonObject::Open(handling, handling_at, {"by", "at", "action", "note"}));
              Authored<AlertHandling> authored{"", handling_at, {}};
              TRY_ASSIGN(authored.username, done.String("by"));
              TRY_ASSIGN(authored.record.handled_at, Timestamp(done, "at"));
              TRY_ASSIGN(authored.record.action, done.String("action"));
              TRY_ASSIGN(authored.record.note, done.OptionalString("note"));
              parsed.handlings.push_back(std::move(authored));
              return Ok();
            }));
        client.alerts.push_back(std::move(parsed));
        return Ok();
      });
}

Status ParsePlans(const JsonObject& object, ImportedClient& client, const RefTable& episodes,
                  const RefTable& administrations, const RefTable& alerts) {
  return EachElement(
      object, "plans", [&](const json& element, const std::string& at, std::size_t) -> Status {
        TRY_ASSIGN(JsonObject given, JsonObject::Open(element, at, {"ref", "episode", "versions"}));
        ImportedPlan plan;
        TRY_ASSIGN(plan.episode_index, episodes.Require(given, "episode"));
        TRY(EachElement(
            given, "versions",
            [&](const json& version_json, const std::string& version_at, std::size_t) -> Status {
              TRY_ASSIGN(JsonObject version,
                         JsonObject::Open(version_json, version_at,
                                          {"content", "reason", "prompted_by", "sign_offs"}));
              ImportedPlanVersion parsed;
              const json* content = version.Member("content");
              if (!content) return version.Fail("content", "required");
              parsed.version.content = content->dump();
              TRY_ASSIGN(parsed.version.reason, version.String("reason"));
              if (const json* prompt = version.Member("prompted_by")) {
                TRY_ASSIGN(JsonObject why,
                           JsonObject::Open(*prompt, version.PathOf("prompted_by"),
                                            {"alert", "administration", "client_feedback"}));
                TRY_ASSIGN(parsed.alert_index, alerts.Resolve(why, "alert"));
                TRY_ASSIGN(parsed.administration_index,
                           administrations.Resolve(why, "administration"));
                TRY_ASSIGN(parsed.version.prompted_by.client_feedback,
                           why.OptionalString("client_feedback"));
              }
              TRY(EachElement(
                  version, "sign_offs",
                  [&](const json& sign, const std::string& sign_at, std::size_t) -> Status {
                    TRY_ASSIGN(JsonObject signature,
                               JsonObject::Open(sign, sign_at, {"user", "role", "agreement"}));
                    Authored<PlanSignOff> authored{"", sign_at, {}};
                    TRY_ASSIGN(authored.username, signature.String("user"));
                    TRY_ASSIGN(std::string role, signature.String("role"));
                    TRY_ASSIGN(authored.record.role,
                               At(ParseSignOffRole(role), signature.PathOf("role")));
                    // A client's agreement recorded by staff on the client's behalf says how it was
                    // given.
                    TRY_ASSIGN(std::string agreement, signature.OptionalString("agreement"));
                    if (!agreement.empty()) {
                      TRY_ASSIGN(authored.record.agreement,
                                 At(ParseAgreementGiven(agreement), signature.PathOf("agreement")));
                    }
                    parsed.sign_offs.push_back(std::move(authored));
                    return Ok();
                  }));
              plan.versions.push_back(std::move(parsed));
              return Ok();
            }));
        if (plan.versions.empty()) return given.Fail("versions", "needs at least one version");
        client.plans.push_back(std::move(plan));
        return Ok();
      });
}

Status ParseNotes(const JsonObject& object, ImportedClient& client, const RefTable& sessions) {
  RefTable notes("progress note");
  TRY(EachElement(
      object, "progress_notes",
      [&](const json& element, const std::string& at, std::size_t index) -> Status {
        TRY_ASSIGN(
            JsonObject given,
            JsonObject::Open(element, at, {"ref", "author", "session", "text", "supersedes"}));
        TRY(notes.Add(given, index));
        ImportedProgressNote note{{"", at, ""}, std::nullopt, std::nullopt};
        TRY_ASSIGN(note.supersedes_index, notes.ResolveEarlier(given, "supersedes", index));
        TRY_ASSIGN(note.note.username, given.String("author"));
        TRY_ASSIGN(note.note.record, given.String("text"));
        TRY_ASSIGN(note.session_index, sessions.Resolve(given, "session"));
        client.progress_notes.push_back(std::move(note));
        return Ok();
      }));
  TRY(EachElement(
      object, "consultation_threads",
      [&](const json& element, const std::string& at, std::size_t) -> Status {
        TRY_ASSIGN(JsonObject given,
                   JsonObject::Open(element, at, {"topic", "opened_by", "messages"}));
        ImportedThread thread{{"", at, ""}, {}};
        TRY_ASSIGN(thread.opening.username, given.String("opened_by"));
        TRY_ASSIGN(thread.opening.record, given.String("topic"));
        TRY(EachElement(
            given, "messages",
            [&](const json& message, const std::string& message_at, std::size_t) -> Status {
              TRY_ASSIGN(JsonObject posted,
                         JsonObject::Open(message, message_at, {"author", "text"}));
              Authored<std::string> authored{"", message_at, ""};
              TRY_ASSIGN(authored.username, posted.String("author"));
              TRY_ASSIGN(authored.record, posted.String("text"));
              thread.messages.push_back(std::move(authored));
              return Ok();
            }));
        client.threads.push_back(std::move(thread));
        return Ok();
      }));
  return EachElement(
      object, "psychotherapy_notes",
      [&](const json& element, const std::string& at, std::size_t) -> Status {
        TRY_ASSIGN(JsonObject given, JsonObject::Open(element, at, {"author", "text"}));
        Authored<std::string> note{"", at, ""};
        TRY_ASSIGN(note.username, given.String("author"));
        TRY_ASSIGN(note.record, given.String("text"));
        client.psychotherapy_notes.push_back(std::move(note));
        return Ok();
      });
}

Result<ImportedClient> ParseClient(const json& value, const std::string& path) {
  TRY_ASSIGN(JsonObject object,
             JsonObject::Open(value, path,
                              {"ref", "identifiers", "profile", "care_team", "episodes", "sessions",
                               "administrations", "alerts", "plans", "progress_notes",
                               "consultation_threads", "psychotherapy_notes"}));
  ImportedClient client;
  client.path = path;
  const json* identifiers = object.Member("identifiers");
  if (!identifiers) return object.Fail("identifiers", "required");
  TRY_ASSIGN(JsonObject who,
             JsonObject::Open(*identifiers, object.PathOf("identifiers"),
                              {"name", "date_of_birth", "contact", "external_reference"}));
  TRY_ASSIGN(client.identifiers.name, who.String("name"));
  if (who.Has("date_of_birth")) {
    TRY_ASSIGN(client.identifiers.date_of_birth, who.Date("date_of_birth"));
  }
  TRY_ASSIGN(client.identifiers.contact, who.OptionalString("contact"));
  TRY_ASSIGN(client.identifiers.external_reference, who.OptionalString("external_reference"));
  if (const json* profile = object.Member("profile")) {
    TRY_ASSIGN(client.profile, ProfileFromJson(*profile, object.PathOf("profile")));
  }
  TRY(EachElement(object, "care_team",
                  [&](const json& element, const std::string& at, std::size_t) -> Status {
                    TRY_ASSIGN(JsonObject member, JsonObject::Open(element, at, {"user", "role"}));
                    Authored<CareTeamRole> authored{"", at, CareTeamRole::kLead};
                    TRY_ASSIGN(authored.username, member.String("user"));
                    TRY_ASSIGN(std::string role, member.String("role"));
                    TRY_ASSIGN(authored.record, At(ParseCareTeamRole(role), member.PathOf("role")));
                    client.care_team.push_back(std::move(authored));
                    return Ok();
                  }));
  RefTable episodes("episode"), sessions("session"), administrations("administration"),
      alerts("alert");
  TRY(ParseEpisodesAndSessions(object, client, episodes, sessions));
  TRY(ParseMeasuresAndAlerts(object, client, sessions, administrations, alerts));
  TRY(ParsePlans(object, client, episodes, administrations, alerts));
  TRY(ParseNotes(object, client, sessions));
  return client;
}

}  // namespace

Result<ImportDocument> ParseImport(const std::string& text) {
  TRY_ASSIGN(json root, ParseJson(text));
  TRY_ASSIGN(JsonObject object,
             JsonObject::Open(root, "", {"format", "version", "therapists", "clients"}));
  TRY_ASSIGN(std::string format, object.String("format"));
  if (format != "tessera-records")
    return object.Fail("format", "must be \"tessera-records\" (is \"" + format + "\")");
  TRY_ASSIGN(auto version, object.OptionalInteger("version"));
  if (version != 1) return object.Fail("version", "must be 1");
  ImportDocument document;
  TRY(EachElement(object, "therapists",
                  [&](const json& element, const std::string& at, std::size_t) -> Status {
                    TRY_ASSIGN(ImportedTherapist therapist, ParseTherapist(element, at));
                    document.therapists.push_back(std::move(therapist));
                    return Ok();
                  }));
  TRY(EachElement(object, "clients",
                  [&](const json& element, const std::string& at, std::size_t) -> Status {
                    TRY_ASSIGN(ImportedClient client, ParseClient(element, at));
                    document.clients.push_back(std::move(client));
                    return Ok();
                  }));
  return document;
}

}  // namespace tessera::store
