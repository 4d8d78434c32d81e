#pragma once
// Questionnaire links (issue 18; docs/schedules.md): a single-use, expiring link that opens
// exactly the questionnaires due before one session of one client, and nothing else. Not a
// login: the token is a random 256-bit secret the store keeps only as a hash; it is returned
// once, to the caller that issues the link, and never logged. A submission through the link is
// the same submission a client makes with an account (measure_submission.hpp: scored,
// monitored, alerts, the lead clinicians notified of a risk item) for every questionnaire of the
// link, with the link marked used, all in one transaction; a repeat with the same idempotency
// key gets the first receipt back and stores nothing.

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/clinical_library.hpp"
#include "app/measure_submission.hpp"
#include "app/monitoring.hpp"
#include "core/clock.hpp"
#include "core/store.hpp"

namespace tessera::app {

/// [links] in the server's TOML settings.
struct QuestionnaireLinkSettings {
  std::chrono::hours lifetime{72};
  /// The web app's public address, e.g. "https://clinic.example" ([server] public_url, filled
  /// by the HTTP server); empty: links are relative ("/q#<token>"), for a caller that knows
  /// its own origin.
  std::string public_base_url;
};

/// A link as issued: the token and URL exist only in this answer.
struct IssuedLink {
  QuestionnaireLink link;
  std::string token;
  /// <public_base_url>/q#<token>: the token travels in the fragment, which browsers never
  /// send to a server, so it reaches no access log; the page posts it in a request body.
  std::string url;
};

/// How long a kiosk link lives (decision 0251): long enough for a client in the waiting room,
/// short enough that a tablet left unattended does not keep it.
inline constexpr std::chrono::hours kKioskLinkLifetime{2};

/// Issues a link for the questionnaires due before `session` (default: the session
/// DueForClient names). The actor must be staff on the case. InvalidArgument when no session
/// is recorded yet; Conflict when nothing is due before it (or all of it is already given).
/// A kiosk link lives kKioskLinkLifetime (at most the settings' lifetime) and its url is
/// <base>/kiosk#<token>, the tablet page; the caller queues no reminder for it.
Result<IssuedLink> IssueQuestionnaireLink(Store& store, const AccessContext& context,
                                          const ClinicalLibrary& library, const Clock& clock,
                                          const QuestionnaireLinkSettings& settings,
                                          ClientId client, std::optional<SessionId> session,
                                          LinkDelivery delivery = LinkDelivery::kRemote);

/// The one answer to any token that cannot be used (unknown, altered, expired, used, revoked,
/// its issuer without access): NotFound with one fixed message.
Unexpected<Error> LinkRefused();

/// A usable link, found by its token, with its use audited under the issuing clinician.
Result<QuestionnaireLink> OpenQuestionnaireLink(Store& store, const Clock& clock,
                                                std::string_view token);

struct LinkSubmission {
  std::string token;
  std::string idempotency_key;  // 8..128 characters chosen by the page
  /// Instrument id -> item id -> value (nullopt: skipped, where the instrument allows it).
  std::map<std::string, std::map<std::string, std::optional<double>>> answers;
  /// AdministrationRequest::attention_link for each questionnaire (empty: no email).
  std::string attention_link{};
};

struct LinkReceipt {
  ClientId client;                                // the link's (never sent to the page)
  LinkDelivery delivery = LinkDelivery::kRemote;  // the link's
  std::optional<UserId> issuer;                   // the link's issuing clinician
  std::vector<std::string> instruments;
  std::string received_at;  // FormatUtc
  bool risk_endorsed = false;
  bool clinician_notified = false;
  bool repeated = false;  // the same submission again: nothing new was stored
};

/// Submits every questionnaire of the link (exactly those; InvalidArgument naming the missing
/// or extra one, or the item, as a measure submission does). LinkRefused for a token that
/// cannot be used, including a used one with another idempotency key.
Result<LinkReceipt> SubmitThroughLink(Store& store, const ClinicalLibrary& library,
                                      EpisodeMonitor* monitor, const Clock& clock,
                                      const LinkSubmission& submission);

/// The store's key for a token (BLAKE2b-256, hex): what the store keeps instead of the token.
std::string HashLinkToken(std::string_view token);

}  // namespace tessera::app
