#pragma once
// The import writer's one lookup per play: a track's row id by its Spotify ID, kept in an IdSet
// (open addressing: std::unordered_map<std::string, …> read a bucket, a node and the string's own
// heap buffer, as 22 characters outgrow the small-string buffer) with the row ids beside it.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "sonic/store/id_set.hpp"

namespace sonic::store {

class SpotifyIdCache {
 public:
  std::optional<std::int64_t> find(std::string_view id) const;
  // Adds or replaces.
  void insert(std::string_view id, std::int64_t row_id);
  void clear();
  std::size_t size() const { return ids_.size(); }

 private:
  IdSet ids_;
  std::vector<std::int64_t> row_ids_;  // by the IdSet's entry
};

}  // namespace sonic::store
