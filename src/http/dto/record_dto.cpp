#include "http/dto/record_dto.hpp"

#include "core/records/names.hpp"
#include "http/json_body.hpp"
#include "http/routes/route_support.hpp"
#include "json/object.hpp"
#include "store/exchange/record_json.hpp"

namespace tessera::http {

using nlohmann::json;

namespace {

json OptionalId(const auto& id) { return id ? json(id->value()) : json(nullptr); }

}  // namespace

// The client-profile document has one reader and one writer, shared with the store and
// import/export (store/exchange/record_json.hpp; docs/schemas/client-profile.schema.json).
json ProfileJson(const ClientProfile& profile) { return store::ProfileToJson(profile); }

json ClientProfileJson(const Client& client) {
  return {{"id", client.id.value()},
          {"profile_version", client.profile_version},
          {"profile", ProfileJson(client.profile)}};
}

json ClientJson(const Client& client) {
  json out = ClientProfileJson(client);
  out["identifiers"] = {{"name", client.identifiers.name},
                        {"date_of_birth", client.identifiers.date_of_birth},
                        {"contact", client.identifiers.contact},
                        {"external_reference", client.identifiers.external_reference}};
  out["identifiers_version"] = client.identifiers_version;
  return out;
}

json CareTeamMemberJson(const CareTeamMember& member) {
  json entry{{"client_id", member.client.value()},
             {"user_id", member.user.value()},
             {"role", std::string(Name(member.role))}};
  if (!member.name.empty()) entry["name"] = member.name;
  return entry;
}

json EpisodeJson(const Episode& episode) {
  return {{"id", episode.id.value()},
          {"client_id", episode.client.value()},
          {"opened_on", episode.opened_on},
          {"reason", episode.reason},
          {"closed_on", episode.closed_on ? json(*episode.closed_on) : json(nullptr)},
          {"closing_reason", episode.closing_reason}};
}

json SessionJson(const Session& session) {
  json techniques = json::array();
  for (const TechniqueUse& use : session.techniques)
    techniques.push_back(
        {{"technique", use.technique.value()},
         {"helpfulness", use.helpfulness ? json(*use.helpfulness) : json(nullptr)}});
  return {{"id", session.id.value()},
          {"episode_id", session.episode.value()},
          {"client_id", session.client.value()},
          {"date", session.date},
          {"attendance", std::string(Name(session.attendance))},
          {"techniques", techniques},
          {"supersedes", OptionalId(session.supersedes)},
          {"amendment_reason", session.amendment_reason},
          {"recorded_by", OptionalId(session.recorded_by)},
          {"recorded_at", FormatUtc(session.recorded_at)}};
}

json ProgressNoteJson(const ProgressNote& note) {
  return {{"id", note.id.value()},
          {"client_id", note.client.value()},
          {"session_id", OptionalId(note.session)},
          {"author_id", note.author.value()},
          {"written_at", FormatUtc(note.written_at)},
          {"text", note.text},
          {"supersedes", OptionalId(note.supersedes)},
          {"amendment_reason", note.amendment_reason}};
}

json ThreadJson(const ConsultationThread& thread) {
  json messages = json::array();
  for (const ConsultationMessage& message : thread.messages)
    messages.push_back({{"author_id", message.author.value()},
                        {"author_name", message.author_name},
                        {"posted_at", FormatUtc(message.posted_at)},
                        {"text", message.text}});
  return {{"id", thread.id.value()},
          {"client_id", thread.client.value()},
          {"topic", thread.topic},
          {"opened_by", thread.opened_by.value()},
          {"messages", messages}};
}

json InboxEntryJson(const ConsultationInboxEntry& entry) {
  json authors = json::array();
  for (const auto& [id, name] : entry.authors)
    authors.push_back({{"id", id.value()}, {"name", name}});
  return {{"id", entry.id.value()},
          {"client_id", entry.client.value()},
          {"client_name", entry.client_name},
          {"topic", entry.topic},
          {"opened_by", entry.opened_by.value()},
          {"opened_at", FormatUtc(entry.opened_at)},
          {"last_activity_at", FormatUtc(entry.last_activity)},
          {"messages", entry.messages},
          {"unread", entry.unread},
          {"taking_part", entry.taking_part},
          {"authors", authors}};
}

json TherapistJson(const Therapist& therapist) {
  json competencies = json::array();
  for (const Competency& competency : therapist.competencies)
    competencies.push_back(
        {{"model", competency.model.value()},
         {"technique", competency.technique ? json(competency.technique->value()) : json(nullptr)},
         {"level", std::string(Name(competency.level))},
         {"training", competency.evidence.training},
         {"certification", competency.evidence.certification},
         {"supervised_hours", competency.evidence.supervised_hours}});
  return {{"id", therapist.id.value()},
          {"user_id", OptionalId(therapist.user)},
          {"display_name", therapist.display_name},
          {"home_model", therapist.home_model.value()},
          {"style", therapist.style},
          {"competencies", competencies},
          {"version", therapist.version}};
}

json PsychotherapyNoteJson(const PsychotherapyNote& note) {
  return {{"id", note.id.value()},
          {"client_id", note.client.value()},
          {"written_at", FormatUtc(note.written_at)},
          {"text", note.text},
          {"supersedes", OptionalId(note.supersedes)}};
}

Result<ClientIdentifiers> ParseIdentifiers(const json& body) {
  TRY_ASSIGN(JsonObject fields,
             JsonObject::Open(body, "identifiers",
                              {"name", "date_of_birth", "contact", "external_reference"}));
  ClientIdentifiers identifiers;
  TRY_ASSIGN(identifiers.name, fields.Text("name", kMaxShortTextBytes));
  TRY_ASSIGN(std::optional<std::string> birth, fields.OptionalDate("date_of_birth"));
  identifiers.date_of_birth = birth.value_or("");
  TRY_ASSIGN(identifiers.contact, fields.OptionalString("contact", {}, kMaxShortTextBytes));
  TRY_ASSIGN(identifiers.external_reference,
             fields.OptionalString("external_reference", {}, kMaxShortTextBytes));
  return identifiers;
}

Result<ClientProfile> ParseProfile(const json& body) {
  return store::ProfileFromJson(body, "profile");
}

Status RequireWholeProfile(const json& body) {
  std::string missing;
  for (const char* field :
       {"problems", "traits", "stage_of_change", "preferences", "goals", "risks"}) {
    if (!body.contains(field)) missing += (missing.empty() ? "" : ", ") + std::string(field);
  }
  if (missing.empty()) return Ok();
  return InvalidArgument(
      "field 'profile': PUT replaces the whole profile and these fields are "
      "missing: " +
      missing +
      " (send [] for an empty list, {} for an empty "
      "map, null for no stage of change)");
}

Result<std::string> ParseAmendmentReason(const json& body, bool amends) {
  if (amends) return RequireText(body, "amendment_reason", kMaxShortTextBytes);
  if (body.contains("amendment_reason") && !body.at("amendment_reason").is_null())
    return InvalidArgument(
        "amendment_reason: only an amendment (a request with 'supersedes') has one");
  return std::string();
}

Result<Session> ParseSession(const json& body) {
  TRY_ASSIGN(JsonObject fields, JsonObject::Open(body, "",
                                                 {"episode_id", "date", "attendance", "techniques",
                                                  "supersedes", "amendment_reason"}));
  Session session;
  TRY_ASSIGN(std::int64_t episode, fields.Integer("episode_id", 1));
  session.episode = EpisodeId(episode);
  TRY_ASSIGN(session.date, fields.Date("date"));
  TRY_ASSIGN(std::string attendance, fields.String("attendance"));
  TRY_ASSIGN(session.attendance, ParseAttendance(attendance));
  TRY_ASSIGN(std::optional<std::int64_t> supersedes, fields.OptionalInteger("supersedes", 1));
  if (supersedes) session.supersedes = SessionId(*supersedes);
  TRY_ASSIGN(session.amendment_reason, ParseAmendmentReason(body, supersedes.has_value()));
  TRY_ASSIGN(JsonArray techniques, fields.Array("techniques"));
  for (std::size_t index = 0; index < techniques.size(); ++index) {
    TRY_ASSIGN(JsonObject technique, techniques.Object(index, {"technique", "helpfulness"}));
    TRY_ASSIGN(std::string id, technique.Text("technique", kMaxShortTextBytes));
    // The client's own 0..10 rating of how much the technique helped (docs/store.md).
    TRY_ASSIGN(std::optional<std::int64_t> helpfulness,
               technique.OptionalInteger("helpfulness", 0, 10));
    TechniqueUse use{TechniqueId(id), std::nullopt};
    if (helpfulness) use.helpfulness = static_cast<int>(*helpfulness);
    session.techniques.push_back(use);
  }
  return session;
}

Result<Therapist> ParseTherapist(const json& body) {
  TRY_ASSIGN(JsonObject fields, JsonObject::Open(body, "",
                                                 {"id", "user_id", "display_name", "home_model",
                                                  "style", "competencies", "version"}));
  Therapist therapist;
  TRY_ASSIGN(std::string id, fields.Text("id", 64));
  therapist.id = TherapistId(id);
  TRY_ASSIGN(std::optional<std::int64_t> user, fields.OptionalInteger("user_id", 1));
  if (user) therapist.user = UserId(*user);
  TRY_ASSIGN(therapist.display_name, fields.Text("display_name", kMaxShortTextBytes));
  TRY_ASSIGN(std::string home_model, fields.Text("home_model", kMaxShortTextBytes));
  therapist.home_model = ModelId(home_model);
  TRY_ASSIGN(std::optional<std::int64_t> version, fields.OptionalInteger("version", 1));
  therapist.version = version.value_or(1);
  TRY_ASSIGN(therapist.style, fields.NumberMap("style"));
  for (const auto& [key, value] : therapist.style) {
    if (value < 0 || value > 1)
      return JsonFail({}, JsonFieldPath(fields.PathOf("style"), key), "out of range 0..1");
  }
  TRY_ASSIGN(JsonArray competencies, fields.Array("competencies"));
  for (std::size_t index = 0; index < competencies.size(); ++index) {
    TRY_ASSIGN(JsonObject item,
               competencies.Object(index, {"model", "technique", "level", "training",
                                           "certification", "supervised_hours"}));
    Competency competency;
    TRY_ASSIGN(std::string model, item.Text("model", kMaxShortTextBytes));
    competency.model = ModelId(model);
    if (item.Has("technique")) {
      TRY_ASSIGN(std::string technique, item.Text("technique", kMaxShortTextBytes));
      competency.technique = TechniqueId(technique);
    }
    TRY_ASSIGN(std::string level, item.String("level"));
    TRY_ASSIGN(competency.level, ParseCompetenceLevel(level));
    TRY_ASSIGN(competency.evidence.training,
               item.OptionalString("training", {}, kMaxShortTextBytes));
    TRY_ASSIGN(competency.evidence.certification,
               item.OptionalString("certification", {}, kMaxShortTextBytes));
    TRY_ASSIGN(std::optional<double> hours, item.OptionalNumber("supervised_hours", 0, 100000));
    competency.evidence.supervised_hours = hours.value_or(competency.evidence.supervised_hours);
    therapist.competencies.push_back(std::move(competency));
  }
  return therapist;
}

}  // namespace tessera::http
