#pragma once
// sonic's one source of randomness: every random choice (k-means++ seeds, weight init, batches,
// row and column subsampling, the simulated listener) takes a seed and goes through this, so the
// same data and seed give the same model. std::mt19937_64's output is fixed by the standard but
// the std:: distributions are not, so every transform here is our own arithmetic on the raw
// 64-bit output.
#include <cstddef>
#include <cstdint>
#include <random>
#include <span>
#include <utility>

namespace sonic {

class SeededRandom {
 public:
  explicit SeededRandom(std::uint64_t seed) : engine_(seed) {}

  // An independent generator for one part of a computation (one restart, one tree, one
  // epoch…), so that how much one part draws leaves the others' numbers unchanged.
  static SeededRandom for_stream(std::uint64_t seed, std::uint64_t stream);

  std::uint64_t next_u64() { return engine_(); }

  double uniform();                                           // [0, 1), 53 random bits
  double uniform(double low, double high);                    // [low, high)
  std::int64_t integer(std::int64_t low, std::int64_t high);  // inclusive on both ends
  std::size_t below(std::size_t count) {                      // [0, count)
    return static_cast<std::size_t>(integer(0, static_cast<std::int64_t>(count) - 1));
  }
  bool chance(double probability) { return uniform() < probability; }

  // Standard normal (Box-Muller). Uses libm's log and cos: identical on one platform, which is
  // what reproducible training needs.
  double normal();
  // Bell-shaped around `mean` (Irwin-Hall: the sum of twelve uniforms), no libm at all.
  double bell(double mean, double spread);

  // An index drawn in proportion to non-negative weights (not all zero).
  std::size_t weighted_index(std::span<const double> weights);

  // Fisher-Yates with our own index draws (std::shuffle's order is not portable).
  template <typename T>
  void shuffle(std::span<T> items) {
    for (std::size_t i = items.size(); i > 1; --i) {
      std::swap(items[i - 1], items[below(i)]);
    }
  }

 private:
  std::mt19937_64 engine_;
  bool has_spare_normal_ = false;
  double spare_normal_ = 0;
};

}  // namespace sonic
