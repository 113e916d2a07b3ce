#pragma once
// The baseline a session model must beat: how often a session started in the same hour of the
// same weekday, over the training hours.
#include <Eigen/Dense>
#include <array>

namespace sonic::session {

class HourOfWeekBaseline {
 public:
  // `features`: session dataset rows (their hour and weekday columns are read), `labels` 0/1.
  // A weekday-hour with no training row gets the overall training rate.
  static HourOfWeekBaseline fit(const Eigen::MatrixXd& features, const Eigen::VectorXi& labels);

  Eigen::VectorXd predict(const Eigen::MatrixXd& features) const;
  double rate(int weekday, int hour) const { return rates_[static_cast<std::size_t>(weekday * 24 + hour)]; }

 private:
  std::array<double, 7 * 24> rates_{};
};

}  // namespace sonic::session
