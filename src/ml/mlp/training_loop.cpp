#include "ml/mlp/training_loop.hpp"

#include "ml/common/thread_pool.hpp"
#include "ml/mlp/loss.hpp"
#include "ml/mlp/pass.hpp"
#include "sonic/core/error.hpp"
#include "sonic/core/random.hpp"
#include "sonic/ml/mlp/adam.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>
#include <span>
#include <string>

namespace sonic::ml {
namespace {

// Samples per block of work. Fixed, never derived from the thread count: every block's gradient
// is computed on its own and the blocks are summed in order, so the weights come out the same
// however many threads share the blocks.
constexpr Eigen::Index kBlockSamples = 128;
// Parameters per block of the optimiser step (summing block gradients, weight decay, Adam).
constexpr Eigen::Index kUpdateBlock = 16384;

Eigen::Index block_count(Eigen::Index items, Eigen::Index per_block) { return (items + per_block - 1) / per_block; }

// Independent sub-seeds for the random choices of one run.
enum class Stream : std::uint64_t { initialization, shuffling, dropout };
std::uint64_t stream_seed(std::uint64_t seed, Stream stream) {
  return SeededRandom::for_stream(seed, static_cast<std::uint64_t>(stream)).next_u64();
}

struct Evaluation {
  double loss = 0;
  std::optional<double> accuracy;
};

class TrainingLoop {
 public:
  TrainingLoop(const MlpArchitecture& architecture, const MlpOptions& options, Eigen::Index training_samples)
      : architecture_(architecture),
        options_(options),
        pool_(options.threads),
        max_blocks_(block_count(std::min(options.batch_size, training_samples), kBlockSamples)),
        block_gradients_(static_cast<std::size_t>(max_blocks_), MlpParameters<float>(architecture)),
        block_losses_(static_cast<std::size_t>(max_blocks_)),
        parameters_(initialized_parameters(architecture, options.initialization,
                                           stream_seed(options.seed, Stream::initialization))),
        optimizer_(architecture.parameter_count(), options.adam),
        shuffle_seed_(stream_seed(options.seed, Stream::shuffling)),
        dropout_seed_(stream_seed(options.seed, Stream::dropout)) {
    for (int thread = 0; thread < pool_.threads(); ++thread) scratch_.emplace_back(architecture);
  }

  MlpLoopResult run(const MlpColumns& training, const MlpColumns* validation);

 private:
  double train_epoch(const MlpColumns& training, int epoch);
  double train_batch(const MlpColumns& training, std::span<const Eigen::Index> batch);
  void update(Eigen::Index blocks);
  Evaluation evaluate(const MlpColumns& data);

  // What each thread reuses from block to block.
  struct Scratch {
    explicit Scratch(const MlpArchitecture& architecture)
        : pass(architecture, kBlockSamples),
          inputs(architecture.inputs(), kBlockSamples),
          targets(architecture.outputs(), kBlockSamples) {}
    MlpPass<float> pass;
    Eigen::MatrixXf inputs;  // the block's samples, gathered from the shuffled order
    Eigen::MatrixXf targets;
  };

