#include "ml/kmeans/elbow.hpp"

#include <algorithm>
#include <string>

#include "sonic/core/error.hpp"

namespace sonic::ml {

std::optional<std::size_t> elbow_index(std::span<const double> x, std::span<const double> y) {
  if (x.size() != y.size()) {
    throw InputError("elbow: " + std::to_string(x.size()) + " x values but " + std::to_string(y.size()) + " y values");
  }
  if (x.size() < 3 || !(x.back() > x.front())) return std::nullopt;
  const auto [low, high] = std::minmax_element(y.begin(), y.end());
  if (!(*high > *low)) return std::nullopt;
  const double x_span = x.back() - x.front(), y_span = *high - *low;
  const double y_low = *low;  // clang 14 cannot capture a structured binding in a lambda
  const auto scaled_y = [&](std::size_t i) { return (y[i] - y_low) / y_span; };
  const double chord_start = scaled_y(0), chord_rise = scaled_y(y.size() - 1) - chord_start;

  // Distance below the chord, measured vertically: the chord is one straight line, so this ranks
  // the points exactly as the perpendicular distance does.
  // Points within a rounding error of the chord (a straight line computed in floating point)
  // are on it, not below it.
  std::optional<std::size_t> elbow;
  double deepest = 1e-9;
  for (std::size_t i = 1; i + 1 < x.size(); ++i) {
    const double along = (x[i] - x.front()) / x_span;
    const double below = chord_start + chord_rise * along - scaled_y(i);
    if (below > deepest) {
      deepest = below;
      elbow = i;
    }
  }
  return elbow;
}

}  // namespace sonic::ml
