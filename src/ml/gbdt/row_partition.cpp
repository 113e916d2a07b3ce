#include "ml/gbdt/row_partition.hpp"
#include "ml/common/thread_pool.hpp"

#include <algorithm>

namespace sonic::ml::gbdt {
namespace {

constexpr std::size_t kBlockRows = 1 << 15;

// A stretch of one node's rows, split by one task.
struct Block {
  std::size_t split;  // index into the splits
  std::size_t begin;
  std::size_t end;
  std::size_t left_count = 0;
  std::size_t right_to = 0;  // where its right rows go
};

}  // namespace

RowSegment RowPartition::reset(std::span<const std::uint32_t> rows, std::span<const GradientPair> gradients,
                               ThreadPool& pool) {
  rows_.assign(rows.begin(), rows.end());
  gradients_.resize(rows.size());
  scratch_rows_.resize(rows.size());
  scratch_gradients_.resize(rows.size());
  pool.run((rows.size() + kBlockRows - 1) / kBlockRows, [&](std::size_t block) {
    const std::size_t end = std::min(rows.size(), (block + 1) * kBlockRows);
    for (std::size_t i = block * kBlockRows; i < end; ++i) gradients_[i] = gradients[rows[i]];
  });
  return {0, rows_.size()};
}

void RowPartition::split(std::span<SegmentSplit> splits, ThreadPool& pool) {
  std::vector<Block> blocks;
  std::vector<std::size_t> first_block(splits.size() + 1);
  for (std::size_t s = 0; s < splits.size(); ++s) {
    first_block[s] = blocks.size();
    const RowSegment segment = splits[s].segment;
    for (std::size_t begin = segment.begin; begin < segment.end; begin += kBlockRows) {
      blocks.push_back({s, begin, std::min(segment.end, begin + kBlockRows)});
    }
  }
  first_block[splits.size()] = blocks.size();
  auto block_count = [&](std::size_t s) { return first_block[s + 1] - first_block[s]; };

  // 1. Each block splits its own rows: left rows move forward in place (never past the row
  //    being read), right rows go to the same stretch of scratch. Every row is written to both
  //    places and only the counts move: the direction is a table lookup, never a branch, since
  //    which way a row goes is as unpredictable as the data. A node of one block is then done
  //    but for copying its right rows back behind its left ones.
  pool.run(blocks.size(), [&](std::size_t b) {
    Block& block = blocks[b];
    const SegmentSplit& split = splits[block.split];
    std::size_t left = block.begin;
    std::size_t right = block.begin;
    for (std::size_t i = block.begin; i < block.end; ++i) {
      const std::uint32_t row = rows_[i];
      const GradientPair pair = gradients_[i];
      const std::size_t goes_left = split.goes_left[split.codes[row]];
      rows_[left] = row;
      gradients_[left] = pair;
      scratch_rows_[right] = row;
      scratch_gradients_[right] = pair;
      left += goes_left;
      right += 1 - goes_left;
    }
    block.left_count = left - block.begin;
    if (block_count(block.split) == 1) move_rights(block.begin, right, left);
  });

  // 2. Where each block's rows end up: lefts in block order, then rights in block order.
  std::vector<std::size_t> spanning;  // splits of more than one block
  for (std::size_t s = 0; s < splits.size(); ++s) {
    SegmentSplit& split = splits[s];
    std::size_t left_total = 0;
    for (std::size_t b = first_block[s]; b < first_block[s + 1]; ++b) left_total += blocks[b].left_count;
    const std::size_t middle = split.segment.begin + left_total;
    split.left = {split.segment.begin, middle};
    split.right = {middle, split.segment.end};
    if (block_count(s) > 1) spanning.push_back(s);
  }

  // 3. Nodes of several blocks: slide each block's left rows down behind the previous ones (in
  //    block order, so no block's rows are overwritten before they have moved), then copy the
  //    right rows from scratch behind all of them.
  pool.run(spanning.size(), [&](std::size_t i) {
    const std::size_t s = spanning[i];
    std::size_t left_to = splits[s].left.begin;
    std::size_t right_to = splits[s].right.begin;
    for (std::size_t b = first_block[s]; b < first_block[s + 1]; ++b) {
      const Block& block = blocks[b];
      const std::size_t right_count = (block.end - block.begin) - block.left_count;
      std::copy(rows_.begin() + static_cast<std::ptrdiff_t>(block.begin),
                rows_.begin() + static_cast<std::ptrdiff_t>(block.begin + block.left_count),
                rows_.begin() + static_cast<std::ptrdiff_t>(left_to));
      std::copy(gradients_.begin() + static_cast<std::ptrdiff_t>(block.begin),
                gradients_.begin() + static_cast<std::ptrdiff_t>(block.begin + block.left_count),
                gradients_.begin() + static_cast<std::ptrdiff_t>(left_to));
      left_to += block.left_count;
      blocks[b].right_to = right_to;
      right_to += right_count;
    }
    for (std::size_t b = first_block[s]; b < first_block[s + 1]; ++b) {
      const Block& block = blocks[b];
      move_rights(block.begin, block.begin + (block.end - block.begin) - block.left_count, block.right_to);
    }
  });
}

void RowPartition::move_rights(std::size_t scratch_begin, std::size_t scratch_end, std::size_t to) {
  std::copy(scratch_rows_.begin() + static_cast<std::ptrdiff_t>(scratch_begin),
            scratch_rows_.begin() + static_cast<std::ptrdiff_t>(scratch_end),
            rows_.begin() + static_cast<std::ptrdiff_t>(to));
  std::copy(scratch_gradients_.begin() + static_cast<std::ptrdiff_t>(scratch_begin),
            scratch_gradients_.begin() + static_cast<std::ptrdiff_t>(scratch_end),
            gradients_.begin() + static_cast<std::ptrdiff_t>(to));
}

}  // namespace sonic::ml::gbdt
