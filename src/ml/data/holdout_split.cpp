#include "ml/data/holdout_split.hpp"

#include "sonic/core/random.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <span>
#include <utility>

namespace sonic::ml {
namespace {

// How many of `count` rows to hold out: rounded, at least one if asked for any, never all.
std::size_t holdout_size(std::size_t count, double fraction) {
  if (fraction <= 0 || count < 2) return 0;
  const auto wanted = static_cast<std::size_t>(std::llround(fraction * static_cast<double>(count)));
  return std::clamp<std::size_t>(wanted, 1, count - 1);
}

// Moves a seeded random `fraction` of `rows` into split.held_out and the rest into split.kept.
void hold_out(std::vector<Eigen::Index> rows, double fraction, SeededRandom random, HoldoutSplit& split) {
  random.shuffle(std::span<Eigen::Index>(rows));
  const auto held = static_cast<std::ptrdiff_t>(holdout_size(rows.size(), fraction));
  split.held_out.insert(split.held_out.end(), rows.begin(), rows.begin() + held);
  split.kept.insert(split.kept.end(), rows.begin() + held, rows.end());
}

void sort_parts(HoldoutSplit& split) {
  std::sort(split.kept.begin(), split.kept.end());
  std::sort(split.held_out.begin(), split.held_out.end());
}

}  // namespace

HoldoutSplit random_holdout(Eigen::Index rows, double fraction, std::uint64_t seed) {
  std::vector<Eigen::Index> all(static_cast<std::size_t>(rows));
  std::iota(all.begin(), all.end(), Eigen::Index{0});
  HoldoutSplit split;
  hold_out(std::move(all), fraction, SeededRandom(seed), split);
  sort_parts(split);
  return split;
}

HoldoutSplit stratified_holdout(std::span<const int> labels, int classes, double fraction, std::uint64_t seed) {
  std::vector<std::vector<Eigen::Index>> rows_of_class(static_cast<std::size_t>(classes));
  for (std::size_t row = 0; row < labels.size(); ++row) {
    rows_of_class[static_cast<std::size_t>(labels[row])].push_back(static_cast<Eigen::Index>(row));
  }
  HoldoutSplit split;
  for (std::size_t label = 0; label < rows_of_class.size(); ++label) {
    hold_out(std::move(rows_of_class[label]), fraction, SeededRandom::for_stream(seed, label), split);
  }
  sort_parts(split);
  return split;
}

}  // namespace sonic::ml
