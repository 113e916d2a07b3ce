#include "ml/kmeans/elbow.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "sonic/core/error.hpp"

namespace sonic::ml {
namespace {

TEST(Elbow, FarthestPointBelowTheChordOfTheScaledCurve) {
  // x = 3…8 scales to 0, .2, …, 1; y = (y − 10) / 90 gives 1, .333, .111, .056, .022, 0. The
  // chord is 1 − x, so the points lie .467, .489, .344, .178 below it: the third point.
  const std::vector<double> k{3, 4, 5, 6, 7, 8};
  const std::vector<double> inertia{100, 40, 20, 15, 12, 10};
  EXPECT_EQ(elbow_index(k, inertia), 2u);
}

TEST(Elbow, ScaleOfEitherAxisDoesNotMatter) {
  const std::vector<double> k{3, 4, 5, 6, 7, 8};
  const std::vector<double> inertia{100, 40, 20, 15, 12, 10};
  std::vector<double> scaled_k, scaled_inertia;
  for (double v : k) scaled_k.push_back(1000 + 7 * v);
  for (double v : inertia) scaled_inertia.push_back(3e6 * v - 5);
  EXPECT_EQ(elbow_index(scaled_k, scaled_inertia), 2u);
}

TEST(Elbow, SharpKneeIsFound) {
  const std::vector<double> k{3, 4, 5, 6, 7, 8, 9, 10};
  const std::vector<double> inertia{90, 70, 50, 10, 9, 8, 7, 6};
  EXPECT_EQ(elbow_index(k, inertia), 3u);
}

TEST(Elbow, NoElbowOnStraightFlatConcaveOrShortCurves) {
  const std::vector<double> k{1, 2, 3, 4};
  EXPECT_EQ(elbow_index(k, std::vector<double>{8, 6, 4, 2}), std::nullopt);
  EXPECT_EQ(elbow_index(k, std::vector<double>{5, 5, 5, 5}), std::nullopt);
  EXPECT_EQ(elbow_index(k, std::vector<double>{10, 9.5, 8, 1}), std::nullopt);  // above the chord
  EXPECT_EQ(elbow_index(std::vector<double>{1, 2}, std::vector<double>{5, 1}), std::nullopt);
}

TEST(Elbow, MismatchedLengthsAreAnError) {
  EXPECT_THROW(elbow_index(std::vector<double>{1, 2, 3}, std::vector<double>{1, 2}), InputError);
}

}  // namespace
}  // namespace sonic::ml
