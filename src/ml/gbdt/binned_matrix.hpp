#pragma once
// The training features as bin codes: one byte per value, stored feature by feature so that
// building one feature's histogram reads one contiguous column.
#include <Eigen/Dense>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "ml/common/thread_pool.hpp"
#include "ml/gbdt/quantile_cuts.hpp"

namespace sonic::ml::gbdt {

// Code of one value: the bin it falls in, or the bin count (the missing-value code) for NaN.
std::uint8_t bin_code(const std::vector<double>& upper_edges, double value);
// The same for `count` values at once, faster per value.
void bin_codes(const std::vector<double>& upper_edges, const double* values, std::size_t count, std::uint8_t* codes);

class BinnedMatrix {
 public:
  // `features` must hold only finite values and NaN, and `cuts` must come from compute_feature_cuts
  // on the same columns.
  BinnedMatrix(const Eigen::MatrixXd& features, FeatureCuts cuts, ThreadPool& pool);

  std::size_t row_count() const { return rows_; }
  std::size_t feature_count() const { return cuts_.upper_edges.size(); }
  const FeatureCuts& cuts() const { return cuts_; }

  const std::uint8_t* column(std::size_t feature) const { return codes_.data() + feature * rows_; }
  std::size_t bin_count(std::size_t feature) const { return cuts_.upper_edges[feature].size(); }
  double upper_edge(std::size_t feature, std::size_t bin) const { return cuts_.upper_edges[feature][bin]; }

  // Histogram layout: a slot per bin, then one for missing values if the feature has any.
  std::size_t slot_count(std::size_t feature) const { return slot_offsets_[feature + 1] - slot_offsets_[feature]; }
  std::size_t slot_offset(std::size_t feature) const { return slot_offsets_[feature]; }
  std::size_t total_slots() const { return slot_offsets_.back(); }

 private:
  std::size_t rows_;
  FeatureCuts cuts_;
  std::vector<std::size_t> slot_offsets_;
  std::vector<std::uint8_t> codes_;  // feature-major: codes_[feature * rows_ + row]
};

}  // namespace sonic::ml::gbdt
