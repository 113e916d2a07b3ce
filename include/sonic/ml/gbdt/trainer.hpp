#pragma once
// Training a gradient-boosted tree classifier, XGBoost's `hist` method: features binned once
// into quantile bins, trees grown depth by depth on gradient histograms, rows and columns
// subsampled per tree from seeded streams. The same data, settings and seed give the same model
// for any number of threads.
#include <Eigen/Dense>
#include <string>
#include <vector>

#include "sonic/ml/gbdt/model.hpp"
#include "sonic/ml/gbdt/params.hpp"

namespace sonic::ml {

// Names written into the model, so that loading can check a caller means the same columns.
struct GbdtSchema {
  std::vector<std::string> feature_names;  // empty: "f0", "f1", …
  std::vector<std::string> class_names;    // empty: "0", "1", …
};

// Rows held out of training: their loss after every round is recorded, and drives early
// stopping when params.early_stopping_rounds > 0.
struct GbdtValidation {
  const Eigen::MatrixXd& features;
  const Eigen::VectorXi& labels;
};

// `features`: rows = samples, finite values or NaN (missing). `labels`: 0/1 for binary_logistic,
// 0..num_classes-1 for multiclass_softmax. `weights` (optional, one per row, finite and ≥ 0)
// scale each row's gradient and hessian, as XGBoost's sample weights do: min_child_weight then
// counts weighted rows. The base margin and the reported train_loss stay unweighted. Throws InvalidArgument for bad
// settings and InputError (naming the row and column) for bad data. The model's metadata holds the settings, the row
// count, the rounds kept, the kept model's training log-loss (train_loss) and, with a
// validation set, the validation log-loss of every round and the best round.
GbdtModel train_gbdt(const Eigen::MatrixXd& features, const Eigen::VectorXi& labels, const GbdtParams& params,
                     const GbdtSchema& schema = {}, const GbdtValidation* validation = nullptr,
                     const Eigen::VectorXd* weights = nullptr);

}  // namespace sonic::ml
