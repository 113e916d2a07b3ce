#include "sonic/features/next_mood_dataset.hpp"

#include "sonic/features/cluster_features.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace sonic::features {
namespace {

constexpr int kLags = 3;
constexpr int kSix = kClusterFeatureCount;

ClusterVector six_of(const records::ClusteredListen& listen) {
  // Clustered tracks always have all six (clustering needs them).
  return cluster_vector(listen.features).value_or(ClusterVector::Zero());
}

}  // namespace

int time_of_day_segment(int local_hour) { return std::clamp(local_hour, 0, 23) / 6; }

std::vector<std::string> next_mood_feature_names(int clusters) {
  std::vector<std::string> names;
  for (const char* lag : {"now", "prev1", "prev2"}) {
    for (int c = 0; c < clusters; ++c) names.push_back(std::string("cluster_") + lag + "_" + std::to_string(c));
  }
  for (const char* prefix : {"recent_mean_", "recent_std_", "now_"}) {
    for (const auto name : kClusterFeatureNames) names.push_back(prefix + std::string(name));
  }
  for (const char* name : {"hour_sin", "hour_cos", "weekday_sin", "weekday_cos", "weekend", "position",
                           "session_tracks", "session_minutes"}) {
    names.emplace_back(name);
  }
  return names;
}

Eigen::RowVectorXf next_mood_row(std::span<const records::ClusteredListen> session, int clusters,
                                 const TimeZone& zone) {
  const auto width = static_cast<Eigen::Index>(3 * clusters + 3 * kSix + 8);
  Eigen::RowVectorXf row = Eigen::RowVectorXf::Zero(width);
  const auto count = static_cast<int>(session.size());
  const int lags = std::min(kLags, count);
  Eigen::Matrix<double, Eigen::Dynamic, kSix> recent(lags, kSix);
  for (int lag = 0; lag < lags; ++lag) {
    const auto& listen = session[static_cast<std::size_t>(count - 1 - lag)];
    row(lag * clusters + listen.cluster) = 1;
    recent.row(lag) = six_of(listen);
  }
  Eigen::Index column = 3 * clusters;
  const Eigen::RowVectorXd mean = recent.colwise().mean();
  const Eigen::RowVectorXd spread =
      ((recent.rowwise() - mean).array().square().colwise().sum() / lags).sqrt().matrix();  // population std
  row.segment(column, kSix) = mean.cast<float>();
  row.segment(column + kSix, kSix) = spread.cast<float>();
  row.segment(column + 2 * kSix, kSix) = recent.row(0).cast<float>();
  column += 3 * kSix;

  const auto& now = session.back();
  const auto local = zone.local(now.start_ms);
  constexpr double kTau = 2 * std::numbers::pi;
  const double hour = local.hour + local.minute / 60.0;
  row(column++) = static_cast<float>(std::sin(kTau * hour / 24));
  row(column++) = static_cast<float>(std::cos(kTau * hour / 24));
  row(column++) = static_cast<float>(std::sin(kTau * local.weekday / 7));
  row(column++) = static_cast<float>(std::cos(kTau * local.weekday / 7));
  row(column++) = local.weekend() ? 1.0f : 0.0f;
  // Counts and minutes on a log scale, so every column lies within a few units of zero without
  // standardising: the one-hot columns of a rare cluster must stay 0/1, not be blown up by a
  // tiny training variance (the model trains with standardize off).
  row(column++) = static_cast<float>(std::log1p(count - 1));
  row(column++) = static_cast<float>(std::log1p(count));
  row(column++) = static_cast<float>(std::log1p(static_cast<double>(now.start_ms - now.session_start_ms) / 60000.0));
  return row;
}

NextMoodDataset build_next_mood_dataset(std::span<const records::ClusteredListen> listens, int clusters,
                                        const TimeZone& zone) {
  NextMoodDataset dataset;
  dataset.feature_names = next_mood_feature_names(clusters);
  std::vector<Eigen::RowVectorXf> rows;
  std::vector<int> next, current, segment;
  std::size_t session_begin = 0;
  for (std::size_t i = 0; i < listens.size(); ++i) {
    if (listens[i].session_start_ms != listens[session_begin].session_start_ms) session_begin = i;
    const bool has_next = i + 1 < listens.size() && listens[i + 1].session_start_ms == listens[i].session_start_ms;
    if (!has_next) continue;
    rows.push_back(next_mood_row(listens.subspan(session_begin, i - session_begin + 1), clusters, zone));
    next.push_back(listens[i + 1].cluster);
    current.push_back(listens[i].cluster);
    segment.push_back(time_of_day_segment(zone.local(listens[i].start_ms).hour));
    dataset.time_ms.push_back(listens[i].start_ms);
    dataset.session_start_ms.push_back(listens[i].session_start_ms);
  }
  const auto width = static_cast<Eigen::Index>(dataset.feature_names.size());
  dataset.features.resize(static_cast<Eigen::Index>(rows.size()), width);
  for (std::size_t r = 0; r < rows.size(); ++r) dataset.features.row(static_cast<Eigen::Index>(r)) = rows[r];
  dataset.next_cluster = Eigen::Map<const Eigen::VectorXi>(next.data(), static_cast<Eigen::Index>(next.size()));
  dataset.current_cluster =
      Eigen::Map<const Eigen::VectorXi>(current.data(), static_cast<Eigen::Index>(current.size()));
  dataset.segment = Eigen::Map<const Eigen::VectorXi>(segment.data(), static_cast<Eigen::Index>(segment.size()));
  return dataset;
}

}  // namespace sonic::features
