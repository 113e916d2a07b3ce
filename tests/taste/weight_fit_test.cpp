#include "sonic/taste/weight_fit.hpp"

#include <gtest/gtest.h>

#include "sonic/taste/recommend.hpp"

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
  EXPECT_EQ(fit_ranker_weights(std::span<const OriginCase>{}, task, {.memory = 0.25}).memory, 0.25);
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

constexpr std::int64_t kMinute = 60'000;
constexpr std::int64_t kHour = 60 * kMinute;

// A history where, each month, the track that comes back is an old favourite and the most recently
// dropped tracks never do. For each month start O = 120, 150, …, 300 (days):
//   favourite F_O (id O): played 20 times in days 0..19, once a day at hour O / 30, and again on
//   day O + 5;
//   60 one-off tracks (ids O·1000 + i), each played once from day O − 33 on, 40 minutes apart.
// Every listen is a session of its own (co-listening 0), every track has an artist of its own, and
// there are no genres.
// At origin O the library candidates (quiet 30 days) are the 60 one-offs (recency ≈ 1, memory ≈ 0.1
// scaled), the favourites (memory ≈ 1, recency ≈ 0) and older one-offs; the target is F_O.
// Default weights (memory 1, recency 1) put the 60 one-offs first: F_O is past the top 50 and
// Recall@50 is 0 (except at O = 120, where no favourite has come back yet and the favourites'
// recency still counts). Memory 2 puts the favourites first: recall 1.
ListeningData favourites_come_back(std::int64_t extra_after_day = 0) {
  std::vector<records::TasteTrack> tracks;
  std::vector<records::TasteListen> listens;
  const auto add_track = [&](std::int64_t id) {
    tracks.push_back({.id = id, .name = std::to_string(id), .artist_id = id, .artist = std::to_string(id)});
  };
  for (std::int64_t origin = 120; origin <= 300; origin += 30) {
    add_track(origin);
    for (std::int64_t day = 0; day < 20; ++day) {
      listens.push_back({day * kDay + origin / 30 * kHour, 180'000, origin, origin});
    }
    listens.push_back({(origin + 5) * kDay, 180'000, origin, origin});
    for (std::int64_t i = 0; i < 60; ++i) {
      add_track(origin * 1000 + i);
      listens.push_back({(origin - 33) * kDay + i * 40 * kMinute, 180'000, origin * 1000 + i, origin * 1000 + i});
    }
  }
  // Listens after now (day 300) that would make the one-offs come back: the fit must not see them.
  for (std::int64_t i = 0; extra_after_day > 0 && i < 60; ++i) {
    listens.push_back({extra_after_day * kDay + i * kHour, 180'000, 270'000 + i, 270'000 + i});
  }
  return make_listening_data(std::move(listens), std::move(tracks), {}, {});
}

TEST(PersonFit, PicksTheWeightsThatFindTheFavouritesOnEarlierMonths) {
  const auto data = favourites_come_back();
  const std::int64_t now = 300 * kDay;
  const auto fitted = fit_person_weights(data, now, {}, {});
  // Six earlier months (origins 270, 240, …, 120), each with its favourite as the target.
  EXPECT_EQ(fitted.library_origins, 6);
  // Memory is tried first: 0, 0.25 and 0.5 find no favourite, 1 is the start, 2 finds every one;
  // 4 only ties and nothing later beats recall 1, so the rest keep the defaults.
  const auto defaults = default_ranker_weights();
  EXPECT_EQ(fitted.library.memory, 2.0);
  EXPECT_EQ(fitted.library.recency, defaults.recency);
  EXPECT_EQ(fitted.library.co_listening, defaults.co_listening);
  EXPECT_EQ(fitted.library.plays, defaults.plays);
  // On the month after now, never seen by the fit, the fitted weights find F_300 and the defaults
  // do not.
  const auto held_out = origin_case(data, now, 30, {});
  ASSERT_EQ(held_out.targets, (std::unordered_set<std::int64_t>{300}));
  const auto task = library_fit_task();
  EXPECT_EQ(case_recall(held_out, fitted.library, task), 1.0);
  EXPECT_EQ(case_recall(held_out, defaults, task), 0.0);
  // The rediscover pool has weights of its own, fitted on its own task (Recall@20 of tracks quiet
  // 90 days): there the one-offs of the month are not candidates yet.
  EXPECT_GT(fitted.rediscover_origins, 0);
}

TEST(PersonFit, SeesNothingAfterNowAndIsTheSameEachRun) {
  const std::int64_t now = 300 * kDay;
  const auto fitted = fit_person_weights(favourites_come_back(), now, {}, {});
  // Day 310: every one-off of month 270 comes back, after now.
  const auto later = fit_person_weights(favourites_come_back(310), now, {}, {});
  EXPECT_EQ(weight_array(later.library), weight_array(fitted.library));
  EXPECT_EQ(weight_array(later.rediscover), weight_array(fitted.rediscover));
  // A pool not asked for keeps the start and fits on nothing.
  const auto library_only = fit_person_weights(favourites_come_back(), now, {}, {.rediscover = false});
  EXPECT_EQ(library_only.rediscover_origins, 0);
  EXPECT_EQ(weight_array(library_only.rediscover), weight_array(default_ranker_weights()));
  EXPECT_EQ(weight_array(library_only.library), weight_array(fitted.library));
  // Under 90 days of history before every past month: nothing to fit on.
  EXPECT_EQ(fit_person_weights(favourites_come_back(), 100 * kDay, {}, {}).library_origins, 0);
}

// `sonic recommend` ranks each pool with the weights fitted at its now. At day 300 the rediscover
// pool (quiet 90 days) holds F_120, F_150, F_180 (back on days 125, 155, 185: more recent and more
// remembered than the rest), F_300, and the one-offs of months 240 and before (the most recently
// dropped, the last played first: recency ≈ 1). Defaults: F_300 scores ≈ 0.9 against the one-offs' ≈ 1.1, so the picks
// after the three returned favourites are one-offs; memory 2 puts F_300 fourth.
TEST(PersonFit, RecommendRanksEachPoolWithItsFittedWeights) {
  const auto data = favourites_come_back();
  const auto utc = TimeZone::named("UTC");
  RecommendOptions options;
  options.pools = {Pool::rediscover};
  options.fit_pools = {Pool::rediscover};  // the product fits only the library pool's by default
  options.size = 5;
  options.now_ms = 300 * kDay;
  const auto picked = [](const RecommendResult& result) {
    std::vector<std::int64_t> ids;
    for (const auto& pick : result.recommendations) ids.push_back(pick.track_id);
    return ids;
  };
  const auto result = recommend(data, options, utc);
  const auto fitted = fit_person_weights(data, 300 * kDay, {}, {.library = false});
  EXPECT_EQ(weight_array(result.weights.rediscover), weight_array(fitted.rediscover));
  EXPECT_EQ(result.weights.rediscover.memory, 2.0);
  EXPECT_EQ(result.weights.library_origins, 0);  // not asked for
  EXPECT_EQ(picked(result), (std::vector<std::int64_t>{180, 150, 120, 300, 240'059}));
  options.fit_weights = false;
  const auto fixed = recommend(data, options, utc);
  EXPECT_EQ(weight_array(fixed.weights.rediscover), weight_array(default_ranker_weights()));
  EXPECT_EQ(picked(fixed), (std::vector<std::int64_t>{180, 150, 120, 240'059, 240'058}));
}

}  // namespace
}  // namespace sonic::taste
