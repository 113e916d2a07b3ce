#pragma once
// The settings of gradient-boosted tree training. Names and meanings follow XGBoost's `hist`
// method, so a setting tuned there means the same here.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace sonic::ml {

enum class GbdtObjective {
  binary_logistic,     // labels 0/1; one tree per round; the margin is the log-odds of class 1
  multiclass_softmax,  // labels 0..num_classes-1; one tree per class per round
};

std::string objective_name(GbdtObjective objective);  // "binary_logistic", "multiclass_softmax"
// Throws InputError for a name sonic does not know.
GbdtObjective objective_from_name(const std::string& name);

// The defaults are XGBoost's settings in ../shared/bench/anchors.py gbdt (hist, 100 trees, depth 6,
// eta 0.1, 256 bins, lambda 1, min child weight 1, seed 42): the catalog hit model trains with them
// and bench/gbdt_bench runs them beside XGBoost, so a model and its reference never drift apart.
struct GbdtParams {
  GbdtObjective objective = GbdtObjective::binary_logistic;
  int num_classes = 2;  // multiclass_softmax only; binary_logistic always has 2
  int num_rounds = 100;
  double learning_rate = 0.1;  // eta: every leaf value is scaled by it
  int max_depth = 6;
  int max_bin = 256;              // quantile bins per feature (≤ 256; missing values get a code
                                  // of their own, so 255 bins when a feature has them at 256)
  double min_child_weight = 1.0;  // least hessian sum either side of a split
  double lambda = 1.0;            // L2 penalty on leaf values
  double gamma = 0.0;             // least gain to split, on XGBoost's scale (twice the loss drop)
  double subsample = 1.0;         // chance that a row takes part in a tree
  double colsample_bytree = 1.0;  // share of the features each tree may split on
  int early_stopping_rounds = 0;  // stop when validation loss has not improved for this many
                                  // rounds and keep the best round; 0 = never stop early
  std::uint64_t seed = 42;
  int num_threads = 0;  // 0 = std::thread::hardware_concurrency(); never changes results
};

// Throws InvalidArgument naming the first setting that is out of range.
void validate(const GbdtParams& params);

// How many margins a row gets: 1 for binary_logistic, num_classes for multiclass_softmax.
std::size_t output_count(const GbdtParams& params);

nlohmann::json to_json(const GbdtParams& params);  // for a model's training metadata

}  // namespace sonic::ml
