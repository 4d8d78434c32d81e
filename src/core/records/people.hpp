#pragma once
// People the store knows: user accounts, therapists (with their competence) and clients.
// A client's identifiers (who they are) are kept apart from their clinical profile (what is
// wrong and what they want), in separate tables, so a clinical read never needs identity.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/vocabulary.hpp"

namespace tessera {

enum class Role { kAdmin, kClinician, kSupervisor, kClient };

/// A login account. Only an argon2id hash of the password is ever stored.
struct User {
  UserId id;
  std::string username;
  Role role = Role::kClinician;
  std::string password_hash;  // libsodium crypto_pwhash_str output ("$argon2id$...")
  TimePoint created_at;
};

/// Evidence that backs a competence claim.
struct CompetenceEvidence {
  std::string training;       // e.g. "Beck Institute CBT core course, 2021"; may be empty
  std::string certification;  // may be empty
  double supervised_hours = 0;
};

/// Competence in one model, or in one technique of it when `technique` is set.
struct Competency {
  ModelId model;
  std::optional<TechniqueId> technique;
  Competence level = Competence::kCompetent;
  CompetenceEvidence evidence;
};

/// A therapist profile. `version` starts at 1; an update must name the version it replaces.
struct Therapist {
  TherapistId id;
  std::optional<UserId> user;
  std::string display_name;
  ModelId home_model;
  std::map<std::string, double> style;  // e.g. {"directiveness": 0.7, "warmth": 0.8}
  std::vector<Competency> competencies;
  std::int64_t version = 1;
};

/// Who the client is. Never part of a clinical read or an audit entry.
struct ClientIdentifiers {
  std::string name;
  std::string date_of_birth;       // ISO date "YYYY-MM-DD"; may be empty
  std::string contact;             // may be empty
  std::string external_reference;  // e.g. the referral system's number; may be empty
};

struct ProblemSeverity {
  ProblemId problem;
  std::string severity;  // e.g. "moderate"; the scale is the clinician's
};

/// The clinical profile. Amending it stores a new version; old versions stay readable.
struct ClientProfile {
  std::vector<ProblemSeverity> problems;
  std::map<std::string, std::string> traits;  // STS dimensions, e.g. coping_style
  std::optional<StageOfChange> stage_of_change;
  std::map<std::string, std::string> preferences;  // C-NIP dimensions and free preferences
  std::vector<std::string> goals;                  // in the client's own words
  std::vector<std::string> risks;                  // risk flags
};

struct Client {
  ClientId id;
  ClientIdentifiers identifiers;
  ClientProfile profile;  // the current version
  std::int64_t profile_version = 1;
  std::int64_t identifiers_version = 1;  // GetClient only: 1 at registration, +1 per amendment
};

enum class CareTeamRole { kLead, kCoTherapist, kSupervisor, kConsultant };

/// A clinician's place on a client's care team.
struct CareTeamMember {
  ClientId client;
  UserId user;
  CareTeamRole role = CareTeamRole::kLead;
  /// The account's name (its therapist's display name, else the username); set by GetCareTeam.
  std::string name{};
};

}  // namespace tessera
