#pragma once
// The import file (docs/import-format.md), parsed and fully validated before anything is
// written. References inside a client ("episode": "e1") are resolved to positions in the same
// client's lists; accounts are named by username and resolved against the store.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/store.hpp"

namespace tessera::store {

/// A note, handling, sign-off or message written by a named account.
template <class Record>
struct Authored {
  std::string username;
  std::string path;  // where it is in the file, for errors
  Record record;
};

// `supersedes_index`: this record amends an earlier one of the same list (export writes the
// whole history this way; import replays it in order).
struct ImportedSession {
  Session session;
  std::size_t episode_index = 0;
  std::optional<std::size_t> supersedes_index;
};
struct ImportedAdministration {
  MeasureAdministration administration;
  std::optional<std::size_t> session_index;
  std::optional<std::size_t> supersedes_index;
};
struct ImportedAlert {
  Alert alert;
  std::optional<std::size_t> administration_index;
  std::vector<Authored<AlertHandling>> handlings;
};
struct ImportedPlanVersion {
  PlanVersion version;
  std::optional<std::size_t> alert_index;
  std::optional<std::size_t> administration_index;
  std::vector<Authored<PlanSignOff>> sign_offs;  // user and time come from the import
};
struct ImportedPlan {
  std::size_t episode_index = 0;
  std::vector<ImportedPlanVersion> versions;
};
struct ImportedThread {
  Authored<std::string> opening;  // username opened it; record = topic
  std::vector<Authored<std::string>> messages;
};
struct ImportedProgressNote {
  Authored<std::string> note;  // record = text
  std::optional<std::size_t> session_index;
  std::optional<std::size_t> supersedes_index;
};

/// What the clinician set for an episode (issue 18): its measurement schedule (the document
/// GET .../schedule shows, without episode_id and basis) and whether its progress is shared
/// with the client (decision 0260).
struct ImportedEpisodeSettings {
  std::optional<std::string> schedule;  // JSON; absent: the episode follows the default
  bool progress_shared = false;
};

struct ImportedClient {
  std::string path;  // "clients[3]"
  ClientIdentifiers identifiers;
  ClientProfile profile;
  std::vector<Authored<CareTeamRole>> care_team;
  std::vector<Episode> episodes;
  std::vector<ImportedEpisodeSettings> episode_settings;  // same index as episodes
  std::vector<ImportedSession> sessions;
  std::vector<ImportedAdministration> administrations;
  std::vector<ImportedAlert> alerts;
  std::vector<ImportedPlan> plans;
  std::vector<ImportedProgressNote> progress_notes;
  std::vector<ImportedThread> threads;
  std::vector<Authored<std::string>> psychotherapy_notes;  // record = text
};

struct ImportedTherapist {
  std::string path;
  std::optional<std::string> username;
  Therapist therapist;
};

struct ImportDocument {
  std::vector<ImportedTherapist> therapists;
  std::vector<ImportedClient> clients;
};

/// Parses and validates the whole file. InvalidArgument naming the path and the rule for
/// malformed JSON, unknown fields, wrong types, bad values and references that do not resolve
/// inside the file. Accounts are checked later, against the store, by ImportRecords.
Result<ImportDocument> ParseImport(const std::string& text);

struct ImportSummary {
  std::size_t therapists = 0;
  std::size_t clients = 0;
  std::size_t records = 0;  // everything else written
  std::vector<ClientId> client_ids;
};

/// Writes the document in one transaction as `context` (an admin); notes, handlings,
/// sign-offs and messages are written as their named authors, who must be on the client's
/// care team in the file. All or nothing: on any error the store is unchanged.
Result<ImportSummary> ImportRecords(Store& store, const AccessContext& context,
                                    const ImportDocument& document);

/// The client's whole record set in the import format, amended versions included
/// (psychotherapy notes never included), as pretty-printed JSON. Audited as an export.
Result<std::string> ExportClient(Store& store, const AccessContext& context, ClientId client);

}  // namespace tessera::store
