#pragma once
// Patient, Practitioner and CareTeam resources. A Patient carries the minimum a receiving
// system needs to match the person: tessera's client id, the referral system's reference
// when recorded, the name and the date of birth. Contact details and the clinical profile
// stay out.

#include <vector>

#include <nlohmann/json.hpp>

#include "core/records/people.hpp"

namespace tessera::fhir {

/// Patient/<client id>.
nlohmann::json PatientOf(const Client& client);
/// Practitioner/<therapist id>. REQUIRES: IsFhirId(therapist.id) (callers skip others).
nlohmann::json PractitionerOf(const Therapist& therapist);
/// CareTeam/<client id>: the client's care team; members are tessera accounts, named by
/// identifier (system urn:tessera:user).
nlohmann::json CareTeamOf(ClientId client, const std::vector<CareTeamMember>& members);

}  // namespace tessera::fhir
