#include "sonic/ml/gbdt/trainer.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "sonic/core/error.hpp"
#include "sonic/core/random.hpp"
#include "sonic/ml/gbdt/binned_matrix.hpp"
#include "sonic/ml/gbdt/objective.hpp"
#include "sonic/ml/gbdt/quantile_cuts.hpp"
#include "sonic/ml/gbdt/tree_grower.hpp"
#include "sonic/ml/gbdt/worker_pool.hpp"
#include "training_input.hpp"

namespace sonic::ml {
namespace {

using gbdt::GradientPair;
using gbdt::WorkerPool;

constexpr std::size_t kBlockRows = 1 << 14;

// Seeded stream 0 places the bin cuts; stream t + 1 makes tree t's row and column choices, so a
// tree's sample depends on the seed and its position only.
constexpr std::uint64_t kCutStream = 0;

struct RowSample {
  std::vector<std::uint32_t> rows;     // in the tree's sample, ascending
  std::vector<std::uint32_t> skipped;  // the others, ascending
};

// Each row is in with chance `share`, as XGBoost's subsample.
void sample_rows(SeededRandom& random, std::size_t row_count, double share, RowSample& sample) {
  sample.rows.clear();
  sample.skipped.clear();
  for (std::size_t r = 0; r < row_count; ++r) {
    (random.chance(share) ? sample.rows : sample.skipped).push_back(static_cast<std::uint32_t>(r));
  }
}

std::vector<std::uint32_t> sample_features(SeededRandom& random, std::size_t feature_count,
                                           double share) {
  std::vector<std::uint32_t> features(feature_count);
  std::iota(features.begin(), features.end(), 0u);
  const auto keep = std::clamp<std::size_t>(
      static_cast<std::size_t>(std::lround(share * static_cast<double>(feature_count))), 1,
      feature_count);
  random.shuffle(std::span(features));
  features.resize(keep);
  std::sort(features.begin(), features.end());
  return features;
}

// Adds a tree's value for each of `rows` (walked on raw values) to their margins of one output.
void add_tree_to_margins(const GbdtTree& tree, const Eigen::MatrixXd& features,
                         std::span<const std::uint32_t> rows, double* margins, WorkerPool& pool) {
  const std::size_t blocks = (rows.size() + kBlockRows - 1) / kBlockRows;
  pool.run(blocks, [&](std::size_t block) {
    const std::size_t end = std::min(rows.size(), (block + 1) * kBlockRows);
    for (std::size_t i = block * kBlockRows; i < end; ++i) {
      const auto r = static_cast<Eigen::Index>(rows[i]);
      const std::size_t leaf = tree.leaf_index([&](std::int32_t f) { return features(r, f); });
      margins[rows[i]] += tree.nodes[leaf].value;
    }
  });
}

std::vector<std::uint32_t> all_indices(std::size_t count) {
  std::vector<std::uint32_t> indices(count);
  std::iota(indices.begin(), indices.end(), 0u);
  return indices;
}

}  // namespace

GbdtModel train_gbdt(const Eigen::MatrixXd& features, const Eigen::VectorXi& labels,
                     const GbdtParams& params, const GbdtSchema& schema,
                     const GbdtValidation* validation) {
  validate(params);
  const int classes = params.objective == GbdtObjective::binary_logistic ? 2 : params.num_classes;
  gbdt::check_features(features, "training");
  gbdt::check_labels(labels, features.rows(), classes, "training data");
  if (validation != nullptr) {
    gbdt::check_features(validation->features, "validation");
    if (validation->features.cols() != features.cols()) {
      throw InputError("gbdt validation features have " + std::to_string(validation->features.cols()) +
                       " columns, training features " + std::to_string(features.cols()));
    }
    gbdt::check_labels(validation->labels, validation->features.rows(), classes, "validation data");
  }
  const auto row_count = static_cast<std::size_t>(features.rows());
  const auto feature_count = static_cast<std::size_t>(features.cols());
  std::vector<std::string> feature_names =
      gbdt::names_or_default(schema.feature_names, feature_count, "f", "feature");
  std::vector<std::string> class_names =
      gbdt::names_or_default(schema.class_names, static_cast<std::size_t>(classes), "", "class");

  WorkerPool pool(static_cast<std::size_t>(params.num_threads));
  const std::uint64_t cut_seed = SeededRandom::for_stream(params.seed, kCutStream).next_u64();
  const gbdt::BinnedMatrix binned(
      features, gbdt::compute_feature_cuts(features, params.max_bin, cut_seed, pool), pool);

  const std::size_t outputs = output_count(params);
  const std::vector<double> base = gbdt::base_margin(params.objective, outputs, labels);
  const Eigen::RowVectorXd base_row = Eigen::Map<const Eigen::RowVectorXd>(base.data(), static_cast<Eigen::Index>(outputs));
  Eigen::MatrixXd margins = base_row.replicate(features.rows(), 1);
  Eigen::MatrixXd validation_margins;
  std::vector<std::uint32_t> validation_rows;
  if (validation != nullptr) {
    validation_margins = base_row.replicate(validation->features.rows(), 1);
    validation_rows = all_indices(static_cast<std::size_t>(validation->features.rows()));
  }

  std::vector<std::vector<GradientPair>> gradients(outputs, std::vector<GradientPair>(row_count));
  gbdt::TreeGrower grower(binned, pool,
                          {params.max_depth, params.learning_rate,
                           {params.lambda, params.min_child_weight, params.gamma}});
  const std::vector<std::uint32_t> every_feature = all_indices(feature_count);
  RowSample sample{all_indices(row_count), {}};

  std::vector<GbdtTree> trees;
  nlohmann::json validation_losses = nlohmann::json::array();
  double best_loss = std::numeric_limits<double>::infinity();
  std::size_t best_round = 0;
  for (std::size_t round = 0; round < static_cast<std::size_t>(params.num_rounds); ++round) {
    gbdt::compute_gradients(params.objective, margins, labels, gradients, pool);
    for (std::size_t k = 0; k < outputs; ++k) {
      SeededRandom random = SeededRandom::for_stream(params.seed, trees.size() + 1);
      const std::vector<std::uint32_t> tree_features =
          params.colsample_bytree < 1 ? sample_features(random, feature_count, params.colsample_bytree)
                                      : every_feature;
      if (params.subsample < 1) sample_rows(random, row_count, params.subsample, sample);
      GbdtTree tree = grower.grow(gradients[k], sample.rows, tree_features);

      // The rows the tree was grown on are already sorted into its leaves.
      double* output_margins = margins.col(static_cast<Eigen::Index>(k)).data();
      const std::vector<gbdt::LeafRows>& leaves = grower.leaf_rows();
      pool.run(leaves.size(), [&](std::size_t l) {
        const double value = tree.nodes[leaves[l].node].value;
        for (std::uint32_t row : leaves[l].rows) output_margins[row] += value;
      });
      add_tree_to_margins(tree, features, sample.skipped, output_margins, pool);
      if (validation != nullptr) {
        add_tree_to_margins(tree, validation->features, validation_rows,
                            validation_margins.col(static_cast<Eigen::Index>(k)).data(), pool);
      }
      trees.push_back(std::move(tree));
    }
    if (validation == nullptr) continue;
    const double loss = gbdt::mean_loss(params.objective, validation_margins, validation->labels);
    validation_losses.push_back(loss);
    if (loss < best_loss) {
      best_loss = loss;
      best_round = round;
    } else if (params.early_stopping_rounds > 0 &&
               round - best_round >= static_cast<std::size_t>(params.early_stopping_rounds)) {
      break;
    }
  }

  nlohmann::json metadata = {{"params", to_json(params)}, {"training_rows", row_count}};
  if (validation != nullptr) {
    if (params.early_stopping_rounds > 0) trees.resize((best_round + 1) * outputs);
    metadata["validation_rows"] = validation->features.rows();
    metadata["validation_loss"] = validation_losses;
    metadata["best_round"] = best_round;
  }
  metadata["rounds"] = trees.size() / outputs;
  return GbdtModel(params.objective, std::move(feature_names), std::move(class_names), base,
                   std::move(trees), std::move(metadata));
}

}  // namespace sonic::ml
