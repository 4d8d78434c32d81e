#pragma once
// Measurement schedules and questionnaire links (issue 18; docs/schedules.md).
//
// An episode's schedule says which questionnaires are due at which session. The store keeps it
// as the JSON document the app validated (app/measurement_schedules.hpp reads and writes it);
// an episode without one follows the shipped default for its problem.
//
// A questionnaire link lets a client answer the questionnaires due for one session without an
// account: the store keeps only the SHA-256 of its random token, never the token. A link is the
// issuing clinician's delegation: what is done through it is audited under that clinician,
// with the link's id as the record.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/access.hpp"
#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"

namespace tessera {

using LinkId = StrongId<struct LinkIdTag, std::int64_t>;

struct StoredSchedule {
  EpisodeId episode;
  std::string document;  // JSON, as app/measurement_schedules.hpp writes it
  std::optional<UserId> updated_by;
  TimePoint updated_at;
};

/// How a link reaches the client (decision 0251): sent to their own phone (reminders are queued
/// for it), or opened on the clinic's waiting-room tablet by the clinician (kiosk: no reminder,
/// a short life).
enum class LinkDelivery { kRemote, kKiosk };

/// "remote" / "kiosk".
std::string_view LinkDeliveryName(LinkDelivery delivery);
std::optional<LinkDelivery> ParseLinkDelivery(std::string_view name);

/// Whether the client sees their own progress chart (decision 0260): set by the clinician per
/// episode, off unless set on.
struct ProgressSharing {
  EpisodeId episode;
  bool shared = false;
  std::optional<UserId> updated_by;  // nullopt: never set (off)
  std::optional<TimePoint> updated_at;
};

struct QuestionnaireLink {
  LinkId id;
  ClientId client;
  SessionId session;
  std::vector<std::string> instruments;  // exactly what the link opens, fixed when issued
  UserId created_by;
  TimePoint created_at;
  TimePoint expires_at;
  std::optional<TimePoint> used_at;
  std::optional<TimePoint> revoked_at;
  std::string idempotency_key;  // of the submission that used it (empty while unused)
  std::string receipt;          // JSON of that submission's receipt, returned on a repeat
  LinkDelivery delivery = LinkDelivery::kRemote;
};

class ScheduleRepository {
 public:
  virtual ~ScheduleRepository() = default;
  /// The episode's own schedule, or nullopt when it follows the default. NotFound when the
  /// episode is not this client's. Audited as a read.
  virtual Result<std::optional<StoredSchedule>> GetSchedule(const AccessContext& context,
                                                            ClientId client, EpisodeId episode) = 0;
  /// Replaces the episode's schedule (staff on the case; closed episodes too). Audited.
  virtual Status SetSchedule(const AccessContext& context, ClientId client, EpisodeId episode,
                             const std::string& document) = 0;

  /// Stores a new link under the hash of its token (staff on the case; the session must be the
  /// client's). Audited as a create.
  virtual Result<LinkId> CreateQuestionnaireLink(const AccessContext& context,
                                                 const QuestionnaireLink& link,
                                                 const std::string& token_hash) = 0;
  /// The link whose token hashes to `token_hash`, whatever its state; nullopt when none. Not
  /// audited and holds no client data beyond ids: the caller audits the use by
  /// RecordQuestionnaireLinkUse once it has judged the link valid.
  virtual Result<std::optional<QuestionnaireLink>> FindQuestionnaireLink(
      const std::string& token_hash) = 0;
  /// Audits one use of a link ("opened") under `context` (its issuing clinician).
  virtual Status RecordQuestionnaireLinkUse(const AccessContext& context,
                                            const QuestionnaireLink& link) = 0;
  /// Marks an unused, unrevoked, unexpired link used by a submission with this key and
  /// receipt; false (nothing changed) when it is no longer usable. Audited. Callers run it in
  /// the submission's transaction, so the link is used exactly when the answers are stored.
  virtual Result<bool> UseQuestionnaireLink(const AccessContext& context, LinkId link,
                                            const std::string& idempotency_key,
                                            const std::string& receipt) = 0;
  /// Revokes a link of this client (again: no change). NotFound for another client's. Audited.
  virtual Result<QuestionnaireLink> RevokeQuestionnaireLink(const AccessContext& context,
                                                            ClientId client, LinkId link) = 0;
  /// The client's links, newest first (staff on the case). Audited as a read.
  virtual Result<std::vector<QuestionnaireLink>> ListQuestionnaireLinks(
      const AccessContext& context, ClientId client) = 0;

  /// Whether the episode's progress is shared with the client (staff on the case, and the
  /// client's own account). NotFound when the episode is not this client's. Audited as a read.
  virtual Result<ProgressSharing> GetProgressSharing(const AccessContext& context, ClientId client,
                                                     EpisodeId episode) = 0;
  /// Shares the episode's progress with the client, or stops (staff on the case). Audited.
  virtual Result<ProgressSharing> SetProgressSharing(const AccessContext& context, ClientId client,
                                                     EpisodeId episode, bool shared) = 0;
};

}  // namespace tessera
