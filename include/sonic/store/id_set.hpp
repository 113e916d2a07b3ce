#pragma once
// A set of IDs (track IDs: Spotify's 22 characters, or whatever a file holds) in the order they
// were added, entry i being the i-th new one. Open addressing instead of a node set: the node set
// cost a cache miss per node, 13% of a 1.2M-row catalog import, and about a tenth of the import
// writer's thread as its track cache. Used by the catalog import (repeats, and the sorted ID
// index written from it) and by the import writer's track cache (store/spotify_id_cache).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace sonic::store {

class IdSet {
 public:
  struct Added {
    std::size_t entry;
    bool is_new;  // false when the ID was already there (entry is then its first one)
  };
  Added insert(std::string_view id);
  std::optional<std::size_t> find(std::string_view id) const;
  // Room for `count` IDs in all without growing (each growth hashes every ID again).
  void reserve(std::size_t count);
  void clear();
  std::size_t size() const { return ends_.size(); }
  std::string_view id(std::size_t entry) const {
    const std::size_t begin = entry == 0 ? 0 : ends_[entry - 1];
    return {bytes_.data() + begin, ends_[entry] - begin};
  }

 private:
  static constexpr std::size_t kInitialSlots = 1024;
  struct Probe {
    std::size_t slot;                  // where the ID is, or the empty slot it would take
    std::optional<std::size_t> entry;  // set when found
  };
  Probe probe(std::string_view id, std::size_t hash) const;
  void rehash(std::size_t slots);

  // The IDs' bytes end to end; entry i spans ends_[i - 1] (0 for the first) to ends_[i].
  std::vector<char> bytes_;
  std::vector<std::uint64_t> ends_;
  // Linear probing, at most half full: each slot is 0 (empty) or the upper 32 bits of the ID's
  // hash beside its entry number + 1, so a probe compares bytes only when the hashes agree.
  std::vector<std::uint64_t> slots_ = std::vector<std::uint64_t>(kInitialSlots);
};

}  // namespace sonic::store
