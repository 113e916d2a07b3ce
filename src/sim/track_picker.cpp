#include "track_picker.hpp"

#include <map>
#include <string>
#include <utility>

namespace sonic::sim {
namespace {

// An index in [0, count) that favours the front: a listener's favourites get more plays.
// u² piles up near 0: the first tenth of the range gets about a third of the draws.
std::size_t favouring_front(SeededRandom& random, std::size_t count) {
  const double u = random.uniform();
  const auto index = static_cast<std::size_t>(u * u * static_cast<double>(count));
  return index < count ? index : count - 1;
}

}  // namespace

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

std::size_t TrackPicker::pick(LatentMood mood, std::optional<std::size_t> previous, SeededRandom& random) const {
  const std::vector<std::size_t>& pool = by_mood_[mood_index(mood)];
  // A tiny catalog may have no track of some mood: then any track will do.
  auto draw = [&] {
    return pool.empty() ? favouring_front(random, track_count_) : pool[favouring_front(random, pool.size())];
  };
  std::size_t choice = draw();
  if (choice == previous) choice = draw();
  return choice;
}

std::optional<std::size_t> TrackPicker::next_on_album(std::size_t track) const { return next_on_album_[track]; }

}  // namespace sonic::sim
