#include "sonic/store/id_set.hpp"

#include <functional>

namespace sonic::store {
namespace {

constexpr std::uint64_t kEntryBits = 0xffffffff;

std::uint64_t tag_of(std::size_t hash) { return static_cast<std::uint64_t>(hash) >> 32 << 32; }

}  // namespace

IdSet::Probe IdSet::probe(std::string_view id, std::size_t hash) const {
  const std::uint64_t tag = tag_of(hash);
  const std::size_t mask = slots_.size() - 1;
  std::size_t slot = hash & mask;
  for (; slots_[slot] != 0; slot = (slot + 1) & mask) {
    if ((slots_[slot] & ~kEntryBits) != tag) continue;
    const std::size_t entry = (slots_[slot] & kEntryBits) - 1;
    if (this->id(entry) == id) return {slot, entry};
  }
  return {slot, std::nullopt};
}

IdSet::Added IdSet::insert(std::string_view id) {
  const std::size_t hash = std::hash<std::string_view>{}(id);
  const Probe found = probe(id, hash);
  if (found.entry) return {*found.entry, false};
  bytes_.insert(bytes_.end(), id.begin(), id.end());
  ends_.push_back(bytes_.size());
  slots_[found.slot] = tag_of(hash) | ends_.size();
  if (ends_.size() * 2 > slots_.size()) rehash(slots_.size() * 2);
  return {ends_.size() - 1, true};
}

std::optional<std::size_t> IdSet::find(std::string_view id) const {
  return probe(id, std::hash<std::string_view>{}(id)).entry;
}

void IdSet::reserve(std::size_t count) {
  std::size_t slots = slots_.size();
  while (count * 2 > slots) slots *= 2;
  if (slots != slots_.size()) rehash(slots);
  ends_.reserve(count);
  bytes_.reserve(count * 22);  // Spotify IDs; other IDs only cost a reallocation
}

void IdSet::clear() {
  bytes_.clear();
  ends_.clear();
  slots_.assign(kInitialSlots, 0);
}

void IdSet::rehash(std::size_t slot_count) {
  std::vector<std::uint64_t> slots(slot_count);
  const std::size_t mask = slots.size() - 1;
  for (std::size_t entry = 0; entry < ends_.size(); ++entry) {
    const std::size_t hash = std::hash<std::string_view>{}(id(entry));
    std::size_t slot = hash & mask;
    while (slots[slot] != 0) slot = (slot + 1) & mask;
    slots[slot] = tag_of(hash) | (entry + 1);
  }
  slots_ = std::move(slots);
}

}  // namespace sonic::store
