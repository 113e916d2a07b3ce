#include "sonic/ml/metrics/calibration.hpp"

#include <string>

#include "ml/metrics/binary_checks.hpp"
#include "sonic/core/error.hpp"

namespace sonic::ml {

std::vector<CalibrationBin> calibration_table(const Eigen::VectorXi& labels, const Eigen::VectorXd& probabilities,
                                              int bins) {
  detail::require_binary_scores(labels, probabilities, true, "calibration table");
  if (bins < 1) throw InputError("calibration table: " + std::to_string(bins) + " bins");
  // Edges as numpy's linspace makes them (i × step), so a probability on an edge lands in the
  // same bin as in scikit-learn.
  const double step = 1.0 / bins;
  std::vector<CalibrationBin> table(static_cast<std::size_t>(bins));
  for (int b = 0; b < bins; ++b) {
    table[static_cast<std::size_t>(b)].lower = b * step;
    table[static_cast<std::size_t>(b)].upper = b + 1 == bins ? 1.0 : (b + 1) * step;
  }
  for (Eigen::Index i = 0; i < labels.size(); ++i) {
    int bin = 0;  // the number of inner edges strictly below the probability
    while (bin + 1 < bins && table[static_cast<std::size_t>(bin)].upper < probabilities[i]) ++bin;
    CalibrationBin& cell = table[static_cast<std::size_t>(bin)];
    cell.count += 1;
    cell.mean_predicted += probabilities[i];
    cell.observed_rate += labels[i];
  }
  std::vector<CalibrationBin> filled;
  for (CalibrationBin cell : table) {
    if (cell.count == 0) continue;
    cell.mean_predicted /= static_cast<double>(cell.count);
    cell.observed_rate /= static_cast<double>(cell.count);
    filled.push_back(cell);
  }
  return filled;
}

}  // namespace sonic::ml
