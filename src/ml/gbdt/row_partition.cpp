#include "sonic/ml/gbdt/row_partition.hpp"

#include "sonic/ml/gbdt/worker_pool.hpp"

namespace sonic::ml::gbdt {

RowSegment RowPartition::reset(std::span<const std::uint32_t> rows,
                               std::span<const GradientPair> gradients, WorkerPool& pool) {
  rows_.assign(rows.begin(), rows.end());
  gradients_.resize(rows.size());
  scratch_rows_.resize(rows.size());
  scratch_gradients_.resize(rows.size());
  constexpr std::size_t kBlockRows = 1 << 16;
  pool.run((rows.size() + kBlockRows - 1) / kBlockRows, [&](std::size_t block) {
    const std::size_t end = std::min(rows.size(), (block + 1) * kBlockRows);
    for (std::size_t i = block * kBlockRows; i < end; ++i) gradients_[i] = gradients[rows[i]];
  });
  return {0, rows_.size()};
}

std::pair<RowSegment, RowSegment> RowPartition::split(RowSegment segment, const std::uint8_t* codes,
                                                      const CodeDirections& goes_left) {
  std::uint32_t* rows = rows_.data() + segment.begin;
  GradientPair* gradients = gradients_.data() + segment.begin;
  std::uint32_t* right_rows = scratch_rows_.data() + segment.begin;
  GradientPair* right_gradients = scratch_gradients_.data() + segment.begin;
  std::size_t left_count = 0;
  std::size_t right_count = 0;
  // Every row is written to both places and only the counts move: the direction is a table
  // lookup, never a branch, since which way a row goes is as unpredictable as the data.
  for (std::size_t i = 0; i < segment.size(); ++i) {
    const std::uint32_t row = rows[i];
    const GradientPair pair = gradients[i];
    const std::size_t left = goes_left[codes[row]];
    rows[left_count] = row;
    gradients[left_count] = pair;
    right_rows[right_count] = row;
    right_gradients[right_count] = pair;
    left_count += left;
    right_count += 1 - left;
  }
  std::copy(right_rows, right_rows + right_count, rows + left_count);
  std::copy(right_gradients, right_gradients + right_count, gradients + left_count);
  const std::size_t middle = segment.begin + left_count;
  return {{segment.begin, middle}, {middle, segment.end}};
}

}  // namespace sonic::ml::gbdt
