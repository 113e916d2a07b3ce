#pragma once
// Gradient histograms: for one node and one feature, the sums of the node's gradient pairs per
// bin code. Split finding needs nothing else, and the bins are few where the rows are many.
#include <cstdint>
#include <span>

#include "sonic/ml/gbdt/gradient_pair.hpp"

namespace sonic::ml::gbdt {

// slots[code] = sum of ordered_gradients[i] over i with codes[rows[i]] == code. The gradients are
// in the order of `rows` (the row partition keeps them so), so the only scattered read is the
// byte code. Sums run in the order of `rows`: they do not depend on threads.
void build_histogram(const std::uint8_t* codes, std::span<const std::uint32_t> rows,
                     std::span<const GradientPair> ordered_gradients,
                     std::span<GradientSum> slots);

// The same over every row, 0..gradients.size()-1, when a node holds them all.
void build_histogram_all_rows(const std::uint8_t* codes,
                              std::span<const GradientPair> gradients,
                              std::span<GradientSum> slots);

// The sibling trick: a parent's histogram minus its smaller child's is its larger child's, so
// only the smaller child's rows are ever read. Turns `parent` into that sibling in place.
void subtract_histogram(std::span<GradientSum> parent, std::span<const GradientSum> child);

}  // namespace sonic::ml::gbdt
