#pragma once
// Strong id types: a ClientId cannot be passed where a TherapistId is expected.

#include <compare>
#include <cstdint>
#include <functional>
#include <string>

namespace tessera {

template <class Tag, class Rep>
class StrongId {
 public:
  using rep_type = Rep;
  StrongId() = default;
  explicit StrongId(Rep value) : value_(std::move(value)) {}
  const Rep& value() const { return value_; }
  auto operator<=>(const StrongId&) const = default;

 private:
  Rep value_{};
};

// Records in the clinical store are numbered by the store.
using ClientId = StrongId<struct ClientIdTag, std::int64_t>;
using UserId = StrongId<struct UserIdTag, std::int64_t>;
using EpisodeId = StrongId<struct EpisodeIdTag, std::int64_t>;
using SessionId = StrongId<struct SessionIdTag, std::int64_t>;
using PlanId = StrongId<struct PlanIdTag, std::int64_t>;
using AlertId = StrongId<struct AlertIdTag, std::int64_t>;
using TeamId = StrongId<struct TeamIdTag, std::int64_t>;
using NoteId = StrongId<struct NoteIdTag, std::int64_t>;
// Therapists are named by the clinic ("t-ana"); knowledge-base entries by their data files.
using TherapistId = StrongId<struct TherapistIdTag, std::string>;
using InstrumentId = StrongId<struct InstrumentIdTag, std::string>;
using ModelId = StrongId<struct ModelIdTag, std::string>;
using TechniqueId = StrongId<struct TechniqueIdTag, std::string>;
using ProblemId = StrongId<struct ProblemIdTag, std::string>;

}  // namespace tessera

template <class Tag, class Rep>
struct std::hash<tessera::StrongId<Tag, Rep>> {
  std::size_t operator()(const tessera::StrongId<Tag, Rep>& id) const noexcept {
    return std::hash<Rep>{}(id.value());
  }
};
