#include "ml/mlp/loss.hpp"

#include <algorithm>
#include <cmath>

namespace sonic::ml {

template <typename Scalar>
double output_loss(MlpOutput output, const Eigen::Ref<const MlpMatrix<Scalar>>& logits,
                   const Eigen::Ref<const MlpMatrix<Scalar>>& targets) {
  if (output == MlpOutput::linear) {
    const auto outputs = static_cast<double>(logits.rows());
    return (logits - targets).template cast<double>().squaredNorm() / outputs;
  }
  // Σ_k y_k·(log Σ_i e^{z_i} − z_k), with the largest logit factored out of the sum.
  double total = 0;
  for (Eigen::Index sample = 0; sample < logits.cols(); ++sample) {
    const auto z = logits.col(sample).template cast<double>();
    const auto y = targets.col(sample).template cast<double>();
    const double largest = z.maxCoeff();
    const double log_sum_exp = largest + std::log((z.array() - largest).exp().sum());
    total += log_sum_exp * y.sum() - y.dot(z);
  }
  return total;
}

template <typename Scalar>
void output_loss_gradient(MlpOutput output, const Eigen::Ref<const MlpMatrix<Scalar>>& outputs,
                          const Eigen::Ref<const MlpMatrix<Scalar>>& targets, Scalar scale,
                          Eigen::Ref<MlpMatrix<Scalar>> logit_gradient) {
  // Softmax with cross-entropy: p − y (for targets summing to one). Linear with squared error
  // averaged over K outputs: 2(ŷ − y)/K.
  const Scalar factor = output == MlpOutput::linear ? scale * Scalar(2) / static_cast<Scalar>(outputs.rows()) : scale;
  logit_gradient.noalias() = factor * (outputs - targets);
}

template <typename Scalar>
double weight_decay_penalty(const MlpParameters<Scalar>& parameters, double l2) {
  const auto weights = parameters.values().head(parameters.architecture().weight_count());
  return 0.5 * l2 * weights.template cast<double>().squaredNorm();
}

template <typename Scalar>
void add_weight_decay_gradient(const MlpParameters<Scalar>& parameters, double l2, Eigen::Index begin, Eigen::Index end,
                               MlpParameters<Scalar>& gradient) {
  end = std::min(end, parameters.architecture().weight_count());
  if (l2 == 0 || end <= begin) return;
  gradient.values().segment(begin, end - begin) +=
      static_cast<Scalar>(l2) * parameters.values().segment(begin, end - begin);
}

#define SONIC_INSTANTIATE_MLP_LOSS(Scalar)                                                                          \
  template double output_loss<Scalar>(MlpOutput, const Eigen::Ref<const MlpMatrix<Scalar>>&,                        \
                                      const Eigen::Ref<const MlpMatrix<Scalar>>&);                                  \
  template void output_loss_gradient<Scalar>(MlpOutput, const Eigen::Ref<const MlpMatrix<Scalar>>&,                 \
                                             const Eigen::Ref<const MlpMatrix<Scalar>>&, Scalar,                    \
                                             Eigen::Ref<MlpMatrix<Scalar>>);                                        \
  template double weight_decay_penalty<Scalar>(const MlpParameters<Scalar>&, double);                               \
  template void add_weight_decay_gradient<Scalar>(const MlpParameters<Scalar>&, double, Eigen::Index, Eigen::Index, \
                                                  MlpParameters<Scalar>&);
SONIC_INSTANTIATE_MLP_LOSS(float)
SONIC_INSTANTIATE_MLP_LOSS(double)
#undef SONIC_INSTANTIATE_MLP_LOSS

}  // namespace sonic::ml
