#include "sonic/ml/gbdt/model.hpp"

#include <algorithm>
#include <cmath>

#include "ml/gbdt/objective.hpp"
#include "ml/gbdt/tree_shap.hpp"
#include "sonic/core/error.hpp"

namespace sonic::ml {
namespace {

[[noreturn]] void reject(const std::string& what) { throw InputError("gbdt model: " + what); }

std::string at(std::size_t tree, std::size_t node) {
  return "tree " + std::to_string(tree) + " node " + std::to_string(node) + ": ";
}

// Children must come after their parent and every node but the root have exactly one parent:
// then the nodes form one tree and every walk from the root ends in a leaf.
void check_tree(const GbdtTree& tree, std::size_t index, std::size_t feature_count) {
  if (tree.nodes.empty()) reject("tree " + std::to_string(index) + " has no nodes");
  std::vector<int> parents(tree.nodes.size(), 0);
  for (std::size_t i = 0; i < tree.nodes.size(); ++i) {
    const GbdtNode& node = tree.nodes[i];
    if (!std::isfinite(node.value) || !std::isfinite(node.cover) || node.cover < 0 || !std::isfinite(node.gain)) {
      reject(at(index, i) + "value, cover and gain must be finite (cover ≥ 0)");
    }
    if (node.is_leaf()) {
      if (node.left != -1 || node.right != -1) reject(at(index, i) + "a leaf has no children");
      continue;
    }
    if (static_cast<std::size_t>(node.feature) >= feature_count) {
      reject(at(index, i) + "feature " + std::to_string(node.feature) + " out of range (" +
             std::to_string(feature_count) + " features)");
    }
    if (std::isnan(node.threshold) || node.threshold == -INFINITY) {
      reject(at(index, i) + "threshold must be a number or +infinity");
    }
    for (std::int32_t child : {node.left, node.right}) {
      if (child <= static_cast<std::int32_t>(i) || static_cast<std::size_t>(child) >= tree.nodes.size()) {
        reject(at(index, i) + "child " + std::to_string(child) + " must come after its parent and exist");
      }
      // TreeSHAP divides by covers: a split's children must have been reached in training.
      if (!(tree.nodes[static_cast<std::size_t>(child)].cover > 0)) {
        reject(at(index, i) + "child " + std::to_string(child) + " must have a positive cover");
      }
      parents[static_cast<std::size_t>(child)] += 1;
    }
  }
  for (std::size_t i = 1; i < tree.nodes.size(); ++i) {
    if (parents[i] != 1) {
      reject(at(index, i) + "has " + std::to_string(parents[i]) + " parents (must have one)");
    }
  }
}

// Rows per block when walking trees: a block's feature values stay in cache across the trees.
constexpr Eigen::Index kBlockRows = 256;

}  // namespace

GbdtModel::GbdtModel(GbdtObjective objective, std::vector<std::string> feature_names,
                     std::vector<std::string> class_names, std::vector<double> base_margin, std::vector<GbdtTree> trees,
                     nlohmann::json metadata)
    : objective_(objective),
      feature_names_(std::move(feature_names)),
      class_names_(std::move(class_names)),
      base_margin_(std::move(base_margin)),
      trees_(std::move(trees)),
      metadata_(std::move(metadata)) {
  if (feature_names_.empty()) reject("no features");
  const std::size_t expected_outputs = objective_ == GbdtObjective::binary_logistic ? 1 : class_names_.size();
  if (objective_ == GbdtObjective::binary_logistic && class_names_.size() != 2) {
    reject("binary_logistic needs 2 class names, got " + std::to_string(class_names_.size()));
  }
  if (class_names_.size() < 2) reject("needs at least 2 classes");
  if (base_margin_.size() != expected_outputs) {
    reject("base margin has " + std::to_string(base_margin_.size()) + " values, expected " +
           std::to_string(expected_outputs));
  }
  for (double margin : base_margin_) {
    if (!std::isfinite(margin)) reject("base margin must be finite");
  }
  if (trees_.size() % expected_outputs != 0) {
    reject(std::to_string(trees_.size()) + " trees is not a whole number of rounds of " +
           std::to_string(expected_outputs));
  }
  for (std::size_t t = 0; t < trees_.size(); ++t) check_tree(trees_[t], t, feature_names_.size());
  if (!metadata_.is_object()) reject("metadata must be an object");
}

void GbdtModel::check_columns(const Eigen::MatrixXd& features) const {
  if (static_cast<std::size_t>(features.cols()) != feature_names_.size()) {
    throw InputError("gbdt model expects " + std::to_string(feature_names_.size()) + " feature columns, got " +
                     std::to_string(features.cols()));
  }
}

Eigen::MatrixXd GbdtModel::predict_margin(const Eigen::MatrixXd& features, std::size_t rounds) const {
  check_columns(features);
  const std::size_t outputs = output_count();
  const std::size_t tree_count = std::min(rounds, round_count()) * outputs;
  Eigen::MatrixXd margins(features.rows(), static_cast<Eigen::Index>(outputs));
  for (std::size_t k = 0; k < outputs; ++k) margins.col(static_cast<Eigen::Index>(k)).setConstant(base_margin_[k]);
  for (Eigen::Index begin = 0; begin < features.rows(); begin += kBlockRows) {
    const Eigen::Index end = std::min(features.rows(), begin + kBlockRows);
    for (std::size_t t = 0; t < tree_count; ++t) {
      const GbdtTree& tree = trees_[t];
      const auto output = static_cast<Eigen::Index>(t % outputs);
      for (Eigen::Index r = begin; r < end; ++r) {
        const std::size_t leaf = tree.leaf_index([&](std::int32_t feature) { return features(r, feature); });
        margins(r, output) += tree.nodes[leaf].value;
      }
    }
  }
  return margins;
}

Eigen::MatrixXd GbdtModel::predict_proba(const Eigen::MatrixXd& features) const {
  return gbdt::probabilities(objective_, predict_margin(features));
}

Eigen::VectorXd GbdtModel::gain_importance() const {
  Eigen::VectorXd importance = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(feature_names_.size()));
  for (const GbdtTree& tree : trees_) {
    for (const GbdtNode& node : tree.nodes) {
      if (!node.is_leaf()) importance[node.feature] += node.gain;
    }
  }
  return importance;
}

Eigen::MatrixXd GbdtModel::contributions(const Eigen::MatrixXd& features, std::size_t output) const {
  check_columns(features);
  if (output >= output_count()) {
    throw InputError("gbdt model has " + std::to_string(output_count()) + " outputs, asked for output " +
                     std::to_string(output));
  }
  const std::size_t feature_count = feature_names_.size();
  double bias = base_margin_[output];
  for (std::size_t t = output; t < trees_.size(); t += output_count()) bias += trees_[t].expected_value();

  Eigen::MatrixXd result = Eigen::MatrixXd::Zero(features.rows(), static_cast<Eigen::Index>(feature_count + 1));
  std::vector<double> row(feature_count);
  std::vector<double> phi(feature_count);
  for (Eigen::Index r = 0; r < features.rows(); ++r) {
    for (std::size_t f = 0; f < feature_count; ++f) row[f] = features(r, static_cast<Eigen::Index>(f));
    std::fill(phi.begin(), phi.end(), 0.0);
    for (std::size_t t = output; t < trees_.size(); t += output_count()) add_tree_shap(trees_[t], row, phi);
    for (std::size_t f = 0; f < feature_count; ++f) result(r, static_cast<Eigen::Index>(f)) = phi[f];
    result(r, static_cast<Eigen::Index>(feature_count)) = bias;
  }
  return result;
}

}  // namespace sonic::ml
