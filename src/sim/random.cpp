#include "sonic/sim/random.hpp"

#include <stdexcept>

namespace sonic::sim {
namespace {

// SplitMix64's finaliser: turns (seed, stream) pairs that differ in one bit into unrelated seeds.
std::uint64_t mix(std::uint64_t value) {
  value += 0x9e3779b97f4a7c15ULL;
  value = (value ^ (value >> 30)) * 0xbf58476d1ce4e5b9ULL;
  value = (value ^ (value >> 27)) * 0x94d049bb133111ebULL;
  return value ^ (value >> 31);
}

}  // namespace

SeededRandom SeededRandom::for_stream(std::uint64_t seed, std::uint64_t stream) {
  return SeededRandom(mix(mix(seed) ^ stream));
}

double SeededRandom::uniform() {
  return static_cast<double>(next_u64() >> 11) * 0x1.0p-53;
}

double SeededRandom::uniform(double low, double high) { return low + (high - low) * uniform(); }

std::int64_t SeededRandom::integer(std::int64_t low, std::int64_t high) {
  if (high < low) throw std::invalid_argument("SeededRandom::integer: high < low");
  const auto range = static_cast<std::uint64_t>(high - low) + 1;
  // A range of 2^64 wraps to 0: every value is fair game. Otherwise the modulo bias is below
  // range / 2^64, far under anything a test of this data could notice.
  const std::uint64_t offset = range == 0 ? next_u64() : next_u64() % range;
  return low + static_cast<std::int64_t>(offset);
}

bool SeededRandom::chance(double probability) { return uniform() < probability; }

double SeededRandom::bell(double mean, double spread) {
  double sum = 0.0;
  for (int i = 0; i < 12; ++i) sum += uniform();
  return mean + spread * (sum - 6.0);
}

std::size_t SeededRandom::weighted_index(std::span<const double> weights) {
  double total = 0.0;
  for (double weight : weights) total += weight;
  if (weights.empty() || !(total > 0.0)) {
    throw std::invalid_argument("SeededRandom::weighted_index: no positive weight");
  }
  double point = uniform() * total;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (point < weights[i]) return i;
    point -= weights[i];
  }
  // Rounding can leave `point` a hair above the last weight: give it to the last positive one.
  for (std::size_t i = weights.size(); i-- > 0;) {
    if (weights[i] > 0.0) return i;
  }
  return weights.size() - 1;
}

std::size_t SeededRandom::favouring_front(std::size_t count) {
  if (count == 0) throw std::invalid_argument("SeededRandom::favouring_front: empty range");
  // u² piles up near 0: the first tenth of the range gets about a third of the draws.
  const double u = uniform();
  const auto index = static_cast<std::size_t>(u * u * static_cast<double>(count));
  return index < count ? index : count - 1;
}

}  // namespace sonic::sim
