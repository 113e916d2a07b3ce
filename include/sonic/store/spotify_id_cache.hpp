#pragma once
// The import writer's one lookup per play: a track's row id by its Spotify ID. An open-addressing
// table whose slots hold the 22 characters inline, so a lookup reads one cache line where
// std::unordered_map<std::string, …> read three (the bucket, the node, and the string's own heap
// buffer: 22 characters outgrow the small-string buffer). It was about a tenth of the writer
// thread's time on a 1M-play first import. Any other length (not a Spotify ID, but the writer
// takes whatever the export holds) goes to an ordinary map beside it.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sonic::store {

class SpotifyIdCache {
 public:
  std::optional<std::int64_t> find(std::string_view id) const;
  // Adds or replaces.
  void insert(std::string_view id, std::int64_t row_id);
  void clear();
  std::size_t size() const { return used_ + others_.size(); }

 private:
  static constexpr std::size_t kIdLength = 22;
  struct Slot {
    std::array<char, kIdLength> id{};
    bool used = false;
    std::int64_t row_id = 0;
  };

  std::size_t home_of(std::string_view id) const;
  void grow();

  std::vector<Slot> slots_;  // a power of two in size, at most half full
  std::size_t used_ = 0;
  std::unordered_map<std::string, std::int64_t> others_;
};

}  // namespace sonic::store
