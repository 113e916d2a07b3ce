#include "sonic/mood/cluster_labels.hpp"

#include "sonic/features/cluster_features.hpp"

#include <cmath>
#include <map>

namespace sonic::mood {
namespace {

enum Column { valence, energy, danceability, acousticness, instrumentalness, tempo };

// Thresholds sit where Spotify's own descriptions of the features draw lines (e.g. valence
// above ~0.6 sounds cheerful, instrumentalness above 0.5 "likely instrumental").
std::string base_label(const Eigen::RowVectorXd& c) {
  std::string label = c(energy) >= 0.65 ? "high energy" : c(energy) <= 0.4 ? "low energy" : "medium energy";
  label += c(valence) >= 0.6 ? ", positive" : c(valence) <= 0.35 ? ", negative" : ", neutral";
  if (c(acousticness) >= 0.5)
    label += ", acoustic";
  else if (c(acousticness) <= 0.15)
    label += ", electronic";
  if (c(instrumentalness) >= 0.5) label += ", instrumental";
  if (c(danceability) >= 0.7) label += ", danceable";
  const double bpm = c(tempo) * features::kTempoScaleBpm;
  if (bpm >= 140)
    label += ", fast";
  else if (bpm <= 85)
    label += ", slow";
  return label;
}

const char* kMore[] = {"more positive", "more energetic",    "more danceable",
                       "more acoustic", "more instrumental", "faster"};
const char* kLess[] = {"more negative", "calmer", "less danceable", "less acoustic", "less instrumental", "slower"};

}  // namespace

std::vector<std::string> cluster_labels(const Eigen::MatrixXd& centroids) {
  std::vector<std::string> labels;
  for (Eigen::Index row = 0; row < centroids.rows(); ++row) labels.push_back(base_label(centroids.row(row)));
  std::map<std::string, std::vector<Eigen::Index>> groups;
  for (Eigen::Index row = 0; row < centroids.rows(); ++row)
    groups[labels[static_cast<std::size_t>(row)]].push_back(row);
  for (const auto& [label, rows] : groups) {
    if (rows.size() < 2) continue;
    Eigen::RowVectorXd mean = Eigen::RowVectorXd::Zero(centroids.cols());
    for (const auto row : rows) mean += centroids.row(row);
    mean /= static_cast<double>(rows.size());
    for (const auto row : rows) {
      const Eigen::RowVectorXd difference = centroids.row(row) - mean;
      Eigen::Index column = 0;
      difference.cwiseAbs().maxCoeff(&column);
      labels[static_cast<std::size_t>(row)] +=
          difference(column) >= 0 ? std::string(", ") + kMore[column] : std::string(", ") + kLess[column];
    }
  }
  // Still equal (two clusters alike in every way that shows): number them, in row order.
  std::map<std::string, int> seen;
  for (auto& label : labels) {
    const int count = ++seen[label];
    if (count > 1) label += " (" + std::to_string(count) + ")";
  }
  return labels;
}

}  // namespace sonic::mood