  const MlpArchitecture& architecture_;
  const MlpOptions& options_;
  ThreadPool pool_;
  Eigen::Index max_blocks_;
  std::vector<Scratch> scratch_;
  std::vector<MlpParameters<float>> block_gradients_;
  std::vector<double> block_losses_;
  MlpParameters<float> parameters_;
  AdamOptimizer optimizer_;
  std::uint64_t shuffle_seed_;
  std::uint64_t dropout_seed_;
  std::uint64_t step_ = 0;
  std::vector<Eigen::Index> order_;
};

MlpLoopResult TrainingLoop::run(const MlpColumns& training, const MlpColumns* validation) {
  std::vector<MlpEpoch> history;
  double best_loss = std::numeric_limits<double>::infinity();
  int best_epoch = 0;
  Eigen::VectorXf best_values;
  int epochs_since_best = 0;
  for (int epoch = 1; epoch <= options_.epochs; ++epoch) {
    MlpEpoch record;
    record.epoch = epoch;
    record.train_loss = train_epoch(training, epoch);
    if (!std::isfinite(record.train_loss)) {
      throw InputError("MLP training diverged in epoch " + std::to_string(epoch) +
                       " (the loss is not finite): try a lower learning rate or standardised inputs");
    }
    bool stop = false;
    if (validation != nullptr) {
      const auto scores = evaluate(*validation);
      record.validation_loss = scores.loss;
      record.validation_accuracy = scores.accuracy;
      if (scores.loss < best_loss) {
        best_loss = scores.loss;
        best_epoch = epoch;
        best_values = parameters_.values();
        epochs_since_best = 0;
      } else {
        stop = options_.patience > 0 && ++epochs_since_best >= options_.patience;
      }
    }
    history.push_back(record);
    if (stop) break;
  }
  if (best_epoch > 0) {
    parameters_.values() = best_values;
  } else {
    best_epoch = static_cast<int>(history.size());
  }
  return MlpLoopResult{parameters_, std::move(history), best_epoch};
}

double TrainingLoop::train_epoch(const MlpColumns& training, int epoch) {
  order_.resize(static_cast<std::size_t>(training.samples()));
  std::iota(order_.begin(), order_.end(), Eigen::Index{0});
  SeededRandom::for_stream(shuffle_seed_, static_cast<std::uint64_t>(epoch)).shuffle(std::span(order_));
  double loss = 0;
  const auto batch_size = static_cast<std::size_t>(options_.batch_size);
  for (std::size_t start = 0; start < order_.size(); start += batch_size) {
    loss += train_batch(training, std::span(order_).subspan(start, std::min(batch_size, order_.size() - start)));
  }
  return loss / static_cast<double>(training.samples());
}

double TrainingLoop::train_batch(const MlpColumns& training, std::span<const Eigen::Index> batch) {
  ++step_;
  const auto samples = static_cast<Eigen::Index>(batch.size());
  const auto blocks = block_count(samples, kBlockSamples);
  const float mean_scale = 1.0f / static_cast<float>(samples);  // the batch loss is a mean
  pool_.run(static_cast<std::size_t>(blocks), [&](std::size_t block, int thread) {
    auto& scratch = scratch_[static_cast<std::size_t>(thread)];
    const Eigen::Index first = static_cast<Eigen::Index>(block) * kBlockSamples;
    const Eigen::Index count = std::min(kBlockSamples, samples - first);
    for (Eigen::Index j = 0; j < count; ++j) {
      const auto sample = batch[static_cast<std::size_t>(first + j)];
      scratch.inputs.col(j) = training.inputs.col(sample);
      scratch.targets.col(j) = training.targets.col(sample);
    }
    // Each block's dropout masks come from a stream of their own, whichever thread draws them.
    std::optional<SeededRandom> random;
    if (options_.dropout > 0) {
      random = SeededRandom::for_stream(
          dropout_seed_, step_ * static_cast<std::uint64_t>(max_blocks_) + static_cast<std::uint64_t>(block));
    }
    block_losses_[block] = scratch.pass.loss_and_gradient(
        parameters_, scratch.inputs.leftCols(count), scratch.targets.leftCols(count), mean_scale,
        Dropout{options_.dropout, random ? &*random : nullptr}, block_gradients_[block]);
  });
  update(blocks);
  double loss = 0;
  for (Eigen::Index block = 0; block < blocks; ++block) loss += block_losses_[static_cast<std::size_t>(block)];
  return loss;
}

void TrainingLoop::update(Eigen::Index blocks) {
  optimizer_.next_step();
  const auto parameters = architecture_.parameter_count();
  pool_.run(static_cast<std::size_t>(block_count(parameters, kUpdateBlock)), [&](std::size_t chunk) {
    const Eigen::Index begin = static_cast<Eigen::Index>(chunk) * kUpdateBlock;
    const Eigen::Index end = std::min(parameters, begin + kUpdateBlock);
    auto& gradient = block_gradients_.front();
    for (Eigen::Index block = 1; block < blocks; ++block) {
      gradient.values().segment(begin, end - begin) +=
          block_gradients_[static_cast<std::size_t>(block)].values().segment(begin, end - begin);
    }
    add_weight_decay_gradient(parameters_, options_.l2, begin, end, gradient);
    optimizer_.update(begin, end, parameters_.values(), gradient.values());
  });
}

Evaluation TrainingLoop::evaluate(const MlpColumns& data) {
  const auto blocks = static_cast<std::size_t>(block_count(data.samples(), kBlockSamples));
  std::vector<double> losses(blocks);
  std::vector<Eigen::Index> correct(blocks);
  const bool classifier = architecture_.output() == MlpOutput::softmax;
  pool_.run(blocks, [&](std::size_t block, int thread) {
    auto& pass = scratch_[static_cast<std::size_t>(thread)].pass;
    const Eigen::Index first = static_cast<Eigen::Index>(block) * kBlockSamples;
    const Eigen::Index count = std::min(kBlockSamples, data.samples() - first);
    const auto outputs = pass.forward(parameters_, data.inputs.middleCols(first, count));
    losses[block] = output_loss<float>(architecture_.output(), pass.logits(), data.targets.middleCols(first, count));
    if (!classifier) return;
    for (Eigen::Index j = 0; j < count; ++j) {
      Eigen::Index predicted = 0;
      outputs.col(j).maxCoeff(&predicted);
      correct[block] += predicted == data.labels(first + j) ? 1 : 0;
    }
  });
  const auto samples = static_cast<double>(data.samples());
  Evaluation result;
  result.loss = std::accumulate(losses.begin(), losses.end(), 0.0) / samples;
  if (classifier) {
    result.accuracy = static_cast<double>(std::accumulate(correct.begin(), correct.end(), Eigen::Index{0})) / samples;
  }
  return result;
}

}  // namespace

MlpLoopResult run_mlp_training(const MlpArchitecture& architecture, const MlpColumns& training,
                               const MlpColumns* validation, const MlpOptions& options) {
  TrainingLoop loop(architecture, options, training.samples());
  return loop.run(training, validation);
}

}  // namespace sonic::ml
