#pragma once
// Adam (Kingma & Ba, 2015) over a flat parameter vector, in PyTorch's arithmetic:
//   m ← β1·m + (1−β1)·g,   v ← β2·v + (1−β2)·g²
//   θ ← θ − (lr / (1−β1^t)) · m / (√v / √(1−β2^t) + ε)
// A step may be applied range by range (from several threads): each element's update depends
// on that element alone, so how the vector is cut never changes the result.
#include <Eigen/Core>

namespace sonic::ml {

struct AdamSettings {
  double learning_rate = 1e-3;
  double beta1 = 0.9;
  double beta2 = 0.999;
  double epsilon = 1e-8;
};

class AdamOptimizer {
 public:
  AdamOptimizer(Eigen::Index parameter_count, const AdamSettings& settings);

  // Begins the next step (t ← t + 1): fixes the bias corrections every range of it uses.
  void next_step();
  int steps() const { return step_; }

  // Updates parameters[begin, end) from gradient[begin, end) for the current step.
  void update(Eigen::Index begin, Eigen::Index end, Eigen::Ref<Eigen::VectorXf> parameters,
              const Eigen::Ref<const Eigen::VectorXf>& gradient);

 private:
  AdamSettings settings_;
  Eigen::VectorXf first_moment_;
  Eigen::VectorXf second_moment_;
  int step_ = 0;
  float step_size_ = 0;          // lr / (1 − β1^t)
  float second_correction_ = 0;  // 1 / √(1 − β2^t)
};

}  // namespace sonic::ml
