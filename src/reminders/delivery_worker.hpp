#pragma once
// The server's reminder sender: a thread that claims due outbox messages from the store, sends
// each over its channel and records the outcome (docs/reminders.md; why each reminder arrives
// once: docs/decisions/0191). Channels without settings are left alone: their messages wait
// in the outbox, visible.

#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/clock.hpp"
#include "core/store.hpp"
#include "reminders/senders.hpp"
#include "reminders/settings.hpp"

namespace tessera::reminders {

class DeliveryWorker {
 public:
  /// Receives one line per event (a message sent, an attempt failed): message id, state,
  /// error; never a recipient, password or link.
  using Log = std::function<void(bool is_error, const std::string& text)>;

  /// Starts the thread over its own store connection (`store` is used by nothing else).
  /// `clock` must outlive the worker.
  DeliveryWorker(std::unique_ptr<Store> store, const ReminderSettings& settings, const Clock& clock,
                 Log log);
  /// Stops after the attempt in progress, if any, and joins the thread.
  ~DeliveryWorker();
  DeliveryWorker(const DeliveryWorker&) = delete;
  DeliveryWorker& operator=(const DeliveryWorker&) = delete;

  /// Claims and sends due messages until none is due. Returns how many attempts were made.
  /// Called by the thread; public so a test or a one-off command can drain the outbox.
  int DeliverDue();

 private:
  void Run();
  /// One claimed message: send and record the outcome.
  void Deliver(const OutboxMessage& message);

  std::unique_ptr<Store> store_;
  const ReminderSettings settings_;
  const Clock& clock_;
  Log log_;
  std::map<ReminderChannel, std::unique_ptr<MessageSender>> senders_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;  // last: starts after everything above exists
};

}  // namespace tessera::reminders
