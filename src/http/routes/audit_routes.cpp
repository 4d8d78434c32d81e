// The audit log for admins: verify the hash chain, and page through entries (which never hold
// record content, only who did what to which record). Each read is itself audited, in the same
// transaction, as an entry naming the admin who read (and nothing of what was read).

#include "http/routes/route_support.hpp"

namespace tessera::http {
namespace {

nlohmann::json EntryJson(const AuditEntry& entry) {
  nlohmann::json out = {{"sequence", entry.sequence},
                        {"at", FormatUtc(entry.at)},
                        {"action", std::string(AuditActionName(entry.action))},
                        {"record_type", entry.record_type},
                        {"record_id", entry.record_id},
                        {"sensitivity", std::string(SensitivityName(entry.sensitivity))}};
  out["actor_id"] = entry.actor ? nlohmann::json(entry.actor->value()) : nlohmann::json(nullptr);
  out["client_id"] = entry.client ? nlohmann::json(entry.client->value()) : nlohmann::json(nullptr);
  return out;
}

// A client's entries (ReadClientAudit), one page plus one more row to learn whether there is
// a next page.
Result<Response> ClientAccessHistory(Store& store, const AccessContext& actor, ClientId client,
                                     const PageRequest& page) {
  TRY_ASSIGN(std::vector<AuditEntry> entries,
             store.ReadClientAudit(actor, client, static_cast<std::int64_t>(page.offset),
                                   static_cast<std::int64_t>(page.limit) + 1));
  nlohmann::json items = nlohmann::json::array();
  for (const AuditEntry& entry : entries) items.push_back(EntryJson(entry));
  return JsonReply(200, PageResponse(std::move(items), page));
}

Result<std::optional<ClientId>> ClientFilter(const HandlerContext& context) {
  const auto found = context.target.query.find("client_id");
  if (found == context.target.query.end()) return std::optional<ClientId>();
  auto id = PathId({{"client_id", found->second}}, "client_id");
  if (!id) return InvalidArgument("query parameter 'client_id' must be a positive whole number");
  return std::optional<ClientId>(ClientId(*id));
}

}  // namespace

Status AddAuditRoutes(RouteTable& table, const StoreRoutes& routes) {
  StorePool& pool = routes.store;
  const PageLimits& pages = routes.pages;
  TRY(table.Add(
      {.method = Method::kGet,
       .pattern = "/api/v1/audit/verification",
       .roles = {Role::kAdmin},
       .summary = "Walk the audit hash chain and report the first bad entry (admin)",
       .async_handler = WithStore(
           pool,
           [](Store& store, const AccessContext& actor, const HandlerContext&) -> Result<Response> {
             AuditVerification verification;
             TRY(store.Atomically([&]() -> Status {
               TRY(store.AuditLogRead(actor, "audit_verification"));
               TRY_ASSIGN(verification, store.VerifyAudit());
               return Ok();
             }));
             nlohmann::json out = {{"intact", verification.intact()},
                                   {"entries_checked", verification.entries_checked},
                                   {"head_hash", verification.head_hash}};
             if (!verification.intact()) {
               out["first_bad_sequence"] = *verification.first_bad_sequence;
               out["problem"] = verification.problem;
             }
             return JsonReply(200, out);
           }),
       .responses = {Reply(200, "AuditVerification")}}));
  TRY(table.Add(
      {.method = Method::kGet,
       .pattern = "/api/v1/audit/entries",
       .roles = {Role::kAdmin},
       .summary = "Audit entries in sequence order (admin; ?client_id=: that client's "
                  "entries only, its access history)",
       .async_handler = WithStore(
           pool,
           [&pages](Store& store, const AccessContext& actor,
                    const HandlerContext& context) -> Result<Response> {
             TRY_ASSIGN(PageRequest page, PageOf(context, pages));
             TRY_ASSIGN(std::optional<ClientId> client, ClientFilter(context));
             if (client) return ClientAccessHistory(store, actor, *client, page);
             std::vector<AuditEntry> entries;
             TRY(store.Atomically([&]() -> Status {
               TRY(store.AuditLogRead(actor, "audit_entries"));
               TRY_ASSIGN(entries, store.ReadAudit(static_cast<std::int64_t>(page.offset) + 1,
                                                   static_cast<std::int64_t>(page.limit) + 1));
               return Ok();
             }));
             nlohmann::json items = nlohmann::json::array();
             for (const AuditEntry& entry : entries) items.push_back(EntryJson(entry));
             return JsonReply(200, PageResponse(std::move(items), page));
           }),
       .responses = {PagedReply("AuditEntry")},
       .query = PageQuery(
           {{"client_id", "only this client's entries (as .../access-history)", "integer"}})}));
  TRY(table.Add({.method = Method::kGet,
                 .pattern = "/api/v1/clients/{client_id}/access-history",
                 .roles = {Role::kAdmin},
                 .summary = "Who read or changed this client's record, and when: the client's "
                            "audit entries in sequence order (admin; paged; the read is audited)",
                 .async_handler = WithStore(
                     pool,
                     [&pages](Store& store, const AccessContext& actor,
                              const HandlerContext& context) -> Result<Response> {
                       TRY_ASSIGN(PageRequest page, PageOf(context, pages));
                       TRY_ASSIGN(std::int64_t client, PathId(context.path_params, "client_id"));
                       return ClientAccessHistory(store, actor, ClientId(client), page);
                     }),
                 .responses = {PagedReply("AuditEntry")},
                 .query = PageQuery()}));
  return Ok();
}

}  // namespace tessera::http
