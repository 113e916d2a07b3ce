#include "sonic/ml/mlp/adam.hpp"

#include <cmath>

namespace sonic::ml {

AdamOptimizer::AdamOptimizer(Eigen::Index parameter_count, const AdamSettings& settings)
    : settings_(settings),
      first_moment_(Eigen::VectorXf::Zero(parameter_count)),
      second_moment_(Eigen::VectorXf::Zero(parameter_count)) {}

void AdamOptimizer::next_step() {
  ++step_;
  const double t = step_;
  step_size_ = static_cast<float>(settings_.learning_rate / (1.0 - std::pow(settings_.beta1, t)));
  second_correction_ = static_cast<float>(1.0 / std::sqrt(1.0 - std::pow(settings_.beta2, t)));
}

void AdamOptimizer::update(Eigen::Index begin, Eigen::Index end, Eigen::Ref<Eigen::VectorXf> parameters,
                           const Eigen::Ref<const Eigen::VectorXf>& gradient) {
  const Eigen::Index count = end - begin;
  // 1 − β in double, then rounded: in float, 1 − 0.999f is off by 1e-5 relative.
  const auto beta1 = static_cast<float>(settings_.beta1);
  const auto beta2 = static_cast<float>(settings_.beta2);
  const auto rest1 = static_cast<float>(1.0 - settings_.beta1);
  const auto rest2 = static_cast<float>(1.0 - settings_.beta2);
  const auto epsilon = static_cast<float>(settings_.epsilon);
  const auto g = gradient.segment(begin, count).array();
  auto m = first_moment_.segment(begin, count).array();
  auto v = second_moment_.segment(begin, count).array();
  m = beta1 * m + rest1 * g;
  v = beta2 * v + rest2 * g.square();
  parameters.segment(begin, count).array() -= step_size_ * m / (v.sqrt() * second_correction_ + epsilon);
}

}  // namespace sonic::ml
