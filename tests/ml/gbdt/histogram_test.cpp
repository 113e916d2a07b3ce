// Histograms and the row partition against brute force.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "ml/common/thread_pool.hpp"
#include "ml/gbdt/histogram.hpp"
#include "ml/gbdt/row_partition.hpp"
#include "sonic/core/random.hpp"

namespace sonic::ml::gbdt {
namespace {

struct Column {
  std::vector<std::uint8_t> codes;
  std::vector<GradientPair> gradients;
};

Column random_column(std::size_t rows, int slots, std::uint64_t seed) {
  SeededRandom random(seed);
  Column column;
  for (std::size_t r = 0; r < rows; ++r) {
    column.codes.push_back(static_cast<std::uint8_t>(random.below(static_cast<std::size_t>(slots))));
    column.gradients.push_back(
        {static_cast<float>(random.uniform(-1, 1)), static_cast<float>(random.uniform(0, 0.25))});
  }
  return column;
}

std::vector<GradientSum> brute_force(const Column& column, const std::vector<std::uint32_t>& rows, int slots) {
  std::vector<GradientSum> sums(static_cast<std::size_t>(slots));
  for (std::uint32_t row : rows) {
    sums[column.codes[row]].grad += column.gradients[row].grad;
    sums[column.codes[row]].hess += column.gradients[row].hess;
  }
  return sums;
}

// One pass over the rows for up to four features, each with its own codes and slot count.
TEST(GbdtHistogram, EqualsBruteForceSumsOverTheListedRows) {
  const int slot_counts[] = {37, 256, 2, 11};
  std::vector<Column> columns;
  for (int f = 0; f < 4; ++f)
    columns.push_back(random_column(5000, slot_counts[f], 10 + static_cast<std::uint64_t>(f)));
  SeededRandom random(2);
  std::vector<std::uint32_t> rows;
  std::vector<GradientPair> ordered;
  for (std::uint32_t r = 0; r < 5000; ++r) {
    if (random.chance(0.3)) {
      rows.push_back(r);
      ordered.push_back(columns[0].gradients[r]);
    }
  }
  for (std::size_t features = 1; features <= kMaxFeaturesPerPass; ++features) {
    std::vector<std::vector<GradientSum>> slots;
    std::vector<FeatureHistogram> pass;
    for (std::size_t f = 0; f < features; ++f) {
      slots.emplace_back(static_cast<std::size_t>(slot_counts[f]), GradientSum{99, 99});  // stale
    }
    for (std::size_t f = 0; f < features; ++f) pass.push_back({columns[f].codes.data(), slots[f]});
    build_histograms(pass, rows, ordered);
    for (std::size_t f = 0; f < features; ++f) {
      Column column = columns[f];
      column.gradients = columns[0].gradients;  // all features of a node share its gradients
      const std::vector<GradientSum> expected = brute_force(column, rows, slot_counts[f]);
      for (std::size_t s = 0; s < slots[f].size(); ++s) {
        // Same additions in the same order: exactly equal.
        EXPECT_EQ(slots[f][s].grad, expected[s].grad) << features << " features, feature " << f << " slot " << s;
        EXPECT_EQ(slots[f][s].hess, expected[s].hess) << features << " features, feature " << f << " slot " << s;
      }
    }
  }
}

TEST(GbdtHistogram, AllRowsVersionMatchesTheListedOne) {
  const Column column = random_column(3000, 256, 3);
  std::vector<std::uint32_t> rows(3000);
  for (std::uint32_t r = 0; r < 3000; ++r) rows[r] = r;
  std::vector<GradientSum> listed(256), all(256);
  const FeatureHistogram listed_pass[] = {{column.codes.data(), listed}};
  const FeatureHistogram all_pass[] = {{column.codes.data(), all}};
  build_histograms(listed_pass, rows, column.gradients);
  build_histograms_all_rows(all_pass, column.gradients);
  for (std::size_t s = 0; s < 256; ++s) {
    EXPECT_EQ(listed[s].grad, all[s].grad);
    EXPECT_EQ(listed[s].hess, all[s].hess);
  }
}

TEST(GbdtHistogram, ParentMinusChildIsTheSibling) {
  const Column column = random_column(4000, 20, 4);
  std::vector<std::uint32_t> child_rows, sibling_rows;
  std::vector<GradientPair> child_gradients;
  for (std::uint32_t r = 0; r < 4000; ++r) {
    if (r % 3 == 0) {
      child_rows.push_back(r);
      child_gradients.push_back(column.gradients[r]);
    } else {
      sibling_rows.push_back(r);
    }
  }
  std::vector<GradientSum> parent(20), child(20);
  const FeatureHistogram parent_pass[] = {{column.codes.data(), parent}};
  const FeatureHistogram child_pass[] = {{column.codes.data(), child}};
  build_histograms_all_rows(parent_pass, column.gradients);
  build_histograms(child_pass, child_rows, child_gradients);
  subtract_histogram(parent, child);
  const std::vector<GradientSum> expected = brute_force(column, sibling_rows, 20);
  for (std::size_t s = 0; s < 20; ++s) {
    EXPECT_NEAR(parent[s].grad, expected[s].grad, 1e-9);
    EXPECT_NEAR(parent[s].hess, expected[s].hess, 1e-9);
  }
}

std::vector<std::uint32_t> as_vector(std::span<const std::uint32_t> rows) { return {rows.begin(), rows.end()}; }

// Enough rows for several blocks per segment, so the blocks' shares must be stitched together.
TEST(GbdtRowPartition, SplitsStablyAndCarriesEachRowsGradient) {
  constexpr std::uint32_t kRows = 100'000;
  const Column column = random_column(kRows, 8, 5);
  std::vector<std::uint32_t> rows;
  for (std::uint32_t r = 0; r < kRows; r += 2) rows.push_back(r);  // a subsample
  for (int threads : {1, 3}) {
    ThreadPool pool(threads);
    RowPartition partition;
    const RowSegment root = partition.reset(rows, column.gradients, pool);
    SegmentSplit first[1];
    first[0].segment = root;
    first[0].codes = column.codes.data();
    first[0].goes_left[1] = first[0].goes_left[4] = first[0].goes_left[6] = 1;
    partition.split(first, pool);
    const RowSegment left = first[0].left, right = first[0].right;
    EXPECT_EQ(left.begin, root.begin);
    EXPECT_EQ(left.end, right.begin);
    EXPECT_EQ(right.end, root.end);

    std::vector<std::uint32_t> expected_left, expected_right;
    for (std::uint32_t row : rows) {
      (first[0].goes_left[column.codes[row]] ? expected_left : expected_right).push_back(row);
    }
    EXPECT_EQ(as_vector(partition.rows(left)), expected_left);
    EXPECT_EQ(as_vector(partition.rows(right)), expected_right);
    for (const RowSegment segment : {left, right}) {
      for (std::size_t i = 0; i < segment.size(); ++i) {
        EXPECT_EQ(partition.gradients(segment)[i].grad, column.gradients[partition.rows(segment)[i]].grad);
      }
    }

    // Both children at once, each within its own segment.
    SegmentSplit second[2];
    second[0].segment = left;
    second[1].segment = right;
    for (SegmentSplit& split : second) {
      split.codes = column.codes.data();
      split.goes_left[1] = split.goes_left[2] = 1;
    }
    partition.split(second, pool);
    EXPECT_EQ(second[0].left.begin, left.begin);
    EXPECT_EQ(second[0].right.end, left.end);
    EXPECT_EQ(second[1].left.begin, right.begin);
    for (std::uint32_t row : partition.rows(second[0].left)) EXPECT_EQ(column.codes[row], 1);
    for (std::uint32_t row : partition.rows(second[1].left)) EXPECT_EQ(column.codes[row], 2);
    const auto right_rest = as_vector(partition.rows(second[1].right));
    EXPECT_TRUE(std::is_sorted(right_rest.begin(), right_rest.end()));
    EXPECT_EQ(right_rest.size() + second[1].left.size(), expected_right.size());
  }
}

}  // namespace
}  // namespace sonic::ml::gbdt
