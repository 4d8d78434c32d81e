// Consultation threads: discussion of a client among the care team, and the actor's inbox of
// threads across their clients. Authors are named by the display name of the therapist their
// account is linked to, else by their username.

#include <algorithm>
#include <map>
#include <set>

#include "store/sql/episode_sql.hpp"
#include "store/sql/sql_store.hpp"
#include "store/sql/time_text.hpp"

namespace tessera::store {
namespace {

// The current name of the client of thread `t` (the registration is version 1, amendments
// later versions, as GetClient).
constexpr std::string_view kClientName =
    "COALESCE((SELECT a.name FROM client_identifier_amendments a WHERE a.client_id = "
    "t.client_id ORDER BY a.version DESC LIMIT 1), (SELECT i.name FROM client_identifiers i "
    "WHERE i.client_id = t.client_id))";

}  // namespace

Result<ThreadId> SqlStore::OpenThread(const AccessContext& context, ClientId client,
                                      const std::string& topic) {
  if (topic.empty()) return InvalidArgument("consultation topic: must not be empty");
  return Transact([&]() -> Result<ThreadId> {
    TRY(RequireClientAccess(context, client));
    TRY_ASSIGN(std::int64_t id,
               InsertReturningId("INSERT INTO consultation_threads (client_id, topic, opened_by, "
                                 "opened_at) VALUES (?, ?, ?, ?) RETURNING id",
                                 {client.value(), topic, context.actor->value(), Now()}));
    TRY(Audit(context, client, AuditAction::kCreate, "consultation_thread", std::to_string(id),
              Sensitivity::kClinical));
    return ThreadId(id);
  });
}

Status SqlStore::PostToThread(const AccessContext& context, ThreadId thread,
                              const std::string& text) {
  if (text.empty()) return InvalidArgument("consultation message: must not be empty");
  return Transact([&]() -> Status {
    TRY_ASSIGN(ClientId client, RequireRecordAccess(context, "consultation_threads", thread.value(),
                                                    "consultation thread"));
    TRY_ASSIGN(std::int64_t id,
               InsertReturningId("INSERT INTO consultation_messages (thread_id, author, "
                                 "posted_at, body) VALUES (?, ?, ?, ?) RETURNING id",
                                 {thread.value(), context.actor->value(), Now(), text}));
    return Audit(context, client, AuditAction::kCreate, "consultation_message", std::to_string(id),
                 Sensitivity::kClinical);
  });
}

Result<std::vector<ConsultationThread>> SqlStore::ListThreads(const AccessContext& context,
                                                              ClientId client) {
  return Transact([&]() -> Result<std::vector<ConsultationThread>> {
    TRY(RequireClientAccess(context, client));
    TRY(Audit(context, client, AuditAction::kRead, "consultation_thread", "",
              Sensitivity::kClinical));
    TRY_ASSIGN(SqlRows rows, database_->Query("SELECT id, topic, opened_by FROM "
                                              "consultation_threads WHERE client_id = ? "
                                              "ORDER BY id",
                                              {client.value()}));
    std::vector<ConsultationThread> threads;
    for (const SqlRow& row : rows) {
      ConsultationThread thread{ThreadId(row.Int(0)), client, row.Text(1), UserId(row.Int(2)), {}};
      TRY_ASSIGN(
          SqlRows messages,
          database_->Query("SELECT m.author, m.posted_at, m.body, " + std::string(kUserName) +
                               " FROM consultation_messages m JOIN users u ON u.id = "
                               "m.author WHERE m.thread_id = ? ORDER BY m.id",
                           {thread.id.value()}));
      for (const SqlRow& message : messages)
        thread.messages.push_back({UserId(message.Int(0)),
                                   ParseUtc(message.Text(1)).value_or(TimePoint{}), message.Text(2),
                                   message.Text(3)});
      threads.push_back(std::move(thread));
    }
    return threads;
  });
}

Result<std::vector<ConsultationInboxEntry>> SqlStore::ListConsultationInbox(
    const AccessContext& context) {
  return Transact([&]() -> Result<std::vector<ConsultationInboxEntry>> {
    TRY_ASSIGN(Role role, ActorRole(context));
    TRY_ASSIGN(std::vector<ClientId> clients, ListClients(context));
    const std::set<std::int64_t> visible = [&] {
      std::set<std::int64_t> ids;
      for (ClientId client : clients) ids.insert(client.value());
      return ids;
    }();
    // The same rule as ListClients, in SQL so that a clinician's inbox reads only their
    // clients' threads; `visible` is checked again below.
    const bool everyone = role == Role::kAdmin;
    const std::string scope =
        everyone ? ""
                 : " WHERE t.client_id IN (SELECT client_id FROM care_team_members WHERE "
                   "user_id = ?)";
    std::vector<SqlValue> params;
    if (!everyone) params.emplace_back(context.actor->value());
    TRY_ASSIGN(SqlRows threads,
               database_->Query("SELECT t.id, t.client_id, t.topic, t.opened_by, t.opened_at, " +
                                    std::string(kClientName) + " FROM consultation_threads t" +
                                    scope + " ORDER BY t.id",
                                params));
    // Message headers only (no bodies), oldest first.
    TRY_ASSIGN(
        SqlRows messages,
        database_->Query("SELECT m.thread_id, m.author, m.posted_at, " + std::string(kUserName) +
                             " FROM consultation_messages m JOIN consultation_threads t "
                             "ON t.id = m.thread_id JOIN users u ON u.id = m.author" +
                             scope + " ORDER BY m.id",
                         params));
    std::map<std::int64_t, ConsultationInboxEntry> entries;
    std::set<std::int64_t> audited;
    const std::int64_t actor = context.actor->value();
    for (const SqlRow& row : threads) {
      if (visible.count(row.Int(1)) == 0) continue;
      ConsultationInboxEntry entry;
      entry.id = ThreadId(row.Int(0));
      entry.client = ClientId(row.Int(1));
      entry.topic = row.Text(2);
      entry.opened_by = UserId(row.Int(3));
      entry.opened_at = ParseUtc(row.Text(4)).value_or(TimePoint{});
      entry.last_activity = entry.opened_at;
      entry.client_name = row.Text(5);
      entry.taking_part = row.Int(3) == actor;
      if (audited.insert(row.Int(1)).second) {
        TRY(Audit(context, entry.client, AuditAction::kRead, "consultation_thread", "",
                  Sensitivity::kClinical));
      }
      entries.emplace(row.Int(0), std::move(entry));
    }
    for (const SqlRow& row : messages) {
      auto found = entries.find(row.Int(0));
      if (found == entries.end()) continue;
      ConsultationInboxEntry& entry = found->second;
      ++entry.messages;
      entry.last_activity = ParseUtc(row.Text(2)).value_or(entry.last_activity);
      const UserId author(row.Int(1));
      if (author.value() == actor) {
        // The actor's own message: everything before it counts as read.
        entry.taking_part = true;
        entry.unread = 0;
      } else {
        ++entry.unread;
      }
      const bool known = std::any_of(entry.authors.begin(), entry.authors.end(),
                                     [&](const auto& named) { return named.first == author; });
      if (!known) entry.authors.emplace_back(author, row.Text(3));
    }
    std::vector<ConsultationInboxEntry> inbox;
    for (auto& [id, entry] : entries) inbox.push_back(std::move(entry));
    // Newest activity first; among equal times, the newer thread first.
    std::stable_sort(inbox.begin(), inbox.end(), [](const auto& a, const auto& b) {
      if (a.last_activity != b.last_activity) return a.last_activity > b.last_activity;
      return a.id.value() > b.id.value();
    });
    return inbox;
  });
}

}  // namespace tessera::store
