#include "sonic/taste/compatibility.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace sonic::taste {
namespace {

std::vector<NamedShare> shares(std::initializer_list<std::pair<const char*, double>> entries) {
  std::vector<NamedShare> list;
  for (const auto& [key, share] : entries) list.push_back({key, key, share, {}});
  return list;
}

TEST(Compatibility, WeightedJaccardIsSumOfMinimaOverSumOfMaxima) {
  // min: x 0.25; max: x 0.5, y 0.5, z 0.75.
  EXPECT_DOUBLE_EQ(weighted_jaccard(shares({{"x", 0.5}, {"y", 0.5}}), shares({{"x", 0.25}, {"z", 0.75}})), 0.25 / 1.75);
  EXPECT_DOUBLE_EQ(weighted_jaccard(shares({{"x", 1.0}}), shares({{"x", 1.0}})), 1.0);
  EXPECT_DOUBLE_EQ(weighted_jaccard(shares({{"x", 1.0}}), shares({{"y", 1.0}})), 0.0);
}

TEST(Compatibility, CosineOfGenreVectors) {
  // (0.6, 0.8, 0) · (0.6, 0, 0.8) = 0.36 over 1 × 1.
  EXPECT_NEAR(cosine_similarity(shares({{"a", 0.6}, {"b", 0.8}}), shares({{"a", 0.6}, {"c", 0.8}})), 0.36, 1e-12);
}

TEST(Compatibility, RankBiasedOverlapByHand) {
  const auto xy = shares({{"x", 0.6}, {"y", 0.4}});
  const auto yx = shares({{"y", 0.6}, {"x", 0.4}});
  // Depth 2, p = 0.5: A1 = 0, A2 = 1 → (1 − 0.5)(0 + 0.5 · 1) / (1 − 0.25) = 1/3.
  EXPECT_NEAR(rank_biased_overlap(xy, yx, 2, 0.5), 1.0 / 3.0, 1e-12);
  EXPECT_NEAR(rank_biased_overlap(xy, xy, 2, 0.5), 1.0, 1e-12);
  EXPECT_NEAR(rank_biased_overlap(xy, shares({{"z", 1.0}}), 2, 0.5), 0.0, 1e-12);
}

TEST(Compatibility, JensenShannonInBits) {
  const std::vector<double> left = {1, 0};
  const std::vector<double> right = {0, 1};
  const std::vector<double> half = {2, 2};  // normalised to 0.5, 0.5
  EXPECT_NEAR(jensen_shannon(left, right), 1.0, 1e-12);
  EXPECT_NEAR(jensen_shannon(left, left), 0.0, 1e-12);
  // m = (0.75, 0.25): ½ log2(1/0.75) + ½ (½ log2(0.5/0.75) + ½ log2(0.5/0.25)).
  const double expected = 0.5 * std::log2(1 / 0.75) + 0.5 * (0.5 * std::log2(0.5 / 0.75) + 0.5 * std::log2(2.0));
  EXPECT_NEAR(jensen_shannon(left, half), expected, 1e-12);
}

TEST(Compatibility, ScoreIsTheMeanOfTheAvailablePartsAndNamesSharedFavourites) {
  ProfileSummary a;
  a.artists = shares({{"x", 0.5}, {"y", 0.5}});
  a.hours[20] = 1.0;
  ProfileSummary b = a;
  b.artists = shares({{"y", 0.75}, {"z", 0.25}});
  const auto result = compare_profiles(a, b);
  ASSERT_EQ(result.parts.size(), 5u);
  EXPECT_FALSE(result.parts[1].value);  // no genres
  EXPECT_FALSE(result.parts[3].value);  // no moods
  const double jaccard = 0.5 / (0.5 + 0.75 + 0.25);
  const double rbo = rank_biased_overlap(a.artists, b.artists, 50, 0.9);
  EXPECT_NEAR(result.score, 100.0 * (jaccard + rbo + 1.0) / 3.0, 1e-9);
  ASSERT_EQ(result.shared_favourites.size(), 1u);
  EXPECT_EQ(result.shared_favourites[0].name, "y");
}

TEST(Compatibility, BridgeArtistsAreTheOnesTheOthersGenresPredict) {
  ProfileSummary a;
  a.artists = {
      {"Shared", "shared", 0.5, {"rock"}}, {"Jazzy", "jazzy", 0.3, {"jazz"}}, {"Folky", "folky", 0.2, {"folk"}}};
  a.genres = shares({{"rock", 0.5}, {"jazz", 0.3}, {"folk", 0.2}});
  ProfileSummary b;
  b.artists = {{"Shared", "shared", 1.0, {"rock"}}};
  b.genres = shares({{"rock", 0.6}, {"jazz", 0.4}});
  const auto result = compare_profiles(a, b);
  ASSERT_EQ(result.bridges.size(), 1u);  // Folky's genre is none of b's
  EXPECT_EQ(result.bridges[0].name, "Jazzy");
  EXPECT_EQ(result.bridges[0].played_by, 'a');
  EXPECT_DOUBLE_EQ(result.bridges[0].fit, 0.3 * 0.4);
}

}  // namespace
}  // namespace sonic::taste
