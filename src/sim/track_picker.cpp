#include "track_picker.hpp"

#include <map>
#include <string>
#include <utility>

namespace sonic::sim {

TrackPicker::TrackPicker(const Catalog& catalog)
    : track_count_(catalog.tracks.size()), next_on_album_(catalog.tracks.size()) {
  std::map<std::pair<std::string, std::string>, std::size_t> last_seen_on_album;
  for (std::size_t i = 0; i < catalog.tracks.size(); ++i) {
    const CatalogTrack& track = catalog.tracks[i];
    by_mood_[mood_index(track.mood)].push_back(i);
    auto [position, first] = last_seen_on_album.try_emplace({track.artist, track.album}, i);
    if (!first) {
      next_on_album_[position->second] = i;
      position->second = i;
    }
  }
}

std::size_t TrackPicker::pick(LatentMood mood, std::optional<std::size_t> previous,
                              SeededRandom& random) const {
  const std::vector<std::size_t>& pool = by_mood_[mood_index(mood)];
  // A tiny catalog may have no track of some mood: then any track will do.
  auto draw = [&] {
    return pool.empty() ? random.favouring_front(track_count_)
                        : pool[random.favouring_front(pool.size())];
  };
  std::size_t choice = draw();
  if (choice == previous) choice = draw();
  return choice;
}

std::optional<std::size_t> TrackPicker::next_on_album(std::size_t track) const {
  return next_on_album_[track];
}

}  // namespace sonic::sim
