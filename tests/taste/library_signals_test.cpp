#include "sonic/taste/library_signals.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "sonic/taste/candidate_pools.hpp"

namespace sonic::taste {
namespace {

constexpr std::int64_t kDay = 86'400'000;
constexpr std::int64_t kMinute = 60'000;
constexpr std::int64_t kNow = 100 * kDay;

// Session 0 (day 0): tracks 1 and 2. Session 1 (day 99): tracks 2 and 3. Track 1 has genre tags
// shared with track 3; track 2 has none.
ListeningData history() {
  std::vector<records::TasteTrack> tracks = {{.id = 1, .name = "One", .artist_id = 10, .artist = "Alpha"},
                                             {.id = 2, .name = "Two", .artist_id = 20, .artist = "Beta"},
                                             {.id = 3, .name = "Three", .artist_id = 30, .artist = "Gamma"}};
  std::vector<records::TasteListen> listens = {{0, 180'000, 1, 10},
                                               {5 * kMinute, 180'000, 2, 20},
                                               {99 * kDay, 180'000, 2, 20},
                                               {99 * kDay + 5 * kMinute, 180'000, 3, 30}};
  const std::vector<records::ItemTag> tags = {{1, "rock", 100}, {3, "rock", 50}, {3, "jazz", 50}};
  return make_listening_data(std::move(listens), std::move(tracks), tags, {});
}

TEST(LibrarySignals, CoListeningByHand) {
  const auto data = history();
  const auto signals = compute_library_signals(data, data.listens, kNow, {});
  const double r1 = std::exp2(-100.0 / 30.0);
  const double r2 = std::exp2(-(100.0 - 5.0 / 1440.0) / 30.0) + std::exp2(-1.0 / 30.0);
  const double r3 = std::exp2(-(1.0 - 5.0 / 1440.0) / 30.0);
  const double total = r1 + r2 + r3;
  EXPECT_NEAR(signals.find(2)->recent, r2, 1e-12);
  // Each session gives each member the others' recent weight over (2 members × total).
  EXPECT_NEAR(signals.find(1)->co_listening, r2 / (2 * total), 1e-12);
  EXPECT_NEAR(signals.find(2)->co_listening, (r1 + r3) / (2 * total), 1e-12);
  EXPECT_NEAR(signals.find(3)->co_listening, r2 / (2 * total), 1e-12);
  EXPECT_EQ(signals.find(2)->plays, 2);
  EXPECT_EQ(signals.find(2)->last_ms, 99 * kDay);
  // Recency is the last listen alone, halved every 30 days: track 1 last heard 100 days ago,
  // track 2 one day ago (its earlier listen adds nothing).
  EXPECT_NEAR(signals.find(1)->since_last, std::exp2(-100.0 / 30.0), 1e-12);
  EXPECT_NEAR(signals.find(2)->since_last, std::exp2(-1.0 / 30.0), 1e-12);
  EXPECT_EQ(signals.session_of_listen, (std::vector<std::int32_t>{0, 0, 1, 1}));
}

TEST(LibrarySignals, GenreSimilarityIsTfIdfCosine) {
  const auto data = history();
  const auto signals = compute_library_signals(data, data.listens, kNow, {});
  // Two tracks have genres: idf(rock) = ln(2/2) + 1 = 1, idf(jazz) = ln(2/1) + 1.
  const double jazz_idf = std::log(2.0) + 1.0;
  EXPECT_DOUBLE_EQ(signals.idf.at("rock"), 1.0);
  EXPECT_DOUBLE_EQ(signals.idf.at("jazz"), jazz_idf);
  // Track 3 = (0.5, 0.5·jazz_idf) normalised; the taste is dominated by track 3 (r3 ≫ r1).
  const double r1 = std::exp2(-100.0 / 30.0);
  const double r3 = std::exp2(-(1.0 - 5.0 / 1440.0) / 30.0);
  const double n3 = std::hypot(0.5, 0.5 * jazz_idf);
  const double taste_rock = r1 + r3 * 0.5 / n3;
  const double taste_jazz = r3 * 0.5 * jazz_idf / n3;
  const double taste_norm = std::hypot(taste_rock, taste_jazz);
  EXPECT_NEAR(signals.find(1)->tag_similarity, taste_rock / taste_norm, 1e-12);
  EXPECT_EQ(signals.find(2)->tag_similarity, 0.0);
}

TEST(LibrarySignals, AReturnIsAListenAfterASilenceOfTheGapOrMore) {
  const auto data = history();
  const auto signals = compute_library_signals(data, data.listens, kNow, {});
  EXPECT_EQ(signals.find(1)->returns, 0);  // heard once
  EXPECT_EQ(signals.find(2)->returns, 1);  // minute 5 of day 0, then day 99: a 99-day silence
  EXPECT_EQ(signals.find(3)->returns, 0);
  // The silence is 99 days less 5 minutes: not a return when the gap must be 99 days.
  EXPECT_EQ(compute_library_signals(data, data.listens, kNow, {.return_gap_days = 99}).find(2)->returns, 0);
  EXPECT_EQ(compute_library_signals(data, data.listens, kNow, {.return_gap_days = 98}).find(2)->returns, 1);
}

// Now is day 800; "this time of year" is the 30 days after now, one or more years back:
// [day 435, day 465) and [day 70, day 100).
TEST(LibrarySignals, SeasonPlaysAreListensInTheComingMonthOfEarlierYears) {
  std::vector<records::TasteTrack> tracks = {{.id = 1, .name = "One", .artist_id = 10, .artist = "Alpha"}};
  std::vector<records::TasteListen> listens;
  for (const std::int64_t day : {69, 70, 99, 100, 434, 435, 464, 465, 799})
    listens.push_back({day * kDay, 180'000, 1, 10});
  const auto data = make_listening_data(std::move(listens), std::move(tracks), {}, {});
  const auto signals = compute_library_signals(data, data.listens, 800 * kDay, {});
  EXPECT_EQ(signals.find(1)->season_plays, 4);  // days 70, 99, 435 and 464
  EXPECT_EQ(signals.find(1)->plays, 9);
  // Silences of 30 days or more: 100→434 and 465→799 (70→99 and 435→464 are 29 days).
  EXPECT_EQ(signals.find(1)->returns, 2);
}

TEST(CandidatePools, RediscoveryAndLibraryByQuietDays) {
  const auto data = history();
  const auto signals = compute_library_signals(data, data.listens, kNow, {});
  const auto rediscover = rediscovery_pool(signals, {});
  ASSERT_EQ(rediscover.size(), 1u);  // only track 1 is quiet for 90 days
  EXPECT_EQ(rediscover[0].track_id, 1);
  EXPECT_TRUE(library_pool(signals, {}).empty());  // tracks 2 and 3 were heard yesterday
  const auto library = library_pool(signals, {.rediscover_after_days = 200, .library_quiet_days = 30});
  ASSERT_EQ(library.size(), 1u);
  EXPECT_EQ(library[0].track_id, 1);
  EXPECT_EQ(library[0].pool, Pool::library);
}

}  // namespace
}  // namespace sonic::taste
