#include "ml/gbdt/tree_sample.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <span>

namespace sonic::ml::gbdt {

void sample_rows(SeededRandom& random, std::size_t row_count, double share, RowSample& sample) {
  sample.rows.clear();
  sample.skipped.clear();
  for (std::size_t r = 0; r < row_count; ++r) {
    (random.chance(share) ? sample.rows : sample.skipped).push_back(static_cast<std::uint32_t>(r));
  }
}

std::vector<std::uint32_t> sample_features(SeededRandom& random, std::size_t feature_count, double share) {
  std::vector<std::uint32_t> features = all_indices(feature_count);
  const auto keep = std::clamp<std::size_t>(
      static_cast<std::size_t>(std::lround(share * static_cast<double>(feature_count))), 1, feature_count);
  random.shuffle(std::span(features));
  features.resize(keep);
  std::sort(features.begin(), features.end());
  return features;
}

std::vector<std::uint32_t> all_indices(std::size_t count) {
  std::vector<std::uint32_t> indices(count);
  std::iota(indices.begin(), indices.end(), 0u);
  return indices;
}

}  // namespace sonic::ml::gbdt
