#include "sonic/session/hour_of_week_baseline.hpp"

#include "sonic/features/session_dataset.hpp"

namespace sonic::session {
namespace {

std::size_t slot_of(const Eigen::MatrixXd& features, Eigen::Index row) {
  const auto weekday = static_cast<std::size_t>(features(row, static_cast<int>(features::SessionFeature::weekday)));
  const auto hour = static_cast<std::size_t>(features(row, static_cast<int>(features::SessionFeature::hour)));
  return weekday * 24 + hour;
}

}  // namespace

HourOfWeekBaseline HourOfWeekBaseline::fit(const Eigen::MatrixXd& features, const Eigen::VectorXi& labels) {
  std::array<double, 7 * 24> starts{};
  std::array<double, 7 * 24> hours{};
  for (Eigen::Index r = 0; r < features.rows(); ++r) {
    const std::size_t slot = slot_of(features, r);
    starts[slot] += labels[r];
    hours[slot] += 1;
  }
  const double overall = labels.size() > 0 ? labels.cast<double>().mean() : 0.0;
  HourOfWeekBaseline baseline;
  for (std::size_t slot = 0; slot < starts.size(); ++slot) {
    baseline.rates_[slot] = hours[slot] > 0 ? starts[slot] / hours[slot] : overall;
  }
  return baseline;
}

Eigen::VectorXd HourOfWeekBaseline::predict(const Eigen::MatrixXd& features) const {
  Eigen::VectorXd probabilities(features.rows());
  for (Eigen::Index r = 0; r < features.rows(); ++r) probabilities[r] = rates_[slot_of(features, r)];
  return probabilities;
}

}  // namespace sonic::session
