#include "mood_profiles.hpp"

#include <algorithm>
#include <cmath>

namespace sonic::sim {
namespace {

struct Spread {
  double mean;
  double spread;
};

// The centres sit far enough apart on the six clustering features (valence, energy,
// danceability, acousticness, instrumentalness, tempo) that K-Means with k = 5 recovers them,
// and the spreads are wide enough that the clusters touch, as real moods do.
struct MoodProfile {
  Spread valence, energy, danceability, acousticness, instrumentalness, tempo;
  Spread loudness, speechiness, liveness;
  double major_key_share;
  Spread duration_minutes;
};

const MoodProfile& profile_of(LatentMood mood) {
  static constexpr MoodProfile kCalm{{0.45, 0.10}, {0.25, 0.08}, {0.40, 0.09}, {0.82, 0.08}, {0.30, 0.15}, {85, 10},
                                     {-14, 2.5},   {0.04, 0.01}, {0.12, 0.05}, 0.65,         {4.2, 0.7}};
  static constexpr MoodProfile kHappy{{0.82, 0.08}, {0.70, 0.08}, {0.78, 0.07}, {0.18, 0.08}, {0.03, 0.03}, {118, 8},
                                      {-6, 1.5},    {0.07, 0.03}, {0.18, 0.08}, 0.80,         {3.3, 0.5}};
  static constexpr MoodProfile kEnergetic{{0.52, 0.10}, {0.90, 0.05}, {0.60, 0.09}, {0.05, 0.03},
                                          {0.12, 0.08}, {150, 12},    {-4.5, 1.2},  {0.09, 0.04},
                                          {0.25, 0.10}, 0.55,         {3.6, 0.6}};
  static constexpr MoodProfile kSad{{0.15, 0.06}, {0.30, 0.08}, {0.36, 0.08}, {0.58, 0.10}, {0.06, 0.05}, {74, 8},
                                    {-11, 2.0},   {0.04, 0.01}, {0.11, 0.04}, 0.30,         {4.0, 0.6}};
  static constexpr MoodProfile kFocus{{0.33, 0.08}, {0.42, 0.08}, {0.48, 0.08}, {0.35, 0.10}, {0.86, 0.06}, {104, 8},
                                      {-12, 2.0},   {0.04, 0.01}, {0.10, 0.04}, 0.55,         {4.8, 0.8}};
  switch (mood) {
    case LatentMood::calm:
      return kCalm;
    case LatentMood::happy:
      return kHappy;
    case LatentMood::energetic:
      return kEnergetic;
    case LatentMood::sad:
      return kSad;
    case LatentMood::focus:
      return kFocus;
  }
  return kCalm;
}

// Features are published with three decimals; rounding here makes the CSV exact.
double round3(double value) { return std::round(value * 1000.0) / 1000.0; }

double draw(const Spread& spread, double low, double high, SeededRandom& random) {
  return round3(std::clamp(random.bell(spread.mean, spread.spread), low, high));
}

}  // namespace

AudioFeatures draw_audio_features(LatentMood mood, SeededRandom& random) {
  const MoodProfile& profile = profile_of(mood);
  AudioFeatures features;
  features.valence = draw(profile.valence, 0.0, 1.0, random);
  features.energy = draw(profile.energy, 0.0, 1.0, random);
  features.danceability = draw(profile.danceability, 0.0, 1.0, random);
  features.acousticness = draw(profile.acousticness, 0.0, 1.0, random);
  features.instrumentalness = draw(profile.instrumentalness, 0.0, 1.0, random);
  features.tempo = draw(profile.tempo, 60.0, 200.0, random);
  features.loudness = draw(profile.loudness, -30.0, 0.0, random);
  features.speechiness = draw(profile.speechiness, 0.0, 1.0, random);
  features.liveness = draw(profile.liveness, 0.0, 1.0, random);
  // About one track in a hundred has no detectable key, which Spotify reports as -1.
  features.key = random.chance(0.01) ? -1 : static_cast<int>(random.integer(0, 11));
  features.mode = random.chance(profile.major_key_share) ? 1 : 0;
  return features;
}

std::int64_t draw_duration_ms(LatentMood mood, SeededRandom& random) {
  const double minutes = std::clamp(
      random.bell(profile_of(mood).duration_minutes.mean, profile_of(mood).duration_minutes.spread), 2.0, 7.0);
  return static_cast<std::int64_t>(minutes * 60'000.0);
}

}  // namespace sonic::sim
