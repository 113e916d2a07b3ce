#include "sonic/sim/random.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <vector>

namespace sonic::sim {
namespace {

TEST(SeededRandom, IsTheStandardMersenneTwister) {
  // The C++ standard fixes this value ([rand.predef]): any library, any platform.
  SeededRandom random(5489);
  std::uint64_t value = 0;
  for (int i = 0; i < 10000; ++i) value = random.next_u64();
  EXPECT_EQ(value, 9981545732273789042ULL);
}

TEST(SeededRandom, TransformsAreOurOwnArithmeticOnTheRawOutput) {
  // Pins the transforms to plain arithmetic, so nobody swaps in a std:: distribution whose
  // results differ between standard libraries.
  std::mt19937_64 engine(7);
  SeededRandom random(7);
  EXPECT_EQ(random.integer(10, 109), 10 + static_cast<std::int64_t>(engine() % 100));
  EXPECT_EQ(random.uniform(), static_cast<double>(engine() >> 11) * 0x1.0p-53);
}

TEST(SeededRandom, SameSeedSameNumbersDifferentSeedDifferent) {
  SeededRandom a(1), b(1), c(2);
  int differences = 0;
  for (int i = 0; i < 100; ++i) {
    const auto from_a = a.next_u64();
    EXPECT_EQ(from_a, b.next_u64());
    differences += from_a != c.next_u64();
  }
  EXPECT_GT(differences, 95);
}

TEST(SeededRandom, StreamsAreIndependentOfEachOther) {
  auto first = SeededRandom::for_stream(42, 1);
  auto second = SeededRandom::for_stream(42, 2);
  auto first_again = SeededRandom::for_stream(42, 1);
  const auto value = first.next_u64();
  EXPECT_NE(value, second.next_u64());
  EXPECT_EQ(value, first_again.next_u64());
}

TEST(SeededRandom, IntegersCoverBothEndsAndNothingElse) {
  SeededRandom random(3);
  std::array<int, 5> seen{};
  for (int i = 0; i < 5000; ++i) {
    const auto value = random.integer(-2, 2);
    ASSERT_GE(value, -2);
    ASSERT_LE(value, 2);
    ++seen[static_cast<std::size_t>(value + 2)];
  }
  for (int count : seen) EXPECT_GT(count, 800);
  EXPECT_EQ(random.integer(7, 7), 7);
  EXPECT_THROW(random.integer(2, 1), std::invalid_argument);
}

TEST(SeededRandom, UniformStaysInItsHalfOpenRange) {
  SeededRandom random(4);
  double sum = 0;
  for (int i = 0; i < 10000; ++i) {
    const double value = random.uniform(2.0, 4.0);
    ASSERT_GE(value, 2.0);
    ASSERT_LT(value, 4.0);
    sum += value;
  }
  EXPECT_NEAR(sum / 10000, 3.0, 0.05);
}

TEST(SeededRandom, BellHasTheAskedMeanAndSpread) {
  SeededRandom random(5);
  std::vector<double> values;
  for (int i = 0; i < 20000; ++i) values.push_back(random.bell(10.0, 2.0));
  const double mean = std::accumulate(values.begin(), values.end(), 0.0) / 20000;
  double variance = 0;
  for (double value : values) variance += (value - mean) * (value - mean);
  EXPECT_NEAR(mean, 10.0, 0.1);
  EXPECT_NEAR(std::sqrt(variance / 20000), 2.0, 0.1);
  EXPECT_GE(*std::min_element(values.begin(), values.end()), -2.0);  // bounded by ±6 spreads
  EXPECT_LE(*std::max_element(values.begin(), values.end()), 22.0);
}

TEST(SeededRandom, WeightedIndexFollowsTheWeights) {
  SeededRandom random(6);
  const std::array<double, 4> weights = {1.0, 0.0, 3.0, 0.0};
  std::array<int, 4> seen{};
  for (int i = 0; i < 8000; ++i) ++seen[random.weighted_index(weights)];
  EXPECT_EQ(seen[1], 0);
  EXPECT_EQ(seen[3], 0);
  EXPECT_NEAR(static_cast<double>(seen[2]) / seen[0], 3.0, 0.3);
  const std::array<double, 2> nothing = {0.0, 0.0};
  EXPECT_THROW(random.weighted_index(nothing), std::invalid_argument);
}

TEST(SeededRandom, FavouringFrontPrefersTheFront) {
  SeededRandom random(7);
  int front_tenth = 0;
  for (int i = 0; i < 10000; ++i) {
    const auto index = random.favouring_front(100);
    ASSERT_LT(index, 100u);
    front_tenth += index < 10;
  }
  EXPECT_NEAR(front_tenth / 10000.0, 0.316, 0.03);  // √0.1 of the draws land in the first tenth
}

TEST(SeededRandom, ShuffleIsAPermutation) {
  SeededRandom random(8);
  std::vector<int> values(50);
  std::iota(values.begin(), values.end(), 0);
  random.shuffle(std::span<int>(values));
  EXPECT_FALSE(std::is_sorted(values.begin(), values.end()));
  std::sort(values.begin(), values.end());
  for (int i = 0; i < 50; ++i) EXPECT_EQ(values[static_cast<std::size_t>(i)], i);
}

}  // namespace
}  // namespace sonic::sim
