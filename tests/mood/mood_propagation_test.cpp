// Mood propagation on a hand-made graph whose answers are computed by hand (see each test), the
// mapping of mood tags to cluster labels, and the hidden-features evaluation's known properties.
#include "sonic/mood/mood_propagation.hpp"

#include <gtest/gtest.h>

#include "sonic/core/error.hpp"
#include "sonic/mood/propagation_evaluation.hpp"

namespace sonic::mood {
namespace {

const std::vector<std::string> kLabels = {"high energy, positive, electronic", "low energy, negative, acoustic"};
constexpr std::int64_t kArtistA = 100, kArtistB = 200, kArtistC = 300;

// Known: 1 -> cluster 0 (artist A), 2 and 3 -> cluster 1 (artist B).
// 10: co-listened with 1 three times and with 2 once; 11 only with 10 (twice).
// 20: artist B, nothing else.  30: tagged "chill" (100) and "rock".  40: artist B but co-listened
// with 1 nine times.  50: artist C, who has no track with features.
PropagationInputs hand_made_graph() {
  PropagationInputs inputs;
  inputs.labels = kLabels;
  inputs.known = {{1, 0}, {2, 1}, {3, 1}};
  inputs.artist_of = {{1, kArtistA}, {2, kArtistB}, {3, kArtistB}, {20, kArtistB}, {40, kArtistB}, {50, kArtistC}};
  inputs.co_listens = {{1, 10, 3}, {2, 10, 1}, {10, 11, 2}, {1, 40, 9}};
  inputs.tags = {{30, "chill", 100}, {30, "rock", 80}};
  return inputs;
}

std::map<std::int64_t, PropagatedCluster> by_track(const std::vector<PropagatedCluster>& answers) {
  std::map<std::int64_t, PropagatedCluster> result;
  for (const auto& answer : answers) result[answer.track_id] = answer;
  return result;
}

TEST(MoodPropagation, HandMadeGraphGetsTheHandComputedClustersSourcesAndConfidences) {
  const auto answers = by_track(propagate_clusters(hand_made_graph()));
  ASSERT_EQ(answers.size(), 5u);  // 10, 11, 20, 30, 40; not the known ones, not 50
  EXPECT_FALSE(answers.contains(50));
  EXPECT_FALSE(answers.contains(1));

  // 10: harmonic value (3·[1,0] + 1·[0,1] + 2·F(11)) / 6 with F(11) = F(10) -> [0.75, 0.25];
  // labelled weight 6 -> λ = 6/7; p0 = (6/7·0.75 + 0.5) / (1 + 6/7) = 8/13.
  EXPECT_EQ(answers.at(10).cluster, 0);
  EXPECT_EQ(answers.at(10).source, MoodSource::co_listening);
  EXPECT_NEAR(answers.at(10).confidence, 8.0 / 13, 1e-9);
  // 11: F = F(10) = [0.75, 0.25], weight 2 -> λ = 2/3; p0 = (0.5 + 0.5) / (5/3) = 0.6.
  EXPECT_EQ(answers.at(11).cluster, 0);
  EXPECT_EQ(answers.at(11).source, MoodSource::co_listening);
  EXPECT_NEAR(answers.at(11).confidence, 0.6, 1e-9);
  // 20: artist B has two tracks, both cluster 1 -> λ = 2/3; p1 = (2/3 + 0.5) / (5/3) = 0.7.
  EXPECT_EQ(answers.at(20).cluster, 1);
  EXPECT_EQ(answers.at(20).source, MoodSource::artist);
  EXPECT_NEAR(answers.at(20).confidence, 0.7, 1e-9);
  // 30: "chill" matches "low energy" and "acoustic" of cluster 1 only; weight 1 -> λ = 1/2;
  // p1 = (0.5 + 0.5) / 1.5 = 2/3. "rock" is no mood word.
  EXPECT_EQ(answers.at(30).cluster, 1);
  EXPECT_EQ(answers.at(30).source, MoodSource::tags);
  EXPECT_NEAR(answers.at(30).confidence, 2.0 / 3, 1e-9);
  // 40: artist says 1 (λ 2/3), nine co-listens with 1 say 0 (λ 0.9):
  // p0 = (0.9 + 0.5) / (1 + 2/3 + 0.9) = 1.4 / (77/30) = 42/77.
  EXPECT_EQ(answers.at(40).cluster, 0);
  EXPECT_EQ(answers.at(40).source, MoodSource::co_listening);
  EXPECT_NEAR(answers.at(40).confidence, 42.0 / 77, 1e-9);
}

TEST(MoodPropagation, MinConfidenceKeepsOnlyTheSureOnes) {
  const auto answers = by_track(propagate_clusters(hand_made_graph(), {.iterations = 30, .min_confidence = 0.65}));
  ASSERT_EQ(answers.size(), 2u);
  EXPECT_TRUE(answers.contains(20));  // 0.7
  EXPECT_TRUE(answers.contains(30));  // 2/3
}

TEST(MoodPropagation, TheSameInputsGiveTheSameAnswersWhateverTheirOrder) {
  auto shuffled = hand_made_graph();
  std::reverse(shuffled.co_listens.begin(), shuffled.co_listens.end());
  std::reverse(shuffled.tags.begin(), shuffled.tags.end());
  const auto first = propagate_clusters(hand_made_graph());
  const auto second = propagate_clusters(shuffled);
  ASSERT_EQ(first.size(), second.size());
  for (std::size_t i = 0; i < first.size(); ++i) {
    EXPECT_EQ(first[i].track_id, second[i].track_id);
    EXPECT_EQ(first[i].cluster, second[i].cluster);
    EXPECT_EQ(first[i].source, second[i].source);
    EXPECT_DOUBLE_EQ(first[i].confidence, second[i].confidence);
  }
}

TEST(MoodPropagation, MoreEvidenceMeansMoreConfidence) {
  auto inputs = hand_made_graph();
  const double before = by_track(propagate_clusters(inputs)).at(20).confidence;
  inputs.known[4] = 1;
  inputs.artist_of[4] = kArtistB;  // a third track of artist B in cluster 1
  const double after = by_track(propagate_clusters(inputs)).at(20).confidence;
  EXPECT_NEAR(after, (0.75 + 0.5) / 1.75, 1e-9);
  EXPECT_GT(after, before);
}

TEST(MoodPropagation, NoClustersNoAnswers) {
  auto inputs = hand_made_graph();
  inputs.labels.clear();
  EXPECT_TRUE(propagate_clusters(inputs).empty());
}

TEST(MoodTags, MoodWordsPointToTheClustersWhoseLabelsSayThem) {
  EXPECT_EQ(clusters_for_mood_tag("Sad", kLabels), std::vector<int>{1});
  EXPECT_EQ(clusters_for_mood_tag("energetic", kLabels), std::vector<int>{0});
  EXPECT_EQ(clusters_for_mood_tag("happy", kLabels), std::vector<int>{0});
  EXPECT_TRUE(clusters_for_mood_tag("rock", kLabels).empty());
  // Two clusters both say it as much: both.
  EXPECT_EQ(clusters_for_mood_tag("sad", {"high energy, negative", "low energy, negative"}), (std::vector<int>{0, 1}));
  EXPECT_TRUE(clusters_for_mood_tag("sad", {"high energy, positive"}).empty());
}

// Twenty tracks, ten per cluster, each cluster its own artist and its own co-listening chain,
// features at the centroids.
struct TwoArtistGraph {
  PropagationInputs inputs;
  std::map<std::int64_t, features::ClusterVector> six;  // by track
  Eigen::MatrixXd centroids = Eigen::MatrixXd(2, features::kClusterFeatureCount);
};

TwoArtistGraph two_artist_graph() {
  TwoArtistGraph graph;
  graph.inputs.labels = kLabels;
  graph.centroids.row(0).setConstant(0.2);
  graph.centroids.row(1).setConstant(0.8);
  for (std::int64_t track = 1; track <= 20; ++track) {
    const int cluster = track <= 10 ? 0 : 1;
    graph.inputs.known[track] = cluster;
    graph.inputs.artist_of[track] = cluster == 0 ? kArtistA : kArtistB;
    graph.six[track] = graph.centroids.row(cluster);
    if (track != 10 && track != 20) graph.inputs.co_listens.push_back({track, track + 1, 1});
  }
  return graph;
}

// On the two-artist graph propagation and artist mean recover every hidden track; the majority
// can be right on at most half (the visible majority is the cluster that lost fewer tracks).
TEST(PropagationEvaluation, RecoversHiddenClustersWhereTheSignalsAgree) {
  const auto [inputs, six, centroids] = two_artist_graph();
  PropagationEvaluationOptions options;
  options.seeds = 5;
  const auto evaluation = evaluate_propagation(inputs, six, centroids, options);
  ASSERT_EQ(evaluation.seeds.size(), 5u);
  for (const auto& seed : evaluation.seeds) {
    EXPECT_EQ(seed.hidden, 4);
    EXPECT_DOUBLE_EQ(seed.propagated, 1.0);
    EXPECT_DOUBLE_EQ(seed.propagated_reach, 1.0);
    EXPECT_DOUBLE_EQ(seed.artist_mean, 1.0);
    EXPECT_LE(seed.majority, 0.5);
  }
  EXPECT_DOUBLE_EQ(evaluation.mean.propagated, 1.0);
}

// The two-artist graph scored with catalog artist clusters: where the artist has one it is the
// answer, else the propagated one. Artist A's catalog cluster is wrong (1), B has none: every
// hidden track of A is missed and every one of B is right, so score + reach = 1 on each seed.
TEST(PropagationEvaluation, CatalogArtistClustersAnswerForTheirArtistsOnly) {
  const auto [inputs, six, centroids] = two_artist_graph();
  PropagationEvaluationOptions options;
  options.seeds = 5;
  options.catalog_artist_clusters = {{kArtistA, 1}};
  const auto wrong_for_a = evaluate_propagation(inputs, six, centroids, options);
  bool some_of_a_hidden = false;
  for (const auto& seed : wrong_for_a.seeds) {
    EXPECT_DOUBLE_EQ(seed.catalog_artist + seed.catalog_artist_reach, 1.0);
    some_of_a_hidden |= seed.catalog_artist_reach > 0;
  }
  EXPECT_TRUE(some_of_a_hidden);

  options.catalog_artist_clusters = {{kArtistA, 0}, {kArtistB, 1}};
  const auto right = evaluate_propagation(inputs, six, centroids, options);
  EXPECT_DOUBLE_EQ(right.mean.catalog_artist, 1.0);
  EXPECT_DOUBLE_EQ(right.mean.catalog_artist_reach, 1.0);
}

TEST(PropagationEvaluation, RefusesTooFewTracksWithFeatures) {
  auto inputs = hand_made_graph();
  EXPECT_THROW(evaluate_propagation(inputs, {}, Eigen::MatrixXd::Zero(2, 6)), InputError);
}

}  // namespace
}  // namespace sonic::mood
