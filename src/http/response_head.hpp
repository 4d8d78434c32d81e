#pragma once
// The status line and headers of an answer, written by the server (server.cpp) itself for the
// usual response: one string instead of Beast's field list and buffer sequence, which cost
// more than the rest of writing the answer. Byte for byte what Beast writes for the same
// message (server_wire_test.cpp compares them); every other response goes through Beast.

#include <string>

#include "http/message.hpp"

namespace tessera::http {

/// Whether WriteResponseHead gives exactly the bytes Beast would for this response (built as
/// Content-Type, the headers in order, keep_alive, prepare_payload): status 200-599 but 204
/// and 304, HTTP/1.0 or 1.1, no Content-Type, Content-Length, Connection or Transfer-Encoding
/// among the headers (Beast's framing rewrites those), no value with leading or trailing
/// blanks (Beast trims them), repeated names already next to each other (Beast groups them).
bool HasPlainHead(const Response& response, unsigned version);

/// Replaces `head` (reused, so its capacity is kept) with the status line, Content-Type, the
/// headers in order, Connection as `keep_alive` requires for `version`, Content-Length of the
/// body and the empty line. REQUIRES: HasPlainHead(response, version).
void WriteResponseHead(std::string& head, const Response& response, unsigned version,
                       bool keep_alive);

}  // namespace tessera::http
