#include "sonic/store/spotify_id_cache.hpp"

#include <cstring>

namespace sonic::store {
namespace {

std::uint64_t load8(const char* bytes) {
  std::uint64_t value = 0;
  std::memcpy(&value, bytes, sizeof value);
  return value;
}

// The IDs are random base-62 text, so mixing three loads is enough to spread them.
std::uint64_t hash_of(std::string_view id) {
  const std::uint64_t tail = load8(id.data() + 14);  // bytes 14..21: overlaps the middle load
  std::uint64_t h = load8(id.data()) * 0x9E3779B97F4A7C15ULL;
  h ^= load8(id.data() + 7) * 0xC2B2AE3D27D4EB4FULL;
  h ^= tail * 0x165667B19E3779F9ULL;
  return h ^ (h >> 29);
}

}  // namespace

std::size_t SpotifyIdCache::home_of(std::string_view id) const { return hash_of(id) & (slots_.size() - 1); }

std::optional<std::int64_t> SpotifyIdCache::find(std::string_view id) const {
  if (id.size() != kIdLength) {
    const auto found = others_.find(std::string(id));
    if (found == others_.end()) return std::nullopt;
    return found->second;
  }
  if (slots_.empty()) return std::nullopt;
  for (std::size_t at = home_of(id);; at = (at + 1) & (slots_.size() - 1)) {
    const Slot& slot = slots_[at];
    if (!slot.used) return std::nullopt;
    if (std::memcmp(slot.id.data(), id.data(), kIdLength) == 0) return slot.row_id;
  }
}

void SpotifyIdCache::insert(std::string_view id, std::int64_t row_id) {
  if (id.size() != kIdLength) {
    others_[std::string(id)] = row_id;
    return;
  }
  if (2 * (used_ + 1) > slots_.size()) grow();
  for (std::size_t at = home_of(id);; at = (at + 1) & (slots_.size() - 1)) {
    Slot& slot = slots_[at];
    if (slot.used && std::memcmp(slot.id.data(), id.data(), kIdLength) != 0) continue;
    if (!slot.used) {
      std::memcpy(slot.id.data(), id.data(), kIdLength);
      slot.used = true;
      ++used_;
    }
    slot.row_id = row_id;
    return;
  }
}

void SpotifyIdCache::grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 1024 : 2 * old.size(), Slot{});
  used_ = 0;
  for (const Slot& slot : old) {
    if (slot.used) insert(std::string_view(slot.id.data(), kIdLength), slot.row_id);
  }
}

void SpotifyIdCache::clear() {
  slots_.clear();
  used_ = 0;
  others_.clear();
}

}  // namespace sonic::store
