#pragma once
// The one client-view mapping (issue 15, "client visibility by design"): every route a client
// account may call answers with ClientView(the staff answer), never with clinician-only
// fields. A client sees its own scores, its receipt, and its plan in client terms (phases,
// goals, agreed tasks, the options offered to it); never alert kinds or details, the monitor's
// status and proposals, proposal rationales, fit scores and reasons, excluded lists, revision
// prompts, instrument flags or the ids of staff-only records. The dispatcher applies it to every
// answer to a client account (dispatcher.cpp, Finish). Tested by the canary test
// (client_visibility_canary_test.cpp).

#include <nlohmann/json.hpp>

#include "http/message.hpp"

namespace tessera::http {

/// `staff` with every clinician-only field removed, at any depth.
nlohmann::json ClientView(nlohmann::json staff);

/// What the dispatcher sends a client account: a successful JSON answer mapped by ClientView
/// (re-serialized as DumpJson does); any other answer unchanged. Applied to every route, so a
/// route added later cannot forget it.
Response ClientViewResponse(Response response);

}  // namespace tessera::http
