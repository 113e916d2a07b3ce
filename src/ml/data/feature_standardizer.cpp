#include "sonic/ml/data/feature_standardizer.hpp"

#include <cmath>
#include <numeric>
#include <stdexcept>
#include <utility>
#include <vector>

namespace sonic::ml {
namespace {

std::vector<Eigen::Index> all_rows(const Eigen::Ref<const Eigen::MatrixXf>& features) {
  std::vector<Eigen::Index> rows(static_cast<std::size_t>(features.rows()));
  std::iota(rows.begin(), rows.end(), Eigen::Index{0});
  return rows;
}

}  // namespace

FeatureStandardizer::FeatureStandardizer(Eigen::VectorXf mean, Eigen::VectorXf scale)
    : mean_(std::move(mean)), scale_(std::move(scale)) {
  if (mean_.size() != scale_.size()) throw std::invalid_argument("standardizer mean and scale differ in size");
  if (!mean_.allFinite() || !scale_.allFinite() || (scale_.array() <= 0).any()) {
    throw std::invalid_argument("standardizer needs finite means and positive finite scales");
  }
}

FeatureStandardizer FeatureStandardizer::identity(Eigen::Index features) {
  return FeatureStandardizer(Eigen::VectorXf::Zero(features), Eigen::VectorXf::Ones(features));
}

FeatureStandardizer FeatureStandardizer::fit(const Eigen::Ref<const Eigen::MatrixXf>& features,
                                             std::span<const Eigen::Index> rows) {
  if (rows.empty()) throw std::invalid_argument("cannot fit a standardizer on no rows");
  const auto count = static_cast<double>(rows.size());
  Eigen::VectorXf mean(features.cols());
  Eigen::VectorXf scale(features.cols());
  for (Eigen::Index feature = 0; feature < features.cols(); ++feature) {
    // Two passes in double: the textbook one-pass formula cancels badly for large means.
    double sum = 0;
    for (const auto row : rows) sum += features(row, feature);
    const double average = sum / count;
    double squares = 0;
    for (const auto row : rows) {
      const double deviation = features(row, feature) - average;
      squares += deviation * deviation;
    }
    const double deviation = std::sqrt(squares / count);
    // Below float resolution of the mean, the "variation" is rounding noise: treat as constant.
    const bool constant = !(deviation > 1e-7 * std::abs(average)) || deviation == 0;
    mean(feature) = static_cast<float>(average);
    scale(feature) = constant ? 1.0f : static_cast<float>(deviation);
  }
  return FeatureStandardizer(std::move(mean), std::move(scale));
}

FeatureStandardizer FeatureStandardizer::fit(const Eigen::Ref<const Eigen::MatrixXf>& features) {
  const auto rows = all_rows(features);
  return fit(features, rows);
}

Eigen::MatrixXf FeatureStandardizer::to_columns(const Eigen::Ref<const Eigen::MatrixXf>& features,
                                                std::span<const Eigen::Index> rows) const {
  if (features.cols() != mean_.size()) throw std::invalid_argument("standardizer applied to the wrong width");
  Eigen::MatrixXf columns(features.cols(), static_cast<Eigen::Index>(rows.size()));
  for (Eigen::Index column = 0; column < columns.cols(); ++column) {
    const auto row = rows[static_cast<std::size_t>(column)];
    columns.col(column) = (features.row(row).transpose() - mean_).cwiseQuotient(scale_);
  }
  return columns;
}

Eigen::MatrixXf FeatureStandardizer::to_columns(const Eigen::Ref<const Eigen::MatrixXf>& features) const {
  const auto rows = all_rows(features);
  return to_columns(features, rows);
}

}  // namespace sonic::ml
