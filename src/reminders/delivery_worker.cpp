#include "reminders/delivery_worker.hpp"

#include <curl/curl.h>

#include <set>

namespace tessera::reminders {

std::chrono::milliseconds RetryDelay(const ReminderSettings& settings, std::int64_t attempts) {
  std::chrono::milliseconds delay = settings.retry_initial;
  for (std::int64_t earlier = 1; earlier < attempts && delay < settings.retry_max; ++earlier)
    delay *= 2;
  return std::min(delay, settings.retry_max);
}

DeliveryWorker::DeliveryWorker(std::unique_ptr<Store> store, const ReminderSettings& settings,
                               const Clock& clock, Log log)
    : store_(std::move(store)), settings_(settings), clock_(clock), log_(std::move(log)) {
  // Not thread-safe in older libcurl: done here, before this module's thread exists (nothing
  // else in tessera uses libcurl).
  static const CURLcode initialised = curl_global_init(CURL_GLOBAL_DEFAULT);
  (void)initialised;
  if (settings_.SendsEmail()) senders_[ReminderChannel::kEmail] = MakeSmtpSender(settings_, clock_);
  if (settings_.SendsSms()) senders_[ReminderChannel::kSms] = MakeWebhookSender(settings_);
  thread_ = std::thread([this] { Run(); });
}

DeliveryWorker::~DeliveryWorker() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void DeliveryWorker::Run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    DeliverDue();
    lock.lock();
    wake_.wait_for(lock, settings_.poll_interval, [this] { return stopping_; });
  }
}

int DeliveryWorker::DeliverDue() {
  std::set<ReminderChannel> channels;
  for (const auto& [channel, sender] : senders_) channels.insert(channel);
  int attempts = 0;
  while (!channels.empty()) {
    {
      const std::lock_guard lock(mutex_);
      if (stopping_) break;
    }
    auto claimed = store_->ClaimDueOutboxMessage(channels, clock_.Now() + settings_.claim_lease);
    if (!claimed) {
      log_(true, "reminders: cannot claim from the outbox: " + claimed.error().message());
      break;
    }
    if (!*claimed) break;
    Deliver(**claimed);
    ++attempts;
  }
  return attempts;
}

void DeliveryWorker::Deliver(const OutboxMessage& message) {
  const SendOutcome outcome = senders_.at(message.channel)->Send(message);
  const std::string name = "reminder " + std::to_string(message.id.value()) + " (" +
                           std::string(ReminderChannelName(message.channel)) + ", attempt " +
                           std::to_string(message.attempts) + ")";
  Status recorded = Ok();
  if (outcome.kind == SendOutcome::Kind::kSent) {
    recorded = store_->MarkOutboxSent(message.id, message.attempts);
    if (recorded) log_(false, name + ": sent");
  } else {
    const bool last = outcome.kind == SendOutcome::Kind::kPermanentFailure ||
                      message.attempts >= settings_.max_attempts;
    std::optional<TimePoint> retry_at;
    if (!last) retry_at = clock_.Now() + RetryDelay(settings_, message.attempts);
    recorded = store_->MarkOutboxFailed(message.id, message.attempts, outcome.error, retry_at);
    if (recorded)
      log_(true,
           name + (last ? ": failed permanently: " : ": failed, will retry: ") + outcome.error);
  }
  // When the outcome cannot be recorded, the claim's lease runs out and the message is sent
  // again (at least once; the Message-ID / Idempotency-Key lets the receiver drop the copy).
  if (!recorded) log_(true, name + ": outcome not recorded: " + recorded.error().message());
}

}  // namespace tessera::reminders
