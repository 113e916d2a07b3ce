#pragma once
// K-fold cross-validation folds that keep each class's share in every fold (scikit-learn's
// StratifiedKFold with shuffle): each class's rows are shuffled by the seed and dealt round the
// folds in turn, so fold sizes differ by at most one per class.
#include <cstdint>
#include <span>
#include <vector>

namespace sonic::ml {

// The fold (0..folds-1) of each row. Labels in [0, classes). InvalidArgument when folds < 2 or more
// than the rows.
std::vector<int> stratified_fold_ids(std::span<const int> labels, int classes, int folds, std::uint64_t seed);

}  // namespace sonic::ml
