#include "sonic/features/next_mood_dataset.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "sonic/mood/next_mood.hpp"

namespace sonic::features {
namespace {

using records::AudioFeature;

constexpr std::int64_t kMinute = 60'000;
// 2024-01-01 (a Monday) 08:00 UTC.
constexpr std::int64_t kMonday8 = 1704096000000;

records::ClusteredListen listen(std::int64_t session_start, std::int64_t start, int cluster, double valence) {
  records::ClusteredListen l;
  l.session_start_ms = session_start;
  l.start_ms = start;
  l.cluster = cluster;
  l.track_id = start;
  l.features[AudioFeature::valence] = valence;
  l.features[AudioFeature::energy] = 0.5;
  l.features[AudioFeature::danceability] = 0.5;
  l.features[AudioFeature::acousticness] = 0.5;
  l.features[AudioFeature::instrumentalness] = 0.0;
  l.features[AudioFeature::tempo] = 125;
  return l;
}

Eigen::Index column(const NextMoodDataset& data, const std::string& name) {
  const auto found = std::find(data.feature_names.begin(), data.feature_names.end(), name);
  EXPECT_NE(found, data.feature_names.end()) << name;
  return found - data.feature_names.begin();
}

// Session A: clusters 0, 1, 2, 1 at 08:00, 08:03, 08:06, 08:10; session B (Saturday): 2, 0.
std::vector<records::ClusteredListen> two_sessions() {
  const std::int64_t saturday = kMonday8 + 5 * 24 * 60 * kMinute;
  return {listen(kMonday8, kMonday8, 0, 0.2),
          listen(kMonday8, kMonday8 + 3 * kMinute, 1, 0.4),
          listen(kMonday8, kMonday8 + 6 * kMinute, 2, 0.9),
          listen(kMonday8, kMonday8 + 10 * kMinute, 1, 0.5),
          listen(saturday, saturday, 2, 0.7),
          listen(saturday, saturday + 4 * kMinute, 0, 0.1)};
}

TEST(NextMoodDataset, OneRowPerListenWithANextInTheSameSession) {
  const auto listens = two_sessions();
  const auto data = build_next_mood_dataset(listens, 3, TimeZone::named("UTC"));
  ASSERT_EQ(data.features.rows(), 4);  // 3 from A, 1 from B; the last of each has no next
  EXPECT_EQ(data.next_cluster, (Eigen::VectorXi(4) << 1, 2, 1, 0).finished());
  EXPECT_EQ(data.current_cluster, (Eigen::VectorXi(4) << 0, 1, 2, 2).finished());
  EXPECT_EQ(data.features.cols(), static_cast<Eigen::Index>(data.feature_names.size()));
  EXPECT_EQ(data.features.cols(), 3 * 3 + 18 + 8);
}

TEST(NextMoodDataset, FeaturesOfTheThirdListenByHand) {
  const auto listens = two_sessions();
  const auto data = build_next_mood_dataset(listens, 3, TimeZone::named("UTC"));
  const auto row = data.features.row(2);  // current = the 08:06 listen, cluster 2
  EXPECT_EQ(row(column(data, "cluster_now_2")), 1);
  EXPECT_EQ(row(column(data, "cluster_prev1_1")), 1);
  EXPECT_EQ(row(column(data, "cluster_prev2_0")), 1);
  EXPECT_EQ(row.head(9).sum(), 3);
  EXPECT_NEAR(row(column(data, "recent_mean_valence")), 0.5, 1e-6);  // (0.2 + 0.4 + 0.9) / 3
  EXPECT_NEAR(row(column(data, "recent_std_valence")), std::sqrt((0.09 + 0.01 + 0.16) / 3), 1e-6);
  EXPECT_NEAR(row(column(data, "now_valence")), 0.9, 1e-6);
  EXPECT_NEAR(row(column(data, "now_tempo")), 0.5, 1e-6);
  EXPECT_NEAR(row(column(data, "hour_sin")), std::sin(2 * M_PI * (8 + 6 / 60.0) / 24), 1e-6);
  EXPECT_EQ(row(column(data, "weekend")), 0);
  EXPECT_NEAR(row(column(data, "position")), std::log1p(2), 1e-6);
  EXPECT_NEAR(row(column(data, "session_tracks")), std::log1p(3), 1e-6);
  EXPECT_NEAR(row(column(data, "session_minutes")), std::log1p(6), 1e-6);
  // The first listen of a session has no earlier tracks: their one-hots are all zero.
  EXPECT_EQ(data.features.row(0).segment(3, 6).sum(), 0);
  EXPECT_EQ(data.features(3, column(data, "weekend")), 1);  // Saturday
}

TEST(NextMoodDataset, PredictionRowsAreComputedExactlyAsTrainingRows) {
  const auto listens = two_sessions();
  const auto zone = TimeZone::named("Europe/Berlin");
  const auto data = build_next_mood_dataset(listens, 3, zone);
  const std::span<const records::ClusteredListen> first_three(listens.data(), 3);
  EXPECT_EQ(next_mood_row(first_three, 3, zone), data.features.row(2));
}

TEST(NextMoodSplit, CutsOnlyBetweenSessionsAndKeepsTimeOrder) {
  std::vector<std::int64_t> sessions;
  for (int s = 0; s < 20; ++s) {
    for (int i = 0; i < 1 + s % 4; ++i) sessions.push_back(s);
  }
  const auto split = mood::session_aligned_split(sessions);
  ASSERT_GT(split.validation_begin, 0);
  ASSERT_LT(split.validation_begin, split.test_begin);
  ASSERT_LT(split.test_begin, split.rows);
  for (const auto cut : {split.validation_begin, split.test_begin}) {
    EXPECT_NE(sessions[static_cast<std::size_t>(cut - 1)], sessions[static_cast<std::size_t>(cut)]);
  }
  EXPECT_NEAR(static_cast<double>(split.test_begin) / static_cast<double>(split.rows), 0.8, 0.1);
  EXPECT_THROW(mood::session_aligned_split({1, 1, 1}), InputError);
}

TEST(NextMoodEvaluation, BaselinesByHand) {
  // Training rows: next clusters 0,0,0,1 -> most frequent 0. Test rows: next 1, 0; current 1, 1.
  NextMoodDataset data;
  data.next_cluster = (Eigen::VectorXi(6) << 0, 0, 0, 1, 1, 0).finished();
  data.current_cluster = (Eigen::VectorXi(6) << 0, 0, 1, 0, 1, 1).finished();
  data.time_ms = {1, 2, 3, 4, 5, 6};
  const mood::TimeSplit split{3, 4, 6};
  Eigen::MatrixXd model(2, 2);
  model << 0.2, 0.8, 0.9, 0.1;  // right twice
  const auto evaluation = mood::evaluate_next_mood(data, split, model, 2);
  EXPECT_DOUBLE_EQ(evaluation.model.accuracy, 1.0);
  EXPECT_DOUBLE_EQ(*evaluation.model.roc_auc, 1.0);
  EXPECT_DOUBLE_EQ(evaluation.most_frequent.accuracy, 0.5);    // always 0
  EXPECT_DOUBLE_EQ(*evaluation.most_frequent.roc_auc, 0.5);    // constant scores
  EXPECT_DOUBLE_EQ(evaluation.same_as_current.accuracy, 0.5);  // 1 right, 0 wrong
  EXPECT_EQ(evaluation.train_rows, 3);
  EXPECT_EQ(evaluation.validation_rows, 1);
  EXPECT_EQ(evaluation.test_rows, 2);
  EXPECT_EQ(evaluation.test_from_ms, 5);
}

}  // namespace
}  // namespace sonic::features
