// The transition model against hand-computed tables: additive smoothing, the per-segment table
// backing off to the first-order one, the file round trip and its refusals.
#include "sonic/mood/transition_model.hpp"

#include <gtest/gtest.h>

#include "sonic/core/error.hpp"

namespace sonic::mood {
namespace {

Eigen::VectorXi ints(std::initializer_list<int> values) {
  Eigen::VectorXi out(static_cast<Eigen::Index>(values.size()));
  Eigen::Index i = 0;
  for (int v : values) out(i++) = v;
  return out;
}

// current 0,0,0,1 → next 0,0,1,1 over two clusters.
const Eigen::VectorXi kCurrent = ints({0, 0, 0, 1});
const Eigen::VectorXi kNext = ints({0, 0, 1, 1});
const Eigen::VectorXi kSegment = ints({0, 0, 1, 1});

TEST(TransitionModel, FirstOrderCountsWithAdditiveSmoothing) {
  const auto model = TransitionModel::fit(kCurrent, kSegment, kNext, 4, 2, 4, {.alpha = 1.0});
  // After 0: two 0s and one 1 → (2+1, 1+1) / (3+2). After 1: one 1 → (0+1, 1+1) / (1+2).
  EXPECT_NEAR(model.probabilities(0, 0)(0), 0.6, 1e-12);
  EXPECT_NEAR(model.probabilities(0, 0)(1), 0.4, 1e-12);
  EXPECT_NEAR(model.probabilities(1, 3)(0), 1.0 / 3, 1e-12);  // the segment is ignored
  EXPECT_NEAR(model.probabilities(1, 3)(1), 2.0 / 3, 1e-12);
  const auto rows = model.predict_proba(ints({1, 0}), ints({0, 0}));
  EXPECT_NEAR(rows(0, 1), 2.0 / 3, 1e-12);
  EXPECT_NEAR(rows(1, 0), 0.6, 1e-12);
}

TEST(TransitionModel, OnlyTheFirstRowsAreCounted) {
  const auto model = TransitionModel::fit(kCurrent, kSegment, kNext, 2, 2, 4, {.alpha = 0.5});
  // Rows 0 and 1 only: after 0 two 0s → (2.5, 0.5) / 3; after 1 nothing → (0.5, 0.5).
  EXPECT_NEAR(model.probabilities(0, 0)(0), 2.5 / 3, 1e-12);
  EXPECT_NEAR(model.probabilities(1, 0)(0), 0.5, 1e-12);
}

TEST(TransitionModel, TheSegmentTableBacksOffToTheFirstOrderOne) {
  const auto model = TransitionModel::fit(kCurrent, kSegment, kNext, 4, 2, 4,
                                          {.alpha = 1.0, .segment_strength = 2.0, .by_segment = true});
  // Segment 0 after 0: (2, 0) with prior 2 × (0.6, 0.4) → (3.2, 0.8) / 4.
  EXPECT_NEAR(model.probabilities(0, 0)(0), 0.8, 1e-12);
  // Segment 1 after 0: (0, 1) → (1.2, 1.8) / 3.
  EXPECT_NEAR(model.probabilities(0, 1)(1), 0.6, 1e-12);
  // Segment 1 after 1: (0, 1) with prior 2 × (1/3, 2/3) → (2/3, 7/3) / 3.
  EXPECT_NEAR(model.probabilities(1, 1)(1), 7.0 / 9, 1e-12);
  // Segment 3 never seen: the first-order row itself.
  EXPECT_NEAR(model.probabilities(0, 3)(0), 0.6, 1e-12);
  EXPECT_NEAR(model.probabilities(0, 3).sum(), 1.0, 1e-12);
}

TEST(TransitionModel, RoundTripsThroughItsJson) {
  const auto model = TransitionModel::fit(kCurrent, kSegment, kNext, 4, 2, 4,
                                          {.alpha = 1.0, .segment_strength = 2.0, .by_segment = true});
  const auto loaded = TransitionModel::from_json(model.to_json(), 2);
  for (int segment = 0; segment < 4; ++segment) {
    for (int current = 0; current < 2; ++current) {
      EXPECT_TRUE(loaded.probabilities(current, segment).isApprox(model.probabilities(current, segment)));
    }
  }
  EXPECT_TRUE(loaded.by_segment());
}

TEST(TransitionModel, RefusesOutOfRangeClustersAndMalformedTables) {
  EXPECT_THROW(TransitionModel::fit(ints({0, 2}), ints({0, 0}), ints({0, 1}), 2, 2, 4, {}), InputError);
  EXPECT_THROW(TransitionModel::fit(kCurrent, ints({0, 0, 9, 0}), kNext, 4, 2, 4, {.by_segment = true}), InputError);
  const auto model = TransitionModel::fit(kCurrent, kSegment, kNext, 4, 2, 4, {});
  EXPECT_THROW(model.probabilities(2, 0), InputError);
  auto json = model.to_json();
  json["first_order"][0][1] = 1.5;
  EXPECT_THROW(TransitionModel::from_json(json, 2), InputError);
  EXPECT_THROW(TransitionModel::from_json(model.to_json(), 3), InputError);  // two rows, three clusters
  json.erase("alpha");
  EXPECT_THROW(TransitionModel::from_json(json, 2), InputError);
}

}  // namespace
}  // namespace sonic::mood
