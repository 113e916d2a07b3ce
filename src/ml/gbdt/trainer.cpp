#include "sonic/ml/gbdt/trainer.hpp"

#include <algorithm>
#include <limits>
#include <span>

#include "ml/common/thread_pool.hpp"
#include "ml/gbdt/binned_matrix.hpp"
#include "ml/gbdt/objective.hpp"
#include "ml/gbdt/quantile_cuts.hpp"
#include "ml/gbdt/training_input.hpp"
#include "ml/gbdt/tree_grower.hpp"
#include "ml/gbdt/tree_sample.hpp"
#include "sonic/core/random.hpp"
#include "sonic/ml/common/invalid_argument.hpp"

namespace sonic::ml {
namespace {

using gbdt::GradientPair;

constexpr std::size_t kBlockRows = 1 << 14;

// Seeded stream 0 places the bin cuts; stream t + 1 makes tree t's row and column choices.
constexpr std::uint64_t kCutStream = 0;

// Adds a tree's value for each of `rows` (walked on raw values) to their margins of one output.
void add_tree_to_margins(const GbdtTree& tree, const Eigen::MatrixXd& features, std::span<const std::uint32_t> rows,
                         double* margins, ThreadPool& pool) {
  const std::size_t blocks = (rows.size() + kBlockRows - 1) / kBlockRows;
  pool.run(blocks, [&](std::size_t block) {
    const std::size_t end = std::min(rows.size(), (block + 1) * kBlockRows);
    for (std::size_t i = block * kBlockRows; i < end; ++i) {
      const auto r = static_cast<Eigen::Index>(rows[i]);
      margins[rows[i]] += tree.nodes[tree.leaf_index([&](std::int32_t f) { return features(r, f); })].value;
    }
  });
}

// Rows held out of training: their margins follow the trees, and their loss decides when to
// stop and which round to keep.
class ValidationTracker {
 public:
  ValidationTracker(const GbdtValidation& validation, const Eigen::RowVectorXd& base)
      : validation_(validation),
        margins_(base.replicate(validation.features.rows(), 1)),
        rows_(gbdt::all_indices(static_cast<std::size_t>(validation.features.rows()))) {}

  void add_tree(const GbdtTree& tree, std::size_t output, ThreadPool& pool) {
    add_tree_to_margins(tree, validation_.features, rows_, margins_.col(static_cast<Eigen::Index>(output)).data(),
                        pool);
  }

  // Records the loss after `round`; true when it is the best so far.
  bool record(GbdtObjective objective, std::size_t round) {
    const double loss = gbdt::mean_loss(objective, margins_, validation_.labels);
    losses_.push_back(loss);
    if (loss >= best_loss_) return false;
    best_loss_ = loss;
    best_round_ = round;
    return true;
  }

  std::size_t best_round() const { return best_round_; }
  const std::vector<double>& losses() const { return losses_; }

 private:
  const GbdtValidation& validation_;
  Eigen::MatrixXd margins_;
  std::vector<std::uint32_t> rows_;
  std::vector<double> losses_;
  double best_loss_ = std::numeric_limits<double>::infinity();
  std::size_t best_round_ = 0;
};

class Booster {
 public:
  Booster(const Eigen::MatrixXd& features, const Eigen::VectorXi& labels, const GbdtParams& params,
          const Eigen::VectorXd* weights)
      : features_(features),
        weights_(weights),
        labels_(labels),
        params_(params),
        outputs_(output_count(params)),
        pool_(params.num_threads),
        binned_(features,
                gbdt::compute_feature_cuts(features, params.max_bin,
                                           SeededRandom::for_stream(params.seed, kCutStream).next_u64(), pool_),
                pool_),
        grower_(binned_, pool_,
                {params.max_depth, params.learning_rate, {params.lambda, params.min_child_weight, params.gamma}}),
        base_(gbdt::base_margin(params.objective, outputs_, labels)),
        margins_(base_row().replicate(features.rows(), 1)),
        gradients_(outputs_, std::vector<GradientPair>(static_cast<std::size_t>(features.rows()))),
        every_feature_(gbdt::all_indices(static_cast<std::size_t>(features.cols()))),
        sample_{gbdt::all_indices(static_cast<std::size_t>(features.rows())), {}} {}

  Eigen::RowVectorXd base_row() const {
    return Eigen::Map<const Eigen::RowVectorXd>(base_.data(), static_cast<Eigen::Index>(outputs_));
  }

  // One round: gradients at the current margins, then one tree per output.
  void run_round(ValidationTracker* validation) {
    gbdt::compute_gradients(params_.objective, margins_, labels_, gradients_, pool_);
    if (weights_ != nullptr) weigh_gradients();
    for (std::size_t k = 0; k < outputs_; ++k) {
      GbdtTree tree = grow_tree(k);
      if (validation != nullptr) validation->add_tree(tree, k, pool_);
      trees_.push_back(std::move(tree));
    }
  }

  void remember_margins() { kept_margins_ = margins_; }

