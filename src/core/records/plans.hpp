#pragma once
// Treatment plans. A plan is a series of versions; a revision never edits an old version, and
// records what prompted it (an alert or a measure administration) and who signed it off.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/records/clinical.hpp"

namespace tessera {

enum class SignOffRole { kClinician, kClient, kSupervisor };

/// How the client's agreement reached the record: their own account's sign-off, or recorded by
/// a clinician on their behalf, saying how they agreed.
enum class AgreementGiven { kOwnAccount, kInSession, kByPhone, kInWriting };

struct PlanSignOff {
  UserId user;  // who signed; for an agreement recorded on the client's behalf, the recorder
  SignOffRole role = SignOffRole::kClinician;
  TimePoint signed_at;
  AgreementGiven agreement = AgreementGiven::kOwnAccount;  // only role kClient records others
};

/// draft -> active -> superseded; a draft may instead be discarded. Exactly one plan of an
/// episode is active at a time: the one the monitor, summaries and proposals follow.
enum class PlanStatus { kDraft, kActive, kSuperseded, kDiscarded };

struct PlanStatusChange {
  PlanStatus status = PlanStatus::kDraft;
  std::int64_t version = 0;  // the plan's current version when its status changed
  UserId changed_by;
  TimePoint changed_at;
  std::string reason;
};

/// What moved the clinician to revise the plan; at least one of these may be set.
struct RevisionPrompt {
  std::optional<AlertId> alert;
  std::optional<AdministrationId> administration;
  std::string client_feedback;  // the client's words, may be empty
};

struct PlanVersion {
  std::int64_t version = 1;
  std::string content;  // the plan as JSON text (the planner's format); opaque to the store
  std::string reason;   // why this version exists; "initial plan" for version 1
  RevisionPrompt prompted_by;
  UserId created_by;
  TimePoint created_at;
  std::vector<PlanSignOff> sign_offs;
};

struct Plan {
  PlanId id;
  ClientId client;
  EpisodeId episode;
  std::vector<PlanVersion> versions;  // oldest first; versions.back() is current
  PlanStatus status = PlanStatus::kDraft;
  std::vector<PlanStatusChange> status_history{};  // oldest first; empty while a draft
};

/// True when `version` is signed by a clinician and agreed by the client (their own sign-off
/// or one recorded on their behalf): the condition for a draft to become active.
inline bool AgreedByBoth(const PlanVersion& version) {
  bool clinician = false;
  bool client = false;
  for (const PlanSignOff& sign_off : version.sign_offs) {
    clinician = clinician || sign_off.role == SignOffRole::kClinician;
    client = client || sign_off.role == SignOffRole::kClient;
  }
  return clinician && client;
}

}  // namespace tessera
