#pragma once
// The next-track mood dataset: for each listen that has a next one in the same session, what
// was known at that listen, and (the target) the mood cluster of the next track.
//
// Features, in this order (k = number of clusters):
//   cluster_now_*, cluster_prev1_*, cluster_prev2_*   one-hot clusters of the last three tracks
//                                                     (all zero where the session is shorter)
//   recent_mean_*, recent_std_*                       over the last three tracks' six features
//   now_*                                             the current track's six features
//   hour_sin, hour_cos, weekday_sin, weekday_cos, weekend   local time of the current listen
//   position, session_tracks, session_minutes         log(1 + x) of the index in the session
//                                                     (from 0), of the tracks so far, and of the
//                                                     minutes since the session started
// Every column is already on a scale of a few units (one-hot, 0..1, ±1, logs), so models use
// them as they are: standardising would blow a rare cluster's one-hot column up.
// The six features are the cluster features (features/cluster_features.hpp). Listens of tracks
// without a cluster are not in the sequence at all.
#include <Eigen/Core>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "sonic/core/time_zone.hpp"
#include "sonic/records/clustered_listen.hpp"

namespace sonic::features {

struct NextMoodDataset {
  Eigen::MatrixXf features;
  Eigen::VectorXi next_cluster;       // the target
  Eigen::VectorXi current_cluster;    // for the "same as the previous track" baseline
  std::vector<std::int64_t> time_ms;  // the current listen's start
  std::vector<std::int64_t> session_start_ms;
  std::vector<std::string> feature_names;
  // The current listen's time of day (time_of_day_segment), for the transition model: the
  // learners see the hour through hour_sin / hour_cos instead.
  Eigen::VectorXi segment;
};

// Four coarse parts of the local day, so a transition table per part still has counts on a few
// thousand rows: 0 night (0–6 h), 1 morning (6–12 h), 2 afternoon (12–18 h), 3 evening (18–24 h).
inline constexpr int kTimeOfDaySegments = 4;
int time_of_day_segment(int local_hour);

std::vector<std::string> next_mood_feature_names(int clusters);

// `listens` in time order (store::clustered_listens).
NextMoodDataset build_next_mood_dataset(std::span<const records::ClusteredListen> listens, int clusters,
                                        const TimeZone& zone);

// The features for "what comes after the last of `session`" (listens of one session so far, in
// order, not empty): the same computation as a dataset row.
Eigen::RowVectorXf next_mood_row(std::span<const records::ClusteredListen> session, int clusters, const TimeZone& zone);

}  // namespace sonic::features
