#include "sonic/sources/audio_features.hpp"

namespace sonic::sources {

int AudioFeatures::present_count() const {
  const bool present[] = {acousticness.has_value(), danceability.has_value(), energy.has_value(),
                          instrumentalness.has_value(), key.has_value(), liveness.has_value(),
                          loudness.has_value(), mode.has_value(), speechiness.has_value(),
                          tempo.has_value(), valence.has_value()};
  int count = 0;
  for (const bool field : present) count += field ? 1 : 0;
  return count;
}

}  // namespace sonic::sources
