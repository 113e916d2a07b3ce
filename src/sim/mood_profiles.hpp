#pragma once
// What a track of each latent mood sounds like, in Spotify's audio-feature terms.
#include <cstdint>

#include "sonic/core/random.hpp"
#include "sonic/sim/catalog.hpp"

namespace sonic::sim {

AudioFeatures draw_audio_features(LatentMood mood, SeededRandom& random);

// Calm and focus pieces run longer than happy pop; all stay within 2..7 minutes.
std::int64_t draw_duration_ms(LatentMood mood, SeededRandom& random);

}  // namespace sonic::sim
