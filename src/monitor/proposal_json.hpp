#pragma once
// Private to monitor .cpp files: an adaptation proposal as JSON, the same members in the
// episode report and in a plan's "revisions" (brings in nlohmann/json).

#include <string>

#include <nlohmann/json.hpp>

#include "monitor/report.hpp"

namespace tessera::monitor {

/// {<id_member>: id, kind, change, session, phase, criterion, technique, text, prompted_by},
/// in that order (plan content and reports keep their member order).
inline nlohmann::ordered_json ProposalJson(const AdaptationProposal& proposal,
                                           const std::string& id_member) {
  nlohmann::ordered_json prompted = nlohmann::ordered_json::array();
  for (AlertType type : proposal.prompted_by) prompted.push_back(Name(type));
  return {{id_member, proposal.id},          {"kind", Name(proposal.kind)},
          {"change", Name(proposal.change)}, {"session", proposal.session},
          {"phase", proposal.phase},         {"criterion", proposal.criterion},
          {"technique", proposal.technique}, {"text", proposal.text},
          {"prompted_by", prompted}};
}

}  // namespace tessera::monitor
