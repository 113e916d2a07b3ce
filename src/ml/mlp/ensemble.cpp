#include "sonic/ml/mlp/ensemble.hpp"

#include "sonic/ml/common/invalid_argument.hpp"

#include <stdexcept>
#include <utility>

namespace sonic::ml {

std::uint64_t ensemble_member_seed(std::uint64_t seed, int member) {
  return seed + 1000 * static_cast<std::uint64_t>(member);
}

MlpEnsemble::MlpEnsemble(std::vector<MlpModel> members) : members_(std::move(members)) {
  if (members_.empty()) throw std::invalid_argument("MLP ensemble: needs at least one member");
  for (const auto& member : members_) {
    if (member.output() != MlpOutput::softmax) throw std::invalid_argument("MLP ensemble: members must be classifiers");
    if (member.feature_names() != feature_names() || member.output_names() != output_names()) {
      throw std::invalid_argument("MLP ensemble: members must share feature and class names, in order");
    }
  }
}

Eigen::MatrixXf MlpEnsemble::predict_proba(const MlpModel::Features& features) const {
  Eigen::MatrixXf sum = members_.front().predict_proba(features);
  for (std::size_t m = 1; m < members_.size(); ++m) sum += members_[m].predict_proba(features);
  return sum / static_cast<float>(members_.size());
}

Eigen::VectorXi MlpEnsemble::predict(const MlpModel::Features& features) const {
  return most_probable_classes(predict_proba(features));
}

MlpEnsembleTrainingResult train_mlp_classifier_ensemble(const ClassSamples& training, const MlpNames& names,
                                                        const MlpOptions& options, int members) {
  if (members < 1) throw InvalidArgument("an ensemble needs at least one member");
  std::vector<MlpModel> models;
  std::vector<std::vector<MlpEpoch>> histories;
  for (int member = 0; member < members; ++member) {
    auto member_options = options;
    member_options.seed = ensemble_member_seed(options.seed, member);
    auto trained = train_mlp_classifier(training, names, member_options);
    models.push_back(std::move(trained.model));
    histories.push_back(std::move(trained.history));
  }
  return {MlpEnsemble(std::move(models)), std::move(histories)};
}

}  // namespace sonic::ml
