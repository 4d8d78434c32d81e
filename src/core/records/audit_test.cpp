#include "core/records/audit.hpp"

#include <gtest/gtest.h>

namespace tessera {
namespace {

TEST(CanonicalAuditText, IsEveryFieldButTheHashInAFixedOrder) {
  AuditEntry entry;
  entry.sequence = 7;
  entry.at =
      TimePoint(std::chrono::sys_days(std::chrono::year{2026} / 1 / 5)) + std::chrono::hours(9);
  entry.actor = UserId(2);
  entry.action = AuditAction::kRead;
  entry.record_type = "session";
  entry.record_id = "";
  entry.sensitivity = Sensitivity::kClinical;
  entry.previous_hash = "ab";
  entry.hash = "ignored";
  EXPECT_EQ(CanonicalAuditText(entry),
            "7\n2026-01-05T09:00:00.000Z\n2\n-\nread\nsession\n\nclinical\nab");
  entry.client = ClientId(0);  // a real id 0 differs from "no client"
  EXPECT_NE(CanonicalAuditText(entry).find("\n0\nread"), std::string::npos);
}

}  // namespace
}  // namespace tessera
