#pragma once
// Which training rows sit in which node: one array of row indices in which every node owns a
// contiguous segment, and beside it each row's gradient pair. Splitting a node reorders its
// segment in place, stably, so each child's rows stay ascending (reading their bin codes walks
// memory forwards) and each child's gradients are contiguous: histogram building never gathers
// gradients from scattered rows, which at deep levels would cost a cache miss per row.
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "ml/common/thread_pool.hpp"
#include "ml/gbdt/gradient_pair.hpp"

namespace sonic::ml::gbdt {

struct RowSegment {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::size_t size() const { return end - begin; }
};

// For each bin code (missing included), whether a split sends it left.
using CodeDirections = std::array<std::uint8_t, 256>;

// One node to split: its rows go left when goes_left[codes[row]]; `left` and `right` receive
// the children's segments.
struct SegmentSplit {
  RowSegment segment;
  const std::uint8_t* codes = nullptr;
  CodeDirections goes_left{};
  RowSegment left;
  RowSegment right;
};

class RowPartition {
 public:
  // Starts over with `rows` (ascending) all in one segment, the root's, each with its pair
  // from `gradients` (indexed by row).
  RowSegment reset(std::span<const std::uint32_t> rows, std::span<const GradientPair> gradients, ThreadPool& pool);

  std::span<const std::uint32_t> rows(RowSegment segment) const {
    return {rows_.data() + segment.begin, segment.size()};
  }
  std::span<const GradientPair> gradients(RowSegment segment) const {
    return {gradients_.data() + segment.begin, segment.size()};
  }

  // Splits each segment into the rows that go left, then the rest, each group in its old
  // order. The work is cut into blocks of rows across all the segments, so that one big node
  // (the root) keeps every thread busy as well as many small ones do.
  void split(std::span<SegmentSplit> splits, ThreadPool& pool);

 private:
  // Copies the right rows parked in scratch[scratch_begin, scratch_end) to `to` onwards.
  void move_rights(std::size_t scratch_begin, std::size_t scratch_end, std::size_t to);

  std::vector<std::uint32_t> rows_;
  std::vector<GradientPair> gradients_;
  std::vector<std::uint32_t> scratch_rows_;
  std::vector<GradientPair> scratch_gradients_;
};

}  // namespace sonic::ml::gbdt
