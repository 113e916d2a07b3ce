#pragma once
// A seed ensemble of feedforward classifiers: nets trained on the same rows with the same options
// but for the seed, whose class probabilities are averaged. Averaging lowers the variance a single
// seed's weights carry (on data_moods.csv one net's 10-fold accuracy moves by 0.5 points from seed
// to seed) without changing what each net learns.
#include "sonic/ml/mlp/model.hpp"
#include "sonic/ml/mlp/trainer.hpp"

#include <Eigen/Core>

#include <cstdint>
#include <string>
#include <vector>

namespace sonic::ml {

// Member m of an ensemble seeded s is seeded s + 1000·m, so member 0 is the single net of seed s
// (a 1-member ensemble is that net) and the members of neighbouring seeds never coincide.
std::uint64_t ensemble_member_seed(std::uint64_t seed, int member);

class MlpEnsemble {
 public:
  // One member or more, all softmax classifiers with the same feature and class names in the same
  // order (std::invalid_argument otherwise: files are checked with InputError before they get here).
  explicit MlpEnsemble(std::vector<MlpModel> members);

  const std::vector<MlpModel>& members() const { return members_; }
  int size() const { return static_cast<int>(members_.size()); }
  const std::vector<std::string>& feature_names() const { return members_.front().feature_names(); }
  const std::vector<std::string>& output_names() const { return members_.front().output_names(); }

  // The mean of the members' class probabilities (samples × classes), and its most probable class.
  Eigen::MatrixXf predict_proba(const MlpModel::Features& features) const;
  Eigen::VectorXi predict(const MlpModel::Features& features) const;

 private:
  std::vector<MlpModel> members_;
};

struct MlpEnsembleTrainingResult {
  MlpEnsemble ensemble;
  std::vector<std::vector<MlpEpoch>> histories;  // one per member
};

// `members` nets (1 or more), member m with options.seed replaced by ensemble_member_seed(seed, m).
MlpEnsembleTrainingResult train_mlp_classifier_ensemble(const ClassSamples& training, const MlpNames& names,
                                                        const MlpOptions& options, int members);

}  // namespace sonic::ml
