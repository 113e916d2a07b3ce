#include "sonic/ml/data/stratified_folds.hpp"

#include "sonic/core/random.hpp"
#include "sonic/ml/common/invalid_argument.hpp"

namespace sonic::ml {

std::vector<int> stratified_fold_ids(std::span<const int> labels, int classes, int folds, std::uint64_t seed) {
  if (folds < 2 || static_cast<std::size_t>(folds) > labels.size()) {
    throw InvalidArgument("cross-validation needs between 2 and " + std::to_string(labels.size()) +
                          " folds (one row each at least), not " + std::to_string(folds));
  }
  std::vector<std::vector<std::size_t>> by_class(static_cast<std::size_t>(classes));
  for (std::size_t row = 0; row < labels.size(); ++row) by_class[static_cast<std::size_t>(labels[row])].push_back(row);
  std::vector<int> fold_of(labels.size(), 0);
  int next_fold = 0;  // continue dealing where the last class stopped, so fold sizes stay even
  for (std::size_t c = 0; c < by_class.size(); ++c) {
    auto random = SeededRandom::for_stream(seed, c);
    random.shuffle(std::span<std::size_t>(by_class[c]));
    for (const auto row : by_class[c]) {
      fold_of[row] = next_fold;
      next_fold = (next_fold + 1) % folds;
    }
  }
  return fold_of;
}

}  // namespace sonic::ml
