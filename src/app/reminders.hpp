#pragma once
// Questionnaire reminders into the outbox (core/outbox.hpp; docs/reminders.md). The outbox row
// is written by the caller's store transaction, so a reminder exists exactly when the change
// that causes it (a questionnaire link, a clinician's "remind now") commits.

#include <string>
#include <vector>

#include "core/outbox.hpp"
#include "core/store.hpp"

namespace tessera::app {

/// Queues "You have a questionnaire from your therapist" with `link` for `client` on every
/// channel the client has consented to (email, text message), in the caller's transaction
/// (call it from a WithStore / RespondAfterCommit unit or inside Store::Atomically; alone it
/// commits on its own). With a non-empty `idempotency_prefix` (8 to 95 of [A-Za-z0-9._-], e.g.
/// "qlink-42") the keys are "<prefix>-email" and "<prefix>-sms", so calling it again for the same
/// cause queues nothing new. Returns the messages queued (empty when the client consented to
/// no channel: not an error). NotFound / PermissionDenied as any client write; the link must not
/// be empty.
Result<std::vector<OutboxMessage>> EnqueueQuestionnaireReminder(
    Store& store, const AccessContext& actor, ClientId client, const std::string& link,
    const std::string& idempotency_prefix = "");

/// A clinician's "remind now" on one channel, linking to the web app's sign-in page
/// (`public_url` + "/sign-in"). Conflict naming `channel` when the client has no consented
/// address for it; Conflict too when no client account is linked to the record (the
/// sign-in page would not help them: a questionnaire link is what they need).
Result<OutboxMessage> RemindToSignIn(Store& store, const AccessContext& actor, ClientId client,
                                     ReminderChannel channel, const std::string& public_url);

}  // namespace tessera::app
