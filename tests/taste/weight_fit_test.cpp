#include "sonic/taste/weight_fit.hpp"

#include <gtest/gtest.h>

namespace sonic::taste {
namespace {

constexpr std::int64_t kDay = 86'400'000;

// Track 1 came back three times before but is remembered less (0.5) than track 2 (1.0); only
// track 1 is heard again. Defaults (returns weight 0): 0.5 against 1, track 2 is first, recall 0.
OriginCase returns_predict() {
  OriginCase one;
  one.signals.tracks = {{.track_id = 1, .artist_id = 10, .long_term = 0.5, .returns = 3},
                        {.track_id = 2, .artist_id = 20, .long_term = 1.0}};
  for (std::size_t i = 0; i < one.signals.tracks.size(); ++i) one.signals.index[one.signals.tracks[i].track_id] = i;
  one.candidates = {{1, Pool::rediscover}, {2, Pool::rediscover}};
  one.targets = {1};
  return one;
}

TEST(WeightFit, EachWeightTakesTheFirstGridValueThatRaisesRecall) {
  const std::vector<OriginCase> cases = {returns_predict()};
  const FitTask task{.k = 1, .quiet_days = 90, .max_per_artist = 0};
  EXPECT_EQ(case_recall(cases[0], {}, task), 0.0);
  // Memory alone cannot lift track 1; returns 0.25 gives it 0.5 + 0.25 < 1; returns 0.5 ties
  // it with track 2 at 1.0 and the lower track id wins the tie: recall 1. Nothing else beats 1.
  const auto fitted = fit_ranker_weights(cases, task, {});
  EXPECT_EQ(fitted.returns, 0.5);
  EXPECT_EQ(fitted.memory, 1.0);
  EXPECT_EQ(fitted.recency, 1.0);
  EXPECT_EQ(fitted.plays, 0.0);
  EXPECT_EQ(case_recall(cases[0], fitted, task), 1.0);
  // Only the parts named are fitted.
  const FitTask memory_only{.k = 1, .quiet_days = 90, .max_per_artist = 0, .parts = {ScorePart::memory}};
  EXPECT_EQ(fit_ranker_weights(cases, memory_only, {}).returns, 0.0);
  // Without cases the start comes back.
  EXPECT_EQ(fit_ranker_weights({}, task, {.memory = 0.25}).memory, 0.25);
}

// Track 1: days 0 and 230; track 2: days 0 and 260. Now is day 250.
TEST(WeightFit, PastOriginsNeverLookPastNow) {
  std::vector<records::TasteTrack> tracks = {{.id = 1, .name = "One", .artist_id = 10, .artist = "Alpha"},
                                             {.id = 2, .name = "Two", .artist_id = 20, .artist = "Beta"}};
  std::vector<records::TasteListen> listens = {
      {0, 180'000, 1, 10}, {60'000, 180'000, 2, 20}, {230 * kDay, 180'000, 1, 10}, {260 * kDay, 180'000, 2, 20}};
  const auto data = make_listening_data(std::move(listens), std::move(tracks), {}, {});
  const FitTask task{.k = 20, .quiet_days = 90, .origins = 6};
  // Origins 220, 190, 160, 130, 100 (day 70 has under 90 days before it); only 220's month
  // [220, 250) holds a return, track 1's. Track 2's return on day 260 is after now.
  const auto cases = past_origin_cases(data, 250 * kDay, task, {});
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(cases[0].origin_ms, 220 * kDay);
  EXPECT_EQ(cases[0].targets, (std::unordered_set<std::int64_t>{1}));
  EXPECT_EQ(cases[0].candidates.size(), 2u);  // both quiet since day 0
  // At origin 240 the month [240, 270) holds track 2's return.
  EXPECT_EQ(origin_case(data, 240 * kDay, 90, {}).targets, (std::unordered_set<std::int64_t>{2}));
}

}  // namespace
}  // namespace sonic::taste
