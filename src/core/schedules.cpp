#include "core/schedules.hpp"

#include "core/word_table.hpp"

namespace tessera {
namespace {

constexpr WordTable<LinkDelivery, 2> kDeliveries{
    {{LinkDelivery::kRemote, "remote"}, {LinkDelivery::kKiosk, "kiosk"}}};

}  // namespace

std::string_view LinkDeliveryName(LinkDelivery delivery) { return WordFor(kDeliveries, delivery); }

std::optional<LinkDelivery> ParseLinkDelivery(std::string_view name) {
  return ValueFor(kDeliveries, name);
}

}  // namespace tessera
