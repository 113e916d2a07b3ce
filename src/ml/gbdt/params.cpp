#include "sonic/ml/gbdt/params.hpp"

#include <cmath>

#include "sonic/core/error.hpp"
#include "sonic/ml/common/invalid_argument.hpp"

namespace sonic::ml {

std::string objective_name(GbdtObjective objective) {
  return objective == GbdtObjective::binary_logistic ? "binary_logistic" : "multiclass_softmax";
}

GbdtObjective objective_from_name(const std::string& name) {
  if (name == "binary_logistic") return GbdtObjective::binary_logistic;
  if (name == "multiclass_softmax") return GbdtObjective::multiclass_softmax;
  throw InputError("unknown gbdt objective '" + name + "' (expected binary_logistic or multiclass_softmax)");
}

namespace {

void require(bool holds, const char* setting, const std::string& expectation) {
  if (!holds) throw InvalidArgument(std::string("gbdt setting ") + setting + " must be " + expectation);
}

bool finite_at_least(double value, double low) { return std::isfinite(value) && value >= low; }

}  // namespace

void validate(const GbdtParams& p) {
  if (p.objective == GbdtObjective::multiclass_softmax) {
    require(p.num_classes >= 2 && p.num_classes <= 65536, "num_classes", "in [2, 65536]");
  }
  require(p.num_rounds >= 1, "num_rounds", "at least 1");
  require(std::isfinite(p.learning_rate) && p.learning_rate > 0, "learning_rate", "positive");
  require(p.max_depth >= 1 && p.max_depth <= 30, "max_depth", "in [1, 30]");
  require(p.max_bin >= 2 && p.max_bin <= 256, "max_bin", "in [2, 256]");
  require(finite_at_least(p.min_child_weight, 0), "min_child_weight", "a number ≥ 0");
  require(finite_at_least(p.lambda, 0), "lambda", "a number ≥ 0");
  require(finite_at_least(p.gamma, 0), "gamma", "a number ≥ 0");
  require(p.subsample > 0 && p.subsample <= 1, "subsample", "in (0, 1]");
  require(p.colsample_bytree > 0 && p.colsample_bytree <= 1, "colsample_bytree", "in (0, 1]");
  require(p.early_stopping_rounds >= 0, "early_stopping_rounds", "≥ 0");
  require(p.num_threads >= 0, "num_threads", "≥ 0");
}

std::size_t output_count(const GbdtParams& params) {
  return params.objective == GbdtObjective::binary_logistic ? 1 : static_cast<std::size_t>(params.num_classes);
}

nlohmann::json to_json(const GbdtParams& p) {
  return {{"objective", objective_name(p.objective)},
          {"num_classes", p.num_classes},
          {"num_rounds", p.num_rounds},
          {"learning_rate", p.learning_rate},
          {"max_depth", p.max_depth},
          {"max_bin", p.max_bin},
          {"min_child_weight", p.min_child_weight},
          {"lambda", p.lambda},
          {"gamma", p.gamma},
          {"subsample", p.subsample},
          {"colsample_bytree", p.colsample_bytree},
          {"early_stopping_rounds", p.early_stopping_rounds},
          {"seed", p.seed}};
}

}  // namespace sonic::ml
