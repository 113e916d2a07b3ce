#include "spotify_id.hpp"

#include <string_view>

namespace sonic::sim {

std::string random_spotify_id(SeededRandom& random) {
  static constexpr std::string_view kBase62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  std::string id(kSpotifyIdLength, '0');
  for (char& character : id) {
    character = kBase62[static_cast<std::size_t>(random.integer(0, 61))];
  }
  return id;
}

}  // namespace sonic::sim
