// Quantile cuts and bin codes.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "ml/common/thread_pool.hpp"
#include "ml/gbdt/binned_matrix.hpp"
#include "ml/gbdt/quantile_cuts.hpp"
#include "sonic/core/random.hpp"

namespace sonic::ml::gbdt {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

TEST(GbdtQuantileCuts, FewDistinctValuesGetABinEach) {
  const std::vector<double> sorted = {1, 1, 2, 3, 3, 3};
  EXPECT_EQ(quantile_upper_edges(sorted, 4), (std::vector<double>{2, 3, kInf}));
  EXPECT_EQ(quantile_upper_edges(sorted, 3), (std::vector<double>{2, 3, kInf}));
  EXPECT_EQ(quantile_upper_edges(std::vector<double>{5}, 4), (std::vector<double>{kInf}));
  EXPECT_EQ(quantile_upper_edges(std::vector<double>{}, 4), (std::vector<double>{kInf}));
}

TEST(GbdtQuantileCuts, ManyDistinctValuesFillEqualBins) {
  std::vector<double> sorted(1000);
  for (std::size_t i = 0; i < sorted.size(); ++i) sorted[i] = static_cast<double>(i) * 0.5;
  const std::vector<double> edges = quantile_upper_edges(sorted, 10);
  ASSERT_EQ(edges.size(), 10u);
  EXPECT_EQ(edges.back(), kInf);
  EXPECT_TRUE(std::is_sorted(edges.begin(), edges.end()));
  double lower = -kInf;
  for (double upper : edges) {
    const auto in_bin = std::count_if(sorted.begin(), sorted.end(), [&](double v) { return v >= lower && v < upper; });
    EXPECT_NEAR(static_cast<double>(in_bin), 100.0, 1.0) << "bin below " << upper;
    lower = upper;
  }
}

TEST(GbdtQuantileCuts, AHeavyValueKeepsABinOfItsOwn) {
  // Half the rows are 0 (a typical "no listening yet" value); the rest spread over 500 values.
  std::vector<double> sorted(500, 0.0);
  for (int i = 1; i <= 500; ++i) sorted.push_back(i);
  const std::vector<double> edges = quantile_upper_edges(sorted, 10);
  EXPECT_LE(edges.size(), 10u);
  EXPECT_EQ(edges.front(), 1.0);  // the first bin holds the zeros and nothing else
  EXPECT_GE(edges.size(), 8u);    // the other values still get most of the bins
}

TEST(GbdtQuantileCuts, ColumnCutsAreTheCutsOfItsSortedValues) {
  // Negative and positive values of every magnitude, both zeros, and missing values: the
  // column is sorted inside compute_feature_cuts by its own sort.
  SeededRandom random(17);
  Eigen::MatrixXd x(5000, 1);
  std::vector<double> present;
  for (Eigen::Index r = 0; r < x.rows(); ++r) {
    double v = random.normal() * std::pow(10.0, static_cast<double>(random.integer(-30, 30)));
    if (r % 97 == 0) v = r % 2 ? 0.0 : -0.0;
    if (r % 50 == 0) v = static_cast<double>(random.integer(-3, 3));
    if (r % 31 == 0) {
      x(r, 0) = kNaN;
      continue;
    }
    x(r, 0) = v;
    present.push_back(v);
  }
  std::sort(present.begin(), present.end());
  ThreadPool pool(1);
  for (int max_bin : {8, 64, 256}) {
    const FeatureCuts cuts = compute_feature_cuts(x, max_bin, 1, pool);
    EXPECT_TRUE(cuts.has_missing[0]);
    EXPECT_EQ(cuts.upper_edges[0], quantile_upper_edges(present, static_cast<std::size_t>(std::min(max_bin, 255))))
        << max_bin;
  }
}

TEST(GbdtBinCode, CountsTheEdgesAtOrBelowTheValue) {
  const std::vector<double> edges = {-1.5, 0, 0.25, 3, 7, kInf};
  EXPECT_EQ(bin_code(edges, -2), 0);
  EXPECT_EQ(bin_code(edges, -1.5), 1);  // an edge is the lowest value of the next bin
  EXPECT_EQ(bin_code(edges, 0.1), 2);
  EXPECT_EQ(bin_code(edges, 1e300), 5);
  EXPECT_EQ(bin_code(edges, kNaN), 6);  // missing: the slot after the bins
  SeededRandom random(3);
  for (int i = 0; i < 1000; ++i) {
    const double v = random.uniform(-3, 9);
    const auto expected = std::upper_bound(edges.begin(), edges.end(), v) - edges.begin();
    EXPECT_EQ(bin_code(edges, v), expected) << v;
  }
}

TEST(GbdtBinnedMatrix, CodesEveryValueAndKeepsASlotForMissing) {
  Eigen::MatrixXd x(300, 3);
  SeededRandom random(9);
  for (Eigen::Index r = 0; r < x.rows(); ++r) {
    x(r, 0) = random.normal();
    x(r, 1) = random.chance(0.2) ? kNaN : random.normal();
    x(r, 2) = static_cast<double>(r % 4);
  }
  ThreadPool pool(2);
  const BinnedMatrix binned(x, compute_feature_cuts(x, 16, 1, pool), pool);
  EXPECT_EQ(binned.bin_count(0), 16u);
  EXPECT_EQ(binned.bin_count(1), 16u);  // and a code for missing values after them
  EXPECT_EQ(binned.bin_count(2), 4u);
  EXPECT_EQ(binned.slot_count(0), 16u);
  EXPECT_EQ(binned.slot_count(1), 17u);
  EXPECT_EQ(binned.slot_offset(2), 33u);
  EXPECT_EQ(binned.total_slots(), 37u);
  for (std::size_t f = 0; f < 3; ++f) {
    for (Eigen::Index r = 0; r < x.rows(); ++r) {
      EXPECT_EQ(binned.column(f)[r], bin_code(binned.cuts().upper_edges[f], x(r, static_cast<Eigen::Index>(f))));
    }
  }
}

TEST(GbdtBinnedMatrix, AtTheFullByteMissingValuesTakeTheLastCode) {
  // 256 bins and a missing code would be 257 codes, one more than a byte holds.
  Eigen::MatrixXd x(2000, 2);
  for (Eigen::Index r = 0; r < x.rows(); ++r) {
    x(r, 0) = static_cast<double>(r);
    x(r, 1) = r % 10 == 0 ? kNaN : static_cast<double>(r);
  }
  ThreadPool pool(1);
  const BinnedMatrix binned(x, compute_feature_cuts(x, 256, 1, pool), pool);
  EXPECT_EQ(binned.bin_count(0), 256u);
  EXPECT_EQ(binned.bin_count(1), 255u);
  EXPECT_EQ(binned.column(1)[0], 255);
  EXPECT_EQ(binned.column(1)[1999], 254);
}

}  // namespace
}  // namespace sonic::ml::gbdt
