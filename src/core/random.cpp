#include "sonic/core/random.hpp"

#include <cmath>
#include <numbers>

namespace sonic {

SeededRandom SeededRandom::for_stream(std::uint64_t seed, std::uint64_t stream) {
  // SplitMix64 finaliser over (seed, stream): nearby streams get unrelated engine seeds.
  std::uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (stream + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return SeededRandom(z ^ (z >> 31));
}

double SeededRandom::uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

double SeededRandom::uniform(double low, double high) { return low + (high - low) * uniform(); }

std::int64_t SeededRandom::integer(std::int64_t low, std::int64_t high) {
  const auto span = static_cast<std::uint64_t>(high - low) + 1;
  if (span == 0) return static_cast<std::int64_t>(engine_());  // the whole 64-bit range
  // Rejection sampling: no modulo bias.
  const std::uint64_t limit = UINT64_MAX - UINT64_MAX % span;
  std::uint64_t draw = engine_();
  while (draw >= limit) draw = engine_();
  return low + static_cast<std::int64_t>(draw % span);
}

double SeededRandom::normal() {
  if (has_spare_normal_) {
    has_spare_normal_ = false;
    return spare_normal_;
  }
  double u1 = uniform();
  while (u1 <= 0.0) u1 = uniform();
  const double u2 = uniform();
  const double radius = std::sqrt(-2.0 * std::log(u1));
  const double angle = 2.0 * std::numbers::pi * u2;
  spare_normal_ = radius * std::sin(angle);
  has_spare_normal_ = true;
  return radius * std::cos(angle);
}

double SeededRandom::bell(double mean, double spread) {
  double sum = 0;
  for (int i = 0; i < 12; ++i) sum += uniform();
  return mean + (sum - 6.0) * spread;
}

std::size_t SeededRandom::weighted_index(std::span<const double> weights) {
  double total = 0;
  for (double weight : weights) total += weight;
  double target = uniform() * total;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (target < weights[i]) return i;
    target -= weights[i];
  }
  // Rounding can leave target a hair above the last weight: take the last non-zero one.
  for (std::size_t i = weights.size(); i > 0; --i) {
    if (weights[i - 1] > 0) return i - 1;
  }
  return 0;
}

}  // namespace sonic
