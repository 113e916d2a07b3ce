#include "sonic/store/spotify_id_cache.hpp"

namespace sonic::store {

std::optional<std::int64_t> SpotifyIdCache::find(std::string_view id) const {
  const auto entry = ids_.find(id);
  if (!entry) return std::nullopt;
  return row_ids_[*entry];
}

void SpotifyIdCache::insert(std::string_view id, std::int64_t row_id) {
  const IdSet::Added added = ids_.insert(id);
  if (added.is_new) {
    row_ids_.push_back(row_id);
  } else {
    row_ids_[added.entry] = row_id;
  }
}

void SpotifyIdCache::clear() {
  ids_.clear();
  row_ids_.clear();
}

}  // namespace sonic::store
