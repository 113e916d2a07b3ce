#include "ml/gbdt/histogram.hpp"

#include <algorithm>
#include <stdexcept>

namespace sonic::ml::gbdt {
namespace {

// Deep nodes hold scattered rows, so each code read would wait on memory: the hardware cannot
// guess indirect addresses, so they are prefetched this many rows ahead.
constexpr std::size_t kPrefetchDistance = 32;

struct AllRows {
  std::uint32_t operator[](std::size_t i) const { return static_cast<std::uint32_t>(i); }
  static constexpr bool scattered = false;
};

struct ListedRows {
  const std::uint32_t* rows;
  std::uint32_t operator[](std::size_t i) const { return rows[i]; }
  static constexpr bool scattered = true;
};

template <std::size_t Features, typename Rows>
void accumulate(const FeatureHistogram* features, Rows rows, const GradientPair* gradients, std::size_t count) {
  const std::uint8_t* codes[Features];
  GradientSum* slots[Features];
  for (std::size_t f = 0; f < Features; ++f) {
    codes[f] = features[f].codes;
    slots[f] = features[f].slots.data();
    std::fill(features[f].slots.begin(), features[f].slots.end(), GradientSum{});
  }
  // One row's gradient pair into the bin of each feature.
  const auto add_row = [&](std::size_t i) {
    const std::uint32_t row = rows[i];
    const double grad = gradients[i].grad;
    const double hess = gradients[i].hess;
    for (std::size_t f = 0; f < Features; ++f) {
      GradientSum& sum = slots[f][codes[f][row]];
      sum.grad += grad;
      sum.hess += hess;
    }
  };
  std::size_t i = 0;
  if constexpr (Rows::scattered) {
    for (; i + kPrefetchDistance < count; ++i) {
      const std::uint32_t ahead = rows[i + kPrefetchDistance];
      for (std::size_t f = 0; f < Features; ++f) __builtin_prefetch(codes[f] + ahead);
      add_row(i);
    }
  }
  for (; i < count; ++i) add_row(i);
}

template <typename Rows>
void dispatch(std::span<const FeatureHistogram> features, Rows rows, std::span<const GradientPair> gradients) {
  const GradientPair* pairs = gradients.data();
  const std::size_t count = gradients.size();
  switch (features.size()) {
    case 0:
      return;
    case 1:
      return accumulate<1>(features.data(), rows, pairs, count);
    case 2:
      return accumulate<2>(features.data(), rows, pairs, count);
    case 3:
      return accumulate<3>(features.data(), rows, pairs, count);
    case 4:
      return accumulate<4>(features.data(), rows, pairs, count);
    default:
      throw std::logic_error("build_histograms: more features than one pass takes");
  }
}

}  // namespace

void build_histograms(std::span<const FeatureHistogram> features, std::span<const std::uint32_t> rows,
                      std::span<const GradientPair> gradients) {
  dispatch(features, ListedRows{rows.data()}, gradients.first(rows.size()));
}

void build_histograms_all_rows(std::span<const FeatureHistogram> features, std::span<const GradientPair> gradients) {
  dispatch(features, AllRows{}, gradients);
}

void subtract_histogram(std::span<GradientSum> parent, std::span<const GradientSum> child) {
  for (std::size_t i = 0; i < parent.size(); ++i) parent[i] -= child[i];
}

}  // namespace sonic::ml::gbdt
