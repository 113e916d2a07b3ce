#pragma once
// What the listener plays next: a track of the wanted mood, most often one of their favourites,
// or (with shuffle off) the next track of the album they are already in.
#include <array>
#include <cstddef>
#include <optional>
#include <vector>

#include "sonic/core/random.hpp"
#include "sonic/sim/catalog.hpp"

namespace sonic::sim {

class TrackPicker {
 public:
  explicit TrackPicker(const Catalog& catalog);

  // An index into catalog.tracks. Favourites are the front of the catalog's (shuffled) order;
  // `previous` is avoided so a track rarely follows itself.
  std::size_t pick(LatentMood mood, std::optional<std::size_t> previous, SeededRandom& random) const;

  // The following track of the same artist's album, in catalog order, if there is one.
  std::optional<std::size_t> next_on_album(std::size_t track) const;

 private:
  std::size_t track_count_;
  std::array<std::vector<std::size_t>, kMoodCount> by_mood_;
  std::vector<std::optional<std::size_t>> next_on_album_;
};

}  // namespace sonic::sim
