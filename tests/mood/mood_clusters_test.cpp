#include "sonic/mood/mood_clusters.hpp"

#include <gtest/gtest.h>

#include "sonic/core/error.hpp"
#include "sonic/core/random.hpp"
#include "support/temp_dir.hpp"

#include <map>
#include <set>

namespace sonic::mood {
namespace {

using sources::AudioFeature;
using testing::TempDir;

store::TrackFeatures track(std::int64_t id, double valence, double energy, double dance, double acoustic,
                           double instrumental, double bpm) {
  store::TrackFeatures t;
  t.track_id = id;
  t.features[AudioFeature::valence] = valence;
  t.features[AudioFeature::energy] = energy;
  t.features[AudioFeature::danceability] = dance;
  t.features[AudioFeature::acousticness] = acoustic;
  t.features[AudioFeature::instrumentalness] = instrumental;
  t.features[AudioFeature::tempo] = bpm;
  return t;
}

// Three planted moods, 40 tracks each, a little noise: K = 3 must be found and every track must
// land with its own mood's tracks.
std::vector<store::TrackFeatures> planted_tracks() {
  SeededRandom random(3);
  std::vector<store::TrackFeatures> tracks;
  const double centres[3][6] = {
      {0.85, 0.85, 0.8, 0.05, 0.0, 128}, {0.15, 0.2, 0.3, 0.9, 0.8, 70}, {0.5, 0.5, 0.5, 0.4, 0.1, 100}};
  for (int i = 0; i < 120; ++i) {
    const auto& c = centres[i % 3];
    const auto jitter = [&] { return random.uniform(-0.03, 0.03); };
    tracks.push_back(track(i + 1, c[0] + jitter(), c[1] + jitter(), c[2] + jitter(), c[3] + jitter(), c[4] + jitter(),
                           c[5] + 250 * jitter()));
  }
  auto incomplete = track(999, 0.5, 0.5, 0.5, 0.5, 0.5, 100);
  incomplete.features[AudioFeature::tempo].reset();
  tracks.push_back(incomplete);
  return tracks;
}

TEST(MoodClusters, FindThePlantedMoods) {
  const auto tracks = planted_tracks();
  const auto fitted = fit_mood_clusters(tracks, {}, "model-1");
  EXPECT_EQ(fitted.model.k(), 3);
  EXPECT_EQ(fitted.model.choice.reason, ml::KChoiceReason::silhouette);
  EXPECT_EQ(fitted.model.candidates.size(), 10u);  // K 3..12: at most 121 / 10
  EXPECT_EQ(fitted.skipped_incomplete, 1);
  ASSERT_EQ(fitted.assignments.size(), 120u);
  std::map<int, std::set<int>> clusters_of_mood;
  for (const auto& assignment : fitted.assignments) {
    clusters_of_mood[static_cast<int>((assignment.track_id - 1) % 3)].insert(assignment.cluster);
    EXPECT_LT(assignment.distance, 0.1);
  }
  for (const auto& [mood, clusters] : clusters_of_mood) EXPECT_EQ(clusters.size(), 1u) << "mood " << mood;
  EXPECT_EQ(fitted.model.sizes[0] + fitted.model.sizes[1] + fitted.model.sizes[2], 120);
  // The same data and seed give the same model.
  EXPECT_EQ(fit_mood_clusters(tracks, {}, "model-1").model.centroids, fitted.model.centroids);
}

TEST(MoodClusters, ForcedKAndTooFewTracks) {
  const auto tracks = planted_tracks();
  ClusterFitOptions options;
  options.k = 5;
  EXPECT_EQ(fit_mood_clusters(tracks, options, "m").model.k(), 5);
  const std::vector<store::TrackFeatures> few(tracks.begin(), tracks.begin() + 20);
  EXPECT_THROW(fit_mood_clusters(few, {}, "m"), InputError);
}

TEST(MoodClusters, NewTracksGoToTheNearestCentroid) {
  Eigen::MatrixXd centroids(2, 6);
  centroids << 0.9, 0.9, 0.9, 0.1, 0.0, 0.5,  //
      0.1, 0.1, 0.2, 0.9, 0.9, 0.3;
  const auto assigned =
      assign_to_clusters(centroids, {track(7, 0.8, 0.8, 0.8, 0.1, 0.0, 125), track(8, 0.1, 0.1, 0.2, 0.9, 0.9, 75)});
  ASSERT_EQ(assigned.size(), 2u);
  EXPECT_EQ(assigned[0].cluster, 0);
  EXPECT_EQ(assigned[1].cluster, 1);
  EXPECT_NEAR(assigned[0].distance, std::sqrt(3 * 0.01), 1e-12);
  EXPECT_NEAR(assigned[1].distance, 0.0, 1e-12);
}

TEST(MoodClusterModelFile, RoundTripsAndRefusesDamagedFiles) {
  TempDir dir;
  const auto fitted = fit_mood_clusters(planted_tracks(), {}, "run-abc");
  const auto path = dir / "mood_clusters.json";
  save_mood_cluster_model(path, fitted.model);
  const auto loaded = load_mood_cluster_model(path);
  EXPECT_EQ(loaded.model_id, "run-abc");
  EXPECT_EQ(loaded.labels, fitted.model.labels);
  EXPECT_EQ(loaded.sizes, fitted.model.sizes);
  EXPECT_TRUE(loaded.centroids.isApprox(fitted.model.centroids, 1e-15));

  const auto text = testing::read_file(path);
  const auto expect_error = [&](const std::string& content, const std::string& words) {
    testing::write_file(path, content);
    try {
      load_mood_cluster_model(path);
      ADD_FAILURE() << "loaded: " << words;
    } catch (const InputError& error) {
      EXPECT_NE(std::string(error.what()).find(words), std::string::npos) << error.what();
      EXPECT_NE(std::string(error.what()).find(path.string()), std::string::npos) << error.what();
    }
  };
  expect_error(text.substr(0, text.size() - 40), "not valid JSON");
  auto newer = nlohmann::json::parse(text);
  newer["version"] = 2;
  expect_error(newer.dump(), "newer sonic");
  auto renamed = nlohmann::json::parse(text);
  renamed["feature_names"][5] = "loudness";
  expect_error(renamed.dump(), "the model lacks 'tempo'");
  auto no_centroid = nlohmann::json::parse(text);
  no_centroid["model"]["clusters"][1]["centroid"].erase("energy");
  expect_error(no_centroid.dump(), "model.clusters[1].centroid.energy is missing");
}

}  // namespace
}  // namespace sonic::mood
