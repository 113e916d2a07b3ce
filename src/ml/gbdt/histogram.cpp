#include "sonic/ml/gbdt/histogram.hpp"

#include <algorithm>

namespace sonic::ml::gbdt {

void build_histogram(const std::uint8_t* codes, std::span<const std::uint32_t> rows,
                     std::span<const GradientPair> ordered_gradients,
                     std::span<GradientSum> slots) {
  std::fill(slots.begin(), slots.end(), GradientSum{});
  GradientSum* out = slots.data();
  const GradientPair* gradients = ordered_gradients.data();
  const std::uint32_t* row = rows.data();
  const std::size_t count = rows.size();
  // Deep nodes hold scattered rows, so each code read would wait on memory: the hardware cannot
  // guess indirect addresses, so they are prefetched a few dozen rows ahead.
  constexpr std::size_t kPrefetchDistance = 32;
  const std::size_t prefetched = count > kPrefetchDistance ? count - kPrefetchDistance : 0;
  std::size_t i = 0;
  for (; i < prefetched; ++i) {
    __builtin_prefetch(codes + row[i + kPrefetchDistance]);
    out[codes[row[i]]] += gradients[i];
  }
  for (; i < count; ++i) out[codes[row[i]]] += gradients[i];
}

void build_histogram_all_rows(const std::uint8_t* codes,
                              std::span<const GradientPair> gradients,
                              std::span<GradientSum> slots) {
  std::fill(slots.begin(), slots.end(), GradientSum{});
  GradientSum* out = slots.data();
  const GradientPair* pairs = gradients.data();
  const std::size_t count = gradients.size();
  for (std::size_t i = 0; i < count; ++i) out[codes[i]] += pairs[i];
}

void subtract_histogram(std::span<GradientSum> parent, std::span<const GradientSum> child) {
  for (std::size_t i = 0; i < parent.size(); ++i) parent[i] -= child[i];
}

}  // namespace sonic::ml::gbdt
