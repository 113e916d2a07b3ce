#pragma once
// The rows and columns one tree may use: XGBoost's subsample (each row in with a chance) and
// colsample_bytree (a share of the columns, drawn without replacement), from the tree's own
// seeded stream so that a tree's sample depends only on the seed and its position.
#include <cstdint>
#include <vector>

#include "sonic/core/random.hpp"

namespace sonic::ml::gbdt {

struct RowSample {
  std::vector<std::uint32_t> rows;     // in the tree's sample, ascending
  std::vector<std::uint32_t> skipped;  // the others, ascending
};

// Refills `sample` (reusing its memory): each of row_count rows is in with chance `share`.
void sample_rows(SeededRandom& random, std::size_t row_count, double share, RowSample& sample);

// round(share x feature_count) features, at least one, ascending.
std::vector<std::uint32_t> sample_features(SeededRandom& random, std::size_t feature_count, double share);

std::vector<std::uint32_t> all_indices(std::size_t count);  // 0..count-1

}  // namespace sonic::ml::gbdt
