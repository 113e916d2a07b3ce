#pragma once
// The two ways the hit model is judged. A stratified random split keeps the hit share in both
// halves, but lets one artist's tracks sit on both sides, and an artist's sound predicts their
// hits; so a grouped temporal split is always reported beside it: the latest period is the test,
// the earlier periods train, and no artist is on both sides (a training row sharing any artist
// with a test row is left out).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sonic::catalog {

struct HitSplit {
  std::string name;                // "random", "temporal"
  std::vector<std::size_t> train;  // row indexes, increasing
  std::vector<std::size_t> test;
  std::int64_t left_out = 0;  // rows in neither (temporal: an artist of the test, or no period)
  int test_period = 0;        // temporal only: the latest period
};

// The artists of a cell: a Python list as the 1.2M-track set writes it ("['A', "B's"]") or one
// name; trimmed and lower-cased, so "Queen" and "queen " are one artist. Empty for an empty cell.
std::vector<std::string> artist_names(std::string_view cell);

// A quarter (rounded) of each class's rows to the test, by the seed. Labels 0/1.
HitSplit stratified_random_split(const std::vector<int>& labels, std::uint64_t seed);

// `periods`: a year or decade per row, 0 for unknown (left out). InputError when fewer than
// two periods are known.
HitSplit grouped_temporal_split(const std::vector<int>& periods, const std::vector<std::string>& artists);

}  // namespace sonic::catalog
