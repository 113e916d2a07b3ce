// A caller's session context for the next-mood model (`sonic predict next-mood --session`, and
// the next-mood route of `sonic serve`): listens in time order, each at its cluster's centroid
// unless it gives all six cluster features.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "sonic/core/error.hpp"
#include "sonic/core/utc_time.hpp"
#include "sonic/features/cluster_features.hpp"
#include "sonic/pipeline/next_mood.hpp"

namespace sonic::pipeline {
namespace {

using nlohmann::json;

// Two clusters whose centroids are easy to tell apart (in the clusters' space: tempo / 250 BPM).
NextMoodStoreView two_clusters() {
  NextMoodStoreView view;
  view.clustering_id = "clusters-1";
  view.labels = {"calm", "lively"};
  view.centroids.resize(2, features::kClusterFeatureCount);
  view.centroids.row(0) << 0.1, 0.2, 0.3, 0.9, 0.5, 0.32;
  view.centroids.row(1) << 0.8, 0.9, 0.7, 0.1, 0.0, 0.512;
  return view;
}

std::string message_of(const json& context) {
  try {
    next_mood_session_from_json(two_clusters(), context);
  } catch (const UsageError& error) {
    return error.what();
  }
  return "accepted";
}

TEST(NextMoodSessionFromJson, ListensStandAtTheirCentroidUnlessTheyGiveTheirOwnFeatures) {
  const json own = {
      {"at", "2030-01-01T10:03:00Z"}, {"cluster", 0},         {"valence", 0.45},          {"energy", 0.55},
      {"danceability", 0.65},         {"acousticness", 0.25}, {"instrumentalness", 0.35}, {"tempo", 101.5}};
  const auto session = next_mood_session_from_json(
      two_clusters(), {{"listens", {{{"at", "2030-01-01T10:00:00Z"}, {"cluster", 1}}, own}}});
  ASSERT_EQ(session.size(), 2u);
  const auto start = *parse_iso8601_utc("2030-01-01T10:00:00Z");
  EXPECT_EQ(session[0].start_ms, start);
  EXPECT_EQ(session[1].start_ms, start + 180'000);
  EXPECT_EQ(session[0].session_start_ms, start);
  EXPECT_EQ(session[1].session_start_ms, start);  // the session starts at its first listen
  EXPECT_EQ(session[0].cluster, 1);
  EXPECT_EQ(session[1].cluster, 0);
  EXPECT_TRUE(features::cluster_vector(session[0].features)->isApprox(two_clusters().centroids.row(1), 1e-12));
  features::ClusterVector given;
  given << 0.45, 0.55, 0.65, 0.25, 0.35, 101.5 / 250;  // a caller gives tempo in BPM
  EXPECT_TRUE(features::cluster_vector(session[1].features)->isApprox(given, 1e-12));
}

TEST(NextMoodSessionFromJson, EachBadContextIsRefusedNamingTheField) {
  const json first = {{"at", "2030-01-01T10:00:00Z"}, {"cluster", 0}};
  EXPECT_NE(message_of(json::array()).find("'listens'"), std::string::npos);
  EXPECT_NE(message_of({{"listens", json::array()}}).find("'listens' is empty"), std::string::npos);
  EXPECT_NE(message_of({{"listens", {first}}, {"extra", 1}}).find("'extra'"), std::string::npos);
  EXPECT_NE(message_of({{"listens", {first, {{"at", "tomorrow"}, {"cluster", 0}}}}}).find("listens[1].at"),
            std::string::npos);
  EXPECT_NE(message_of({{"listens", {first, {{"at", "2030-01-01T09:59:59Z"}, {"cluster", 0}}}}}).find("listens[1].at"),
            std::string::npos);
  EXPECT_NE(message_of({{"listens", {{{"at", "2030-01-01T10:00:00Z"}, {"cluster", 2}}}}}).find("listens[0].cluster"),
            std::string::npos);
  EXPECT_NE(message_of({{"listens", {{{"at", "2030-01-01T10:00:00Z"}, {"cluster", 0.5}}}}}).find("listens[0].cluster"),
            std::string::npos);
  EXPECT_NE(message_of({{"listens", {{{"at", "2030-01-01T10:00:00Z"}, {"cluster", 0}, {"valence", 0.5}}}}})
                .find("1 of the six"),
            std::string::npos);
  EXPECT_NE(message_of({{"listens", {{{"at", "2030-01-01T10:00:00Z"}, {"cluster", 0}, {"loudness", -5}}}}})
                .find("listens[0].loudness"),
            std::string::npos);
  EXPECT_EQ(message_of({{"listens", {first, first}}}), "accepted");  // two listens at one time
}

}  // namespace
}  // namespace sonic::pipeline
