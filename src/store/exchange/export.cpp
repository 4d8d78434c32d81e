// Exporting one client's record set in the import format. Psychotherapy notes are never read
// here: the export path has no call that could reach them.

#include <map>

#include "core/records/names.hpp"
#include "store/exchange/import_document.hpp"
#include "store/exchange/record_json.hpp"

namespace tessera::store {
namespace {

using nlohmann::json;

std::string Ref(std::string_view prefix, std::int64_t id) {
  return std::string(prefix) + std::to_string(id);
}

class Usernames {
 public:
  Usernames(Store& store, const AccessContext& context) : store_(store), context_(context) {}
  Result<std::string> Of(UserId id) {
    const auto cached = names_.find(id);
    if (cached != names_.end()) return cached->second;
    TRY_ASSIGN(User user, store_.GetUser(context_, id));
    names_.emplace(id, user.username);
    return user.username;
  }

 private:
  Store& store_;
  const AccessContext& context_;
  std::map<UserId, std::string> names_;
};

json OptionalNumber(const std::optional<double>& value) {
  return value ? json(*value) : json(nullptr);
}

Result<json> ExportRecords(Store& store, const AccessContext& context, ClientId id,
                           Usernames& usernames) {
  TRY_ASSIGN(Client client, store.GetClient(context, id));
  json out{{"ref", Ref("c", id.value())},
           {"identifiers",
            {{"name", client.identifiers.name},
             {"date_of_birth", client.identifiers.date_of_birth.empty()
                                   ? json(nullptr)
                                   : json(client.identifiers.date_of_birth)},
             {"contact", client.identifiers.contact},
             {"external_reference", client.identifiers.external_reference}}},
           {"profile", ProfileToJson(client.profile)}};
  out["care_team"] = json::array();
  TRY_ASSIGN(auto team, store.GetCareTeam(context, id));
  for (const CareTeamMember& member : team) {
    TRY_ASSIGN(std::string name, usernames.Of(member.user));
    out["care_team"].push_back({{"user", name}, {"role", Name(member.role)}});
  }
  out["episodes"] = json::array();
  TRY_ASSIGN(auto episodes, store.ListEpisodes(context, id));
  for (const Episode& episode : episodes) {
    json entry{{"ref", Ref("e", episode.id.value())},
               {"opened_on", episode.opened_on},
               {"reason", episode.reason}};
    if (episode.closed_on) {
      entry["closed_on"] = *episode.closed_on;
      entry["closing_reason"] = episode.closing_reason;
    }
    // What the clinician set for the episode (issue 18): its own schedule (none: it follows
    // the default) and whether its progress is shared with the client.
    TRY_ASSIGN(auto schedule, store.GetSchedule(context, id, episode.id));
    if (schedule) entry["schedule"] = json::parse((*schedule).document, nullptr, false);
    TRY_ASSIGN(ProgressSharing sharing, store.GetProgressSharing(context, id, episode.id));
    if (sharing.shared) entry["progress_shared"] = true;
    out["episodes"].push_back(entry);
  }
  out["sessions"] = json::array();
  TRY_ASSIGN(auto sessions, store.ListSessions(context, id, Versions::kWithHistory));
  for (const Session& session : sessions) {
    json techniques = json::array();
    for (const TechniqueUse& use : session.techniques)
      techniques.push_back(
          {{"technique", use.technique.value()},
           {"helpfulness", use.helpfulness ? json(*use.helpfulness) : json(nullptr)}});
    json entry{{"ref", Ref("s", session.id.value())},
               {"episode", Ref("e", session.episode.value())},
               {"date", session.date},
               {"attendance", Name(session.attendance)},
               {"techniques", techniques}};
    if (session.supersedes) entry["supersedes"] = Ref("s", session.supersedes->value());
    out["sessions"].push_back(entry);
  }
  out["administrations"] = json::array();
  TRY_ASSIGN(auto administrations, store.ListAdministrations(context, id, Versions::kWithHistory));
  for (const MeasureAdministration& administration : administrations) {
    json answers = json::array();
    for (const ItemAnswer& answer : administration.answers)
      answers.push_back({{"item", answer.item}, {"value", OptionalNumber(answer.value)}});
    json entry{{"ref", Ref("a", administration.id.value())},
               {"session", administration.session ? json(Ref("s", administration.session->value()))
                                                  : json(nullptr)},
               {"instrument", administration.instrument.value()},
               {"administered_at", FormatUtc(administration.administered_at)},
               {"answers", answers},
               {"total", OptionalNumber(administration.total)},
               {"band", administration.band},
               {"subscales", administration.subscales},
               {"flags", administration.flags}};
    if (administration.supersedes)
      entry["supersedes"] = Ref("a", administration.supersedes->value());
    // A correction or void says why; a void says it is one (issue 16).
    if (!administration.reason.empty()) entry["reason"] = administration.reason;
    if (administration.entry == AdministrationEntry::kVoid) entry["entry"] = "void";
    out["administrations"].push_back(entry);
  }
  out["alerts"] = json::array();
  TRY_ASSIGN(auto alerts, store.ListAlerts(context, id));
  for (const Alert& alert : alerts) {
    json handlings = json::array();
    for (const AlertHandling& handling : alert.handlings) {
      TRY_ASSIGN(std::string by, usernames.Of(handling.handled_by));
      handlings.push_back({{"by", by},
                           {"at", FormatUtc(handling.handled_at)},
                           {"action", handling.action},
                           {"note", handling.note}});
    }
    out["alerts"].push_back(
        {{"ref", Ref("al", alert.id.value())},
         {"kind", alert.kind},
         {"raised_at", FormatUtc(alert.raised_at)},
         {"detail", alert.detail},
         {"administration",
          alert.administration ? json(Ref("a", alert.administration->value())) : json(nullptr)},
         {"handlings", handlings}});
  }
  out["plans"] = json::array();
  TRY_ASSIGN(auto plans, store.ListPlans(context, id));
  for (const Plan& plan : plans) {
    json versions = json::array();
    for (const PlanVersion& version : plan.versions) {
      json sign_offs = json::array();
      for (const PlanSignOff& sign_off : version.sign_offs) {
        TRY_ASSIGN(std::string user, usernames.Of(sign_off.user));
        json signature{{"user", user}, {"role", Name(sign_off.role)}};
        if (sign_off.agreement != AgreementGiven::kOwnAccount)
          signature["agreement"] = Name(sign_off.agreement);
        sign_offs.push_back(std::move(signature));
      }
      TRY_ASSIGN(json content, ParseStoredJson(version.content));
      json prompted{{"client_feedback", version.prompted_by.client_feedback}};
      if (version.prompted_by.alert)
        prompted["alert"] = Ref("al", version.prompted_by.alert->value());
      if (version.prompted_by.administration)
        prompted["administration"] = Ref("a", version.prompted_by.administration->value());
      versions.push_back({{"content", content},
                          {"reason", version.reason},
                          {"prompted_by", prompted},
                          {"sign_offs", sign_offs}});
    }
    out["plans"].push_back({{"ref", Ref("p", plan.id.value())},
                            {"episode", Ref("e", plan.episode.value())},
                            {"versions", versions}});
  }
  out["progress_notes"] = json::array();
  TRY_ASSIGN(auto notes, store.ListProgressNotes(context, id, Versions::kWithHistory));
  for (const ProgressNote& note : notes) {
    TRY_ASSIGN(std::string author, usernames.Of(note.author));
    json entry{{"ref", Ref("n", note.id.value())},
               {"author", author},
               {"session", note.session ? json(Ref("s", note.session->value())) : json(nullptr)},
               {"text", note.text}};
    if (note.supersedes) entry["supersedes"] = Ref("n", note.supersedes->value());
    out["progress_notes"].push_back(entry);
  }
  out["consultation_threads"] = json::array();
  TRY_ASSIGN(auto threads, store.ListThreads(context, id));
  for (const ConsultationThread& thread : threads) {
    json messages = json::array();
    for (const ConsultationMessage& message : thread.messages) {
      TRY_ASSIGN(std::string author, usernames.Of(message.author));
      messages.push_back({{"author", author}, {"text", message.text}});
    }
    TRY_ASSIGN(std::string opened_by, usernames.Of(thread.opened_by));
    out["consultation_threads"].push_back(
        {{"topic", thread.topic}, {"opened_by", opened_by}, {"messages", messages}});
  }
  return out;
}

}  // namespace

Result<std::string> ExportClient(Store& store, const AccessContext& context, ClientId client) {
  std::string text;
  // One transaction: the export is a consistent snapshot, and its audit entries commit with it.
  TRY(store.Atomically([&]() -> Status {
    TRY(store.AuditExport(context, client));
    Usernames usernames(store, context);
    TRY_ASSIGN(json record, ExportRecords(store, context, client, usernames));
    json document{
        {"format", "tessera-records"}, {"version", 1}, {"clients", json::array({record})}};
    text = document.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
    return Ok();
  }));
  return text;
}

}  // namespace tessera::store
