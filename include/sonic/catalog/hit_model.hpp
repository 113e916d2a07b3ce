#pragma once
// What separates hits from the rest in a catalog: boosted trees on audio inputs, judged on a
// stratified random split and on a grouped temporal split (hit_splits.hpp), each beside two
// baselines — logistic regression on the same inputs (the MLP with no hidden layer) and
// logistic regression on duration and loudness only — with ROC-AUC, PR-AUC, accuracy, F1 and a
// calibration table; global importance as mean |SHAP| beside split gain. The model kept for
// `sonic catalog explain` is trained on every labelled row afterwards.
#include <Eigen/Core>
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sonic/catalog/hit_data.hpp"
#include "sonic/catalog/hit_splits.hpp"
#include "sonic/ml/gbdt/model.hpp"
#include "sonic/ml/gbdt/params.hpp"
#include "sonic/ml/metrics/calibration.hpp"
#include "sonic/tracking/model_kinds.hpp"

namespace sonic::catalog {

inline constexpr std::string_view kCatalogHitsHeadlines[] = {"temporal_roc_auc", "random_roc_auc", "temporal_pr_auc"};
inline constexpr tracking::ModelKind kCatalogHits{
    "hits", "catalog-hits",        "catalog_hits.json",       "sonic-catalog-hits",
    1,      kCatalogHitsHeadlines, "sonic catalog train hits"};

struct ModelScores {
  std::string model;  // "gbdt", "logistic", "duration_loudness"
  double roc_auc = 0;
  double pr_auc = 0;
  double accuracy = 0;  // at probability 0.5
  double f1 = 0;        // of the hit class, at 0.5
  double log_loss = 0;
};

struct SplitEvaluation {
  std::string split;  // "random", "temporal"
  std::int64_t train_rows = 0;
  std::int64_t test_rows = 0;
  std::int64_t left_out = 0;
  int test_period = 0;
  double test_hit_share = 0;
  std::vector<ModelScores> models;              // gbdt first, then the baselines
  std::vector<ml::CalibrationBin> calibration;  // the gbdt's, on the test rows
};

struct InputImportance {
  std::string input;
  double mean_abs_shap = 0;  // over the random split's test rows, log-odds
  double gain_share = 0;     // of the total split gain
};

struct HitTrainingOptions {
  ml::GbdtParams gbdt{};  // XGBoost's reference settings (params.hpp)
  std::uint64_t seed = 42;
  int threads = 0;
};

struct HitTraining {
  ml::GbdtModel model;  // on every labelled row
  std::vector<SplitEvaluation> splits;
  std::vector<InputImportance> importance;  // most important first
  std::int64_t rows = 0;
  std::int64_t hits = 0;
};

// Scores of probabilities against 0/1 labels.
ModelScores score_probabilities(std::string model, const std::vector<int>& labels, const Eigen::VectorXd& probability);

// Logistic regression (the MLP without hidden layers: standardised inputs, softmax over two
// classes, Adam), NaN inputs replaced by the training rows' medians. Returns P(hit) of the test rows.
Eigen::VectorXd logistic_regression_probabilities(const Eigen::MatrixXd& inputs, const std::vector<int>& labels,
                                                  const std::vector<std::size_t>& train,
                                                  const std::vector<std::size_t>& test, std::uint64_t seed,
                                                  int threads);

SplitEvaluation evaluate_split(const HitData& data, const HitSplit& split, const HitTrainingOptions& options,
                               std::optional<ml::GbdtModel>* trained = nullptr);

HitTraining train_hit_model(const HitData& data, const HitTrainingOptions& options);

nlohmann::json to_json(const SplitEvaluation& evaluation);
nlohmann::json importance_json(const std::vector<InputImportance>& importance);

// The model file: the envelope (tracking/model_file.hpp) with the label rule and the trees.
void save_hit_model(const std::filesystem::path& path, const HitTraining& training, const HitLabelRule& rule,
                    const std::string& catalog, const std::string& model_id, std::uint64_t seed);
struct HitModelFile {
  ml::GbdtModel model;
  std::string catalog;
  std::string label;  // the rule, described
  nlohmann::json metrics;
  nlohmann::json evaluation;  // {"splits": {…}, "importance": […]}; null in files written before it
};
// InputError naming the file for a missing, newer or malformed file.
HitModelFile load_hit_model(const std::filesystem::path& path);

struct InputContribution {
  std::string input;
  double value = 0;         // NaN: not given
  double contribution = 0;  // TreeSHAP, log-odds
};
struct HitExplanation {
  double probability = 0;
  double margin = 0;  // log-odds: bias + the contributions
  double bias = 0;
  std::vector<InputContribution> contributions;  // largest |contribution| first
};

// `row`: one value per model input (NaN: missing).
HitExplanation explain_hit(const ml::GbdtModel& model, const std::vector<double>& row);
// "danceability 0.81 adds 0.12" per input, largest first; log-odds.
std::vector<std::string> contributions_in_words(const HitExplanation& explanation, std::size_t most = 8);

}  // namespace sonic::catalog
