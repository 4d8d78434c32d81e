#pragma once
// Small helpers shared by the store-backed route families: borrowing a store connection with
// the caller's AccessContext, reading typed fields with messages that name the field and the
// rule, and paging a list.

#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/store.hpp"
#include "http/pagination.hpp"
#include "http/router.hpp"
#include "http/routes/routes.hpp"

namespace tessera::http {

inline constexpr Role kStaffRoles[] = {Role::kAdmin, Role::kClinician, Role::kSupervisor};
inline constexpr Role kCliniciansOnly[] = {Role::kClinician, Role::kSupervisor};

/// A handler that works on the store as the signed-in caller.
using StoreHandler = std::function<Result<Response>(Store& store, const AccessContext& actor,
                                                    const HandlerContext& context)>;

/// Wraps a StoreHandler as an asynchronous route handler: runs it as one unit of the pool's
/// group commit (one savepoint of a batch transaction) with ContextOf(principal), and sends its
/// response only after that commit, without a thread waiting meanwhile. The handler runs on
/// the commit queue's writer thread: whatever it does beyond store calls (building its JSON)
/// is serial there, so hot routes use RespondAfterCommit instead.
AsyncHandler WithStore(StorePool& pool, StoreHandler handler);

/// Runs `work` through the pool's commit queue (StorePool::Run) and returns its response once
/// committed; an error of `work` rolls back its unit and is returned as it is; a failed commit
/// is returned instead of the response. Blocks the calling thread until the commit.
Result<Response> RunOnStore(StorePool& pool,
                            const std::function<Result<Response>(Store& store)>& work);

/// An asynchronous route's store work in two steps, with no thread waiting for the commit:
/// `work` runs as one unit of the commit queue's next batch, on its writer thread (store calls
/// only), and returns what the answer needs; once the batch has committed, `render` turns
/// that into the response on the request's connection (an event-loop thread). The unit's own
/// error is the answer (its changes rolled back); a failed commit turns even finished work
/// into the commit's error (Unavailable): nothing is acknowledged that is not on disk.
/// What `work` refers to must stay alive until it has run (the request's HandlerContext does:
/// the responder keeps it). Returns at once.
template <class Data>
void RespondAfterCommit(StorePool& pool, Responder responder,
                        std::function<Result<Data>(Store& store)> work,
                        std::function<Result<Response>(Data& data)> render) {
  // Written by the unit on the writer thread; read by the finishing step, which the queue
  // starts only after the unit has run.
  auto produced = std::make_shared<std::optional<Result<Data>>>();
  pool.Submit(
      [produced, work = std::move(work)](Store& store) -> Status {
        produced->emplace(work(store));
        if (!**produced) return Propagate((**produced).error());
        return Ok();
      },
      [produced, responder = std::move(responder),
       render = std::move(render)](Status committed) mutable {
        // On the writer thread: hand everything on, keeping nothing to free here.
        std::move(responder).SendFrom([produced = std::move(produced),
                                       committed = std::move(committed),
                                       render = std::move(render)]() -> Result<Response> {
          if (*produced && !**produced) return Propagate((**produced).error());
          if (!committed) return Propagate(committed.error());
          if (!*produced) return Internal("store work finished without a result");
          return render(***produced);
        });
      });
}

/// {"status": status, body: value}.
Response JsonReply(int status, const nlohmann::json& value);

/// The page asked for in the query (`limit`, `cursor`).
Result<PageRequest> PageOf(const HandlerContext& context, const PageLimits& limits);

/// The `history` query parameter of a list of amendable records (sessions, progress notes):
/// absent or "false" current versions only, "true" amended versions too; else a 400.
Result<Versions> VersionsOf(const HandlerContext& context);

/// Pages a complete list: items[offset, offset + limit] (one extra signals a next page).
template <class Item, class ToJson>
nlohmann::json PagedJson(const std::vector<Item>& items, const PageRequest& page, ToJson to_json) {
  nlohmann::json out = nlohmann::json::array();
  for (std::size_t index = page.offset; index < items.size() && index <= page.offset + page.limit;
       ++index)
    out.push_back(to_json(items[index]));
  return PageResponse(std::move(out), page);
}

/// GET handler (asynchronous) for a paged list of one client's records: reads `{client_id}`
/// and the page, calls `list(store, actor, client)` (which does the access check and the
/// audit) and renders each record with `to_json`. Paging happens here, after the whole list is
/// read: the one place to change when the store learns to page (issue 7 performance).
template <class List, class ToJson>
AsyncHandler ClientRecordsHandler(StorePool& pool, const PageLimits& pages, List list,
                                  ToJson to_json) {
  return WithStore(pool,
                   [&pages, list, to_json](Store& store, const AccessContext& actor,
                                           const HandlerContext& context) -> Result<Response> {
                     TRY_ASSIGN(std::int64_t client, PathId(context.path_params, "client_id"));
                     TRY_ASSIGN(PageRequest page, PageOf(context, pages));
                     TRY_ASSIGN(auto records, list(store, actor, ClientId(client)));
                     return JsonReply(200, PagedJson(records, page, to_json));
                   });
}

/// Field readers: kInvalidArgument naming the field and the rule.
Result<std::int64_t> RequireInteger(const nlohmann::json& object, std::string_view field,
                                    std::int64_t minimum, std::int64_t maximum);
Result<std::optional<std::int64_t>> OptionalInteger(const nlohmann::json& object,
                                                    std::string_view field, std::int64_t minimum,
                                                    std::int64_t maximum);
/// A non-empty string of at most max_bytes.
Result<std::string> RequireText(const nlohmann::json& object, std::string_view field,
                                std::size_t max_bytes);
/// A string that may be absent (then `fallback`).
Result<std::string> OptionalText(const nlohmann::json& object, std::string_view field,
                                 std::size_t max_bytes, std::string fallback = {});
/// "YYYY-MM-DD", a real calendar date.
Result<std::string> RequireDate(const nlohmann::json& object, std::string_view field);

/// The longest free text a route accepts in one field (notes, messages).
inline constexpr std::size_t kMaxTextBytes = 20000;
/// The longest short text (names, reasons, topics).
inline constexpr std::size_t kMaxShortTextBytes = 500;

}  // namespace tessera::http
