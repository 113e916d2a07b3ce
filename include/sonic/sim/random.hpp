#pragma once
// The simulator's only source of randomness. std::mt19937_64's output is fixed by the standard,
// but the std:: distributions are not (libstdc++ and libc++ give different numbers for the same
// engine), so every transform here is our own plain arithmetic on the raw 64-bit output and the
// same seed gives the same data with any compiler. No libm calls either (log, cos, ...), whose
// last bits may differ between C libraries.
#include <cstddef>
#include <cstdint>
#include <random>
#include <span>
#include <utility>

namespace sonic::sim {

class SeededRandom {
 public:
  explicit SeededRandom(std::uint64_t seed) : engine_(seed) {}

  // An independent generator for one part of the simulation (catalog, listening, ...), so that
  // changing how much one part draws leaves the others' numbers unchanged.
  static SeededRandom for_stream(std::uint64_t seed, std::uint64_t stream);

  std::uint64_t next_u64() { return engine_(); }

  double uniform();                             // [0, 1), 53 random bits
  double uniform(double low, double high);      // [low, high)
  std::int64_t integer(std::int64_t low, std::int64_t high);  // inclusive on both ends
  bool chance(double probability);

  // Bell-shaped around `mean` with standard deviation `spread`, bounded by ±6 spreads
  // (Irwin-Hall: the sum of twelve uniforms), which is all a plausible fake needs.
  double bell(double mean, double spread);

  // An index drawn in proportion to non-negative weights (not all zero).
  std::size_t weighted_index(std::span<const double> weights);

  // An index in [0, count) that favours the front: a listener's favourites get more plays.
  std::size_t favouring_front(std::size_t count);

  // Fisher-Yates with our own index draws (std::shuffle's order is not portable).
  template <typename T>
  void shuffle(std::span<T> items) {
    for (std::size_t i = items.size(); i > 1; --i) {
      const auto j = static_cast<std::size_t>(integer(0, static_cast<std::int64_t>(i) - 1));
      std::swap(items[i - 1], items[j]);
    }
  }

 private:
  std::mt19937_64 engine_;
};

}  // namespace sonic::sim
