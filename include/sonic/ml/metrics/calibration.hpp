#pragma once
// A calibration table: do hours given 30 % come true 30 % of the time? Probabilities are put
// into equal-width bins over [0, 1] exactly as scikit-learn's calibration_curve(strategy=
// "uniform") does (a probability on an edge belongs to the lower bin), and empty bins are left
// out.
#include <Eigen/Core>
#include <vector>

namespace sonic::ml {

struct CalibrationBin {
  double lower = 0;  // the bin's edges
  double upper = 0;
  long count = 0;
  double mean_predicted = 0;
  double observed_rate = 0;  // share of rows in the bin whose label is 1
};

// Throws InputError for mismatched or empty vectors, labels other than 0/1, probabilities
// outside [0, 1], or bins < 1.
std::vector<CalibrationBin> calibration_table(const Eigen::VectorXi& labels, const Eigen::VectorXd& probabilities,
                                              int bins = 10);

}  // namespace sonic::ml
