#include "sonic/records/audio_features.hpp"

#include <algorithm>

namespace sonic::records {

bool AudioFeatures::empty() const {
  return std::none_of(values.begin(), values.end(), [](const auto& value) { return value.has_value(); });
}

int AudioFeatures::present_count() const {
  int count = 0;
  for (const auto& value : values) count += value.has_value() ? 1 : 0;
  return count;
}

}  // namespace sonic::records
