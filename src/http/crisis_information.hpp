#pragma once
// What a client sees at once when their own answers endorse a risk item (DESIGN.md "crisis
// information when it matters"; USERS.md "Crisis information"): the clinic's text and
// telephone lines from the [crisis] settings. The default points to local emergency services
// and names no number, since the right one depends on where the client is.

#include <string>
#include <vector>

namespace tessera::http {

inline constexpr const char* kDefaultCrisisText =
    "If you are in danger, or might act on thoughts of harming yourself, call your local "
    "emergency number now or go to the nearest emergency department. Your answers have been "
    "passed to your clinician, but they may not see them straight away.";

struct CrisisInformation {
  std::string text = kDefaultCrisisText;
  /// Lines as the clinic writes them, e.g. "Emergency services: 999", "Samaritans: 116 123".
  std::vector<std::string> telephone;
};

}  // namespace tessera::http