  // The model of the first `rounds` rounds, with the facts of its training.
  GbdtModel finish(std::size_t rounds, std::vector<std::string> feature_names, std::vector<std::string> class_names,
                   nlohmann::json metadata) {
    const bool truncated = rounds * outputs_ < trees_.size();
    trees_.resize(rounds * outputs_);
    metadata["rounds"] = rounds;
    metadata["train_loss"] = gbdt::mean_loss(params_.objective, truncated ? kept_margins_ : margins_, labels_);
    return GbdtModel(params_.objective, std::move(feature_names), std::move(class_names), base_, std::move(trees_),
                     std::move(metadata));
  }

 private:
  GbdtTree grow_tree(std::size_t output) {
    SeededRandom random = SeededRandom::for_stream(params_.seed, trees_.size() + 1);
    const std::vector<std::uint32_t> features =
        params_.colsample_bytree < 1 ? gbdt::sample_features(random, every_feature_.size(), params_.colsample_bytree)
                                     : every_feature_;
    if (params_.subsample < 1) {
      gbdt::sample_rows(random, static_cast<std::size_t>(features_.rows()), params_.subsample, sample_);
    }
    GbdtTree tree = grower_.grow(gradients_[output], sample_.rows, features);

    // The rows the tree was grown on are sorted into its leaves already; the others are walked.
    double* margins = margins_.col(static_cast<Eigen::Index>(output)).data();
    const std::vector<gbdt::LeafRows>& leaves = grower_.leaf_rows();
    pool_.run(leaves.size(), [&](std::size_t l) {
      const double value = tree.nodes[leaves[l].node].value;
      for (std::uint32_t row : leaves[l].rows) margins[row] += value;
    });
    add_tree_to_margins(tree, features_, sample_.skipped, margins, pool_);
    return tree;
  }

  void weigh_gradients() {
    for (auto& pairs : gradients_) {
      for (std::size_t r = 0; r < pairs.size(); ++r) {
        const auto weight = static_cast<float>((*weights_)[static_cast<Eigen::Index>(r)]);
        pairs[r].grad *= weight;
        pairs[r].hess *= weight;
      }
    }
  }

  const Eigen::MatrixXd& features_;
  const Eigen::VectorXd* weights_;
  const Eigen::VectorXi& labels_;
  const GbdtParams& params_;
  const std::size_t outputs_;
  ThreadPool pool_;
  const gbdt::BinnedMatrix binned_;
  gbdt::TreeGrower grower_;
  const std::vector<double> base_;
  Eigen::MatrixXd margins_;                           // rows x outputs, training rows
  Eigen::MatrixXd kept_margins_;                      // the margins at the best validation round
  std::vector<std::vector<GradientPair>> gradients_;  // per output, per row
  const std::vector<std::uint32_t> every_feature_;
  gbdt::RowSample sample_;
  std::vector<GbdtTree> trees_;
};

}  // namespace

GbdtModel train_gbdt(const Eigen::MatrixXd& features, const Eigen::VectorXi& labels, const GbdtParams& params,
                     const GbdtSchema& schema, const GbdtValidation* validation, const Eigen::VectorXd* weights) {
  gbdt::check_training_inputs(features, labels, params, validation ? &validation->features : nullptr,
                              validation ? &validation->labels : nullptr);
  if (weights != nullptr) {
    if (weights->size() != features.rows()) {
      throw InvalidArgument("gbdt: " + std::to_string(weights->size()) + " weights for " +
                            std::to_string(features.rows()) + " rows");
    }
    if (!weights->allFinite() || weights->minCoeff() < 0)
      throw InvalidArgument("gbdt: weights must be finite and >= 0");
  }
  const int classes = params.objective == GbdtObjective::binary_logistic ? 2 : params.num_classes;
  std::vector<std::string> feature_names =
      gbdt::names_or_default(schema.feature_names, static_cast<std::size_t>(features.cols()), "f", "feature");
  std::vector<std::string> class_names =
      gbdt::names_or_default(schema.class_names, static_cast<std::size_t>(classes), "", "class");

  Booster booster(features, labels, params, weights);
  const auto rounds = static_cast<std::size_t>(params.num_rounds);
  const auto patience = static_cast<std::size_t>(params.early_stopping_rounds);
  nlohmann::json metadata = {{"params", to_json(params)}, {"training_rows", features.rows()}};
  if (validation == nullptr) {
    for (std::size_t round = 0; round < rounds; ++round) booster.run_round(nullptr);
    return booster.finish(rounds, std::move(feature_names), std::move(class_names), std::move(metadata));
  }

  ValidationTracker tracker(*validation, booster.base_row());
  std::size_t done = 0;
  while (done < rounds) {
    booster.run_round(&tracker);
    if (tracker.record(params.objective, done) && patience > 0) booster.remember_margins();
    ++done;
    if (patience > 0 && done - 1 - tracker.best_round() >= patience) break;
  }
  metadata["validation_rows"] = validation->features.rows();
  metadata["validation_loss"] = tracker.losses();
  metadata["best_round"] = tracker.best_round();
  const std::size_t kept = patience > 0 ? tracker.best_round() + 1 : done;
  return booster.finish(kept, std::move(feature_names), std::move(class_names), std::move(metadata));
}

}  // namespace sonic::ml
