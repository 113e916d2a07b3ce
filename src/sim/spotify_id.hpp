#pragma once
// Spotify IDs: 22 characters of base62, as in spotify:track:74cksX4vgcm0cHKaV7XE2L.
#include <string>

#include "sonic/core/random.hpp"

namespace sonic::sim {

inline constexpr std::size_t kSpotifyIdLength = 22;

std::string random_spotify_id(SeededRandom& random);

}  // namespace sonic::sim
