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

struct PlanSignOff {
  UserId user;
  SignOffRole role = SignOffRole::kClinician;
  TimePoint signed_at;
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
};

}  // namespace tessera
