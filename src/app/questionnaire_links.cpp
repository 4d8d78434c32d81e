#include "app/questionnaire_links.hpp"

#include <algorithm>
#include <set>

#include <sodium.h>
#include <nlohmann/json.hpp>

#include "app/measurement_schedules.hpp"
#include "app/random_token.hpp"

namespace tessera::app {
namespace {

using nlohmann::json;

constexpr std::size_t kTokenBytes = 32;  // 256 bits from libsodium's CSPRNG
constexpr std::size_t kMaxTokenChars = 64;

bool Usable(const QuestionnaireLink& link, TimePoint now) {
  return !link.used_at && !link.revoked_at && link.expires_at > now;
}

// The link as found by its token, whatever its state; LinkRefused when none.
Result<QuestionnaireLink> FindByToken(Store& store, std::string_view token) {
  if (token.empty() || token.size() > kMaxTokenChars) return LinkRefused();
  TRY_ASSIGN(std::optional<QuestionnaireLink> link,
             store.FindQuestionnaireLink(HashLinkToken(token)));
  if (!link) return LinkRefused();
  return std::move(*link);
}

LinkReceipt ReceiptFromJson(const std::string& text) {
  LinkReceipt receipt;
  const json stored = json::parse(text, nullptr, false);
  if (stored.is_discarded()) return receipt;
  receipt.instruments = stored.value("instruments", std::vector<std::string>{});
  receipt.received_at = stored.value("received_at", std::string());
  receipt.risk_endorsed = stored.value("risk_endorsed", false);
  receipt.clinician_notified = stored.value("clinician_notified", false);
  return receipt;
}

}  // namespace

Unexpected<Error> LinkRefused() {
  return NotFound(
      "this questionnaire link cannot be used: it may have expired or been used "
      "already. Please ask your clinician for a new one");
}

std::string HashLinkToken(std::string_view token) {
  unsigned char digest[crypto_generichash_BYTES];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

Result<IssuedLink> IssueQuestionnaireLink(Store& store, const AccessContext& context,
                                          const ClinicalLibrary& library, const Clock& clock,
                                          const QuestionnaireLinkSettings& settings,
                                          ClientId client, std::optional<SessionId> session,
                                          LinkDelivery delivery) {
  if (sodium_init() < 0) return Internal("libsodium could not be initialised");
  DueQuestionnaires due;
  if (session) {
    TRY_ASSIGN(due, DueForSession(store, context, library, client, *session));
  } else {
    TRY_ASSIGN(std::optional<DueQuestionnaires> now, DueForClient(store, context, library, client));
    if (!now) return InvalidArgument("client: has no open episode of care");
    due = std::move(*now);
  }
  if (!due.session)
    return InvalidArgument(
        "session_id: no session is recorded yet; record the coming session "
        "first, then issue its link");
  if (due.before_session.empty())
    return Conflict("nothing is due before session " + std::to_string(due.session_number) +
                    " (or all of it is given already)");
  IssuedLink issued;
  issued.token = RandomToken(kTokenBytes);
  QuestionnaireLink& link = issued.link;
  link.client = client;
  link.session = *due.session;
  link.instruments = due.before_session;
  link.created_by = context.actor.value_or(UserId(0));
  link.created_at = clock.Now();
  link.delivery = delivery;
  link.expires_at = link.created_at + (delivery == LinkDelivery::kKiosk
                                           ? std::min(settings.lifetime, kKioskLinkLifetime)
                                           : settings.lifetime);
  TRY_ASSIGN(link.id, store.CreateQuestionnaireLink(context, link, HashLinkToken(issued.token)));
  std::string base = settings.public_base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  issued.url = base + (delivery == LinkDelivery::kKiosk ? "/kiosk#" : "/q#") + issued.token;
  return issued;
}

Result<QuestionnaireLink> OpenQuestionnaireLink(Store& store, const Clock& clock,
                                                std::string_view token) {
  TRY_ASSIGN(QuestionnaireLink link, FindByToken(store, token));
  if (!Usable(link, clock.Now())) return LinkRefused();
  // The issuing clinician's access is checked again: a link dies with it.
  if (!store.RecordQuestionnaireLinkUse(AccessContext::For(link.created_by), link))
    return LinkRefused();
  return link;
}

Result<LinkReceipt> SubmitThroughLink(Store& store, const ClinicalLibrary& library,
                                      EpisodeMonitor* monitor, const Clock& clock,
                                      const LinkSubmission& submission) {
  if (submission.idempotency_key.size() < 8 || submission.idempotency_key.size() > 128)
    return InvalidArgument("idempotency_key: must be 8 to 128 characters");
  TRY_ASSIGN(QuestionnaireLink link, FindByToken(store, submission.token));
  if (link.used_at && link.idempotency_key == submission.idempotency_key) {
    LinkReceipt receipt = ReceiptFromJson(link.receipt);
    receipt.client = link.client;
    receipt.delivery = link.delivery;
    receipt.issuer = link.created_by;
    receipt.repeated = true;
    return receipt;
  }
  if (!Usable(link, clock.Now())) return LinkRefused();
  // Exactly the link's questionnaires, each complete, checked and scored before any write.
  const std::set<std::string> expected(link.instruments.begin(), link.instruments.end());
  for (const auto& [instrument, answers] : submission.answers) {
    if (!expected.contains(instrument))
      return InvalidArgument("answers: '" + instrument + "' is not a questionnaire of this link");
  }
  std::vector<PreparedSubmission> prepared;
  for (const std::string& instrument : link.instruments) {
    const auto given = submission.answers.find(instrument);
    if (given == submission.answers.end())
      return InvalidArgument("answers: " + instrument + " is missing");
    AdministrationRequest request{link.client,
                                  link.session,
                                  instrument,
                                  given->second,
                                  std::nullopt,
                                  SubmittedBy::kClient,
                                  submission.attention_link};
    TRY_ASSIGN(PreparedSubmission one, PrepareSubmission(library, clock, request));
    prepared.push_back(std::move(one));
  }
  const AccessContext issuer = AccessContext::For(link.created_by);
  LinkReceipt receipt;
  receipt.client = link.client;
  receipt.delivery = link.delivery;
  receipt.issuer = link.created_by;
  receipt.instruments = link.instruments;
  receipt.received_at = FormatUtc(clock.Now());
  const Status stored = store.Atomically([&]() -> Status {
    for (PreparedSubmission& one : prepared) {
      TRY_ASSIGN(SubmissionResult result, StoreSubmission(store, issuer, monitor, std::move(one)));
      receipt.risk_endorsed = receipt.risk_endorsed || result.risk_endorsed;
      receipt.clinician_notified = receipt.clinician_notified || result.notified > 0;
    }
    const json saved = {{"instruments", receipt.instruments},
                        {"received_at", receipt.received_at},
                        {"risk_endorsed", receipt.risk_endorsed},
                        {"clinician_notified", receipt.clinician_notified}};
    TRY_ASSIGN(bool used, store.UseQuestionnaireLink(issuer, link.id, submission.idempotency_key,
                                                     saved.dump()));
    if (!used) return LinkRefused();
    return Ok();
  });
  if (!stored) {
    // Whatever stopped the store (the issuer's access gone, the episode closed, the link used
    // meanwhile) reads as the one refusal; a bad answer is the client's to correct.
    if (stored.error().code() == ErrorCode::kInvalidArgument) return Propagate(stored.error());
    return LinkRefused();
  }
  return receipt;
}

}  // namespace tessera::app
