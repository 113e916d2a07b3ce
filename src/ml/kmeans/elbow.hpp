#pragma once
// The elbow of a falling curve, by the "kneedle" idea (Satopää et al., 2011): scale both axes to
// [0, 1], draw the chord from the first point to the last, and take the point farthest below it —
// where the curve stops falling steeply and starts falling slowly. On an inertia-per-K curve that
// is the K after which more clusters stop paying for themselves.
#include <cstddef>
#include <optional>
#include <span>

namespace sonic::ml {

// `x` increasing, `y` the same length. The index of the elbow among the interior points, or
// nothing when there is none: fewer than three points, a flat curve, or no point below the chord.
// Equally far points go to the first.
std::optional<std::size_t> elbow_index(std::span<const double> x, std::span<const double> y);

}  // namespace sonic::ml
