// Gradient-boosted trees: fit time and test metrics of sonic's booster, with the protocol and
// keys of `../shared/bench/anchors.py gbdt` (XGBoost hist) so the two lines sit side by side.
//
//   gbdt_bench [--runs N] [--threads T] TRAIN.csv TEST.csv
//
// 100 trees, depth 6, eta 0.1, 256 bins, lambda 1, min child weight 1, 2 threads, seed 42.
// `seconds` is the median wall time of N fits (binning included, as XGBoost's fit includes
// building its DMatrix); CSV loading and prediction are not timed. Binary data reports AUC and
// log-loss, multiclass data accuracy, macro-F1 and log-loss (the number of classes is
// 1 + the largest label in either file, as anchors.py).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

#include "bench_support.hpp"
#include "sonic/core/version.hpp"
#include "sonic/ml/gbdt/trainer.hpp"
#include "sonic/ml/metrics/classification_metrics.hpp"

namespace {

using sonic::ml::GbdtObjective;
using sonic::ml::GbdtParams;

// Area under the ROC curve by the rank-sum formula, tied scores sharing their average rank.
// Mean -log p(label), probabilities clipped as scikit-learn's log_loss does.
double log_loss(const Eigen::VectorXi& labels, const Eigen::MatrixXd& probabilities) {
  double total = 0;
  for (Eigen::Index r = 0; r < labels.size(); ++r) {
    total -= std::log(std::clamp(probabilities(r, labels[r]), 1e-15, 1 - 1e-15));
  }
  return total / static_cast<double>(labels.size());
}

Eigen::VectorXi predicted_classes(const Eigen::MatrixXd& probabilities) {
  Eigen::VectorXi classes(probabilities.rows());
  for (Eigen::Index r = 0; r < probabilities.rows(); ++r) probabilities.row(r).maxCoeff(&classes[r]);
  return classes;
}

int run(int argc, char** argv) {
  int runs = 1;
  int threads = 2;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    const std::string argument = argv[i];
    if ((argument == "--runs" || argument == "--threads") && i + 1 < argc) {
      (argument == "--runs" ? runs : threads) = std::atoi(argv[++i]);
    } else {
      files.push_back(argument);
    }
  }
  if (files.size() != 2 || runs < 1 || threads < 1) {
    std::fprintf(stderr, "usage: gbdt_bench [--runs N] [--threads T] TRAIN.csv TEST.csv\n");
    return 2;
  }
  const auto train = sonic::bench::read_csv_dataset(files[0]);
  const auto test = sonic::bench::read_csv_dataset(files[1]);
  const int classes = std::max(train.labels.maxCoeff(), test.labels.maxCoeff()) + 1;

  GbdtParams params;
  params.objective = classes > 2 ? GbdtObjective::multiclass_softmax : GbdtObjective::binary_logistic;
  params.num_classes = classes;
  params.num_threads = threads;  // every other setting is the default: anchors.py's (params.hpp)

  std::vector<double> seconds;
  std::optional<sonic::ml::GbdtModel> model;
  for (int i = 0; i < runs; ++i) {
    sonic::bench::Stopwatch watch;
    model.emplace(sonic::ml::train_gbdt(train.features, train.labels, params, {train.feature_names, {}}));
    seconds.push_back(watch.seconds());
  }
  const Eigen::MatrixXd probabilities = model->predict_proba(test.features);
  const Eigen::VectorXi predicted = predicted_classes(probabilities);
  const auto metrics = sonic::ml::classification_metrics(test.labels, predicted, classes);

  nlohmann::json line = {{"task", "gbdt"},
                         {"tool", std::string("sonic ") + sonic::kVersion},
                         {"data", std::filesystem::path(files[0]).filename().string()},
                         {"rows", train.features.rows()},
                         {"seconds", std::round(sonic::bench::median(seconds) * 1000) / 1000},
                         {"accuracy", metrics.accuracy},
                         {"logloss", log_loss(test.labels, probabilities)}};
  if (classes == 2) {
    std::vector<bool> positive(static_cast<std::size_t>(test.labels.size()));
    for (Eigen::Index r = 0; r < test.labels.size(); ++r) positive[static_cast<std::size_t>(r)] = test.labels[r] == 1;
    line["auc"] = sonic::ml::roc_auc(probabilities.col(1), positive).value_or(0.5);
  } else {
    line["macro_f1"] = metrics.macro_f1;
  }
  sonic::bench::emit(line);
  return 0;
}

}  // namespace

int main(int argc, char** argv) { return sonic::bench::run_main("gbdt_bench", run, argc, argv); }
