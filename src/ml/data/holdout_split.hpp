#pragma once
// Holding rows out of training, e.g. for early stopping: which rows is decided by the seed
// alone, and both parts list their rows in their original order.
#include <Eigen/Core>

#include <cstdint>
#include <span>
#include <vector>

namespace sonic::ml {

struct HoldoutSplit {
  std::vector<Eigen::Index> kept;  // rows to train on
  std::vector<Eigen::Index> held_out;
};

// round(fraction × rows) rows held out at random, at least one when fraction > 0 and there are
// two rows or more.
HoldoutSplit random_holdout(Eigen::Index rows, double fraction, std::uint64_t seed);

// The same within each class (labels in [0, classes)), so the held-out rows keep the class
// balance of the whole: a small data set can otherwise leave a class out of one side. A class
// with a single row keeps it for training.
HoldoutSplit stratified_holdout(std::span<const int> labels, int classes, double fraction, std::uint64_t seed);

}  // namespace sonic::ml
