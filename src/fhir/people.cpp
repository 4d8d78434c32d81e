#include "fhir/people.hpp"

#include "core/records/names.hpp"
#include "fhir/fhir_json.hpp"

namespace tessera::fhir {
namespace {

using nlohmann::json;

json Identifier(std::string_view system, std::string value) {
  return {{"system", system}, {"value", std::move(value)}};
}

bool IsDate(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t index = 0; index < text.size(); ++index) {
    if (index == 4 || index == 7) continue;
    if (text[index] < '0' || text[index] > '9') return false;
  }
  return true;
}

}  // namespace

json PatientOf(const Client& client) {
  const std::string id = std::to_string(client.id.value());
  json identifiers = json::array({Identifier(kClientIdentifierSystem, id)});
  if (!client.identifiers.external_reference.empty()) {
    identifiers.push_back(
        Identifier(kExternalReferenceSystem, client.identifiers.external_reference));
  }
  json patient = {{"resourceType", "Patient"}, {"id", id}, {"identifier", std::move(identifiers)}};
  if (!client.identifiers.name.empty()) {
    patient["name"] = json::array({{{"text", client.identifiers.name}}});
  }
  if (IsDate(client.identifiers.date_of_birth)) {
    patient["birthDate"] = client.identifiers.date_of_birth;
  }
  return patient;
}

json PractitionerOf(const Therapist& therapist) {
  json practitioner = {
      {"resourceType", "Practitioner"},
      {"id", therapist.id.value()},
      {"identifier", json::array({Identifier(kTherapistIdentifierSystem, therapist.id.value())})},
      {"active", true}};
  if (!therapist.display_name.empty()) {
    practitioner["name"] = json::array({{{"text", therapist.display_name}}});
  }
  return practitioner;
}

json CareTeamOf(ClientId client, const std::vector<CareTeamMember>& members) {
  const std::string id = std::to_string(client.value());
  json participants = json::array();
  for (const CareTeamMember& member : members) {
    participants.push_back(
        {{"role", json::array({{{"text", std::string(Name(member.role))}}})},
         {"member",
          {{"identifier", Identifier(kUserIdentifierSystem, std::to_string(member.user.value()))},
           {"display", "tessera account " + std::to_string(member.user.value())}}}});
  }
  json team = {{"resourceType", "CareTeam"},
               {"id", id},
               {"status", "active"},
               {"name", "Care team of client " + id},
               {"subject", Reference("Patient", id)}};
  if (!participants.empty()) team["participant"] = std::move(participants);
  return team;
}

}  // namespace tessera::fhir
