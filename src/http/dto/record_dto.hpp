#pragma once
// Wire DTOs for the clinical record: the JSON shapes of the API, kept apart from core's record
// types so the two can change independently. To*Json writes a record; Parse* reads a request
// body and returns kInvalidArgument naming the field and the rule (unknown fields included).
// Psychotherapy notes have their own writer and are used by exactly one route.

#include <nlohmann/json.hpp>

#include "core/records/clinical.hpp"
#include "core/records/people.hpp"
#include "core/result.hpp"

namespace tessera::http {

nlohmann::json ClientJson(const Client& client);         // identifiers and profile
nlohmann::json ClientProfileJson(const Client& client);  // profile only
nlohmann::json ProfileJson(const ClientProfile& profile);
nlohmann::json CareTeamMemberJson(const CareTeamMember& member);
nlohmann::json EpisodeJson(const Episode& episode);
nlohmann::json SessionJson(const Session& session);
nlohmann::json ProgressNoteJson(const ProgressNote& note);
nlohmann::json ThreadJson(const ConsultationThread& thread);
nlohmann::json InboxEntryJson(const ConsultationInboxEntry& entry);
nlohmann::json TherapistJson(const Therapist& therapist);
/// Only for GET /clients/{id}/psychotherapy-notes, which returns the caller's own notes.
nlohmann::json PsychotherapyNoteJson(const PsychotherapyNote& note);

Result<ClientIdentifiers> ParseIdentifiers(const nlohmann::json& body);
Result<ClientProfile> ParseProfile(const nlohmann::json& body);
/// PUT replaces the whole profile (docs/decisions/0125-profile-put-whole-document.md): every
/// field must be present, an empty value ([], {} or null) clearing it. InvalidArgument naming
/// the missing fields otherwise (issue 16: a partial PUT silently wiped goals, traits, stage).
Status RequireWholeProfile(const nlohmann::json& body);
/// The session fields of a request (episode_id, date, attendance, techniques, supersedes,
/// amendment_reason).
Result<Session> ParseSession(const nlohmann::json& body);
/// An amendment's `amendment_reason`: required (1..500 bytes) when the request amends a record,
/// refused when it does not.
Result<std::string> ParseAmendmentReason(const nlohmann::json& body, bool amends);
/// A therapist profile; `version` is required only when updating.
Result<Therapist> ParseTherapist(const nlohmann::json& body);

}  // namespace tessera::http
