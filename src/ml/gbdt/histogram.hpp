#pragma once
// Gradient histograms: for one node and one feature, the sums of the node's gradient pairs per
// bin code. Split finding needs nothing else, and the bins are few where the rows are many.
//
// Histograms are built a few features at a time: one pass over a node's rows loads each row
// index and gradient pair once and feeds several features' sums, whose updates do not wait on
// each other. (Measured: four features per pass run about twice as fast as one.)
#include <cstddef>
#include <cstdint>
#include <span>

#include "ml/gbdt/gradient_pair.hpp"

namespace sonic::ml::gbdt {

inline constexpr std::size_t kMaxFeaturesPerPass = 4;

// One feature's part of a pass: its column of bin codes and the slots its sums go to.
struct FeatureHistogram {
  const std::uint8_t* codes;
  std::span<GradientSum> slots;
};

// For each feature f: f.slots[code] = sum of gradients[i] over i with f.codes[rows[i]] == code.
// The gradients are in the order of `rows` (the row partition keeps them so), so the only
// scattered reads are the byte codes. Sums run in the order of `rows`: they do not depend on
// threads. At most kMaxFeaturesPerPass features.
void build_histograms(std::span<const FeatureHistogram> features, std::span<const std::uint32_t> rows,
                      std::span<const GradientPair> gradients);

// The same over every row, 0..gradients.size()-1, when a node holds them all.
void build_histograms_all_rows(std::span<const FeatureHistogram> features, std::span<const GradientPair> gradients);

// The sibling trick: a parent's histogram minus its smaller child's is its larger child's, so
// only the smaller child's rows are ever read. Turns `parent` into that sibling in place.
void subtract_histogram(std::span<GradientSum> parent, std::span<const GradientSum> child);

}  // namespace sonic::ml::gbdt
