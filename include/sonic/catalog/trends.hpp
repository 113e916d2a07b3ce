#pragma once
// How a catalog's sound changed: per year or decade, each feature's median and interquartile
// range (quartiles as numpy's default linear interpolation computes them) and the number of
// tracks. Periods with fewer tracks than `min_tracks` are marked small, never hidden: a reader
// should see that 1921 holds twelve tracks rather than wonder where it went.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "sonic/records/catalog_track.hpp"

namespace sonic::catalog {

enum class TrendPeriod { year, decade };
std::string_view trend_period_name(TrendPeriod period);  // "year", "decade"

struct TrendOptions {
  TrendPeriod by = TrendPeriod::decade;
  std::vector<std::string> features;  // names of records::kCatalogFeatureNames; empty: all thirteen
  std::int64_t min_tracks = 30;
};

struct FeatureSpread {
  std::int64_t count = 0;  // tracks of the period that give this feature
  double q1 = 0;           // NaN when count is 0
  double median = 0;
  double q3 = 0;
};

struct TrendRow {
  int period = 0;  // the year, or the decade's first year
  std::int64_t tracks = 0;
  bool small = false;                   // fewer than min_tracks
  std::vector<FeatureSpread> features;  // as TrendsResult::features
};

struct TrendsResult {
  std::string catalog;
  TrendPeriod by = TrendPeriod::decade;
  std::int64_t min_tracks = 0;
  std::vector<std::string> features;
  std::vector<TrendRow> periods;  // oldest first
  std::int64_t tracks_without_period = 0;
};

// InputError naming an unknown feature (and the known ones).
TrendsResult compute_trends(const records::CatalogTable& table, const TrendOptions& options);

// The same trends from rows handed over a block at a time (the store reads a catalog's feature
// chunks one by one, so no table of every row need be held). Each asked feature's values are
// placed period by period into one column as they arrive, so every (period, feature) is one
// contiguous slice whose quartiles are selected in place: no gathering through a row index per
// feature, and memory for the asked features only.
class TrendColumns {
 public:
  // periods[row]: each row's year or decade as options.by says (0: unknown, counted apart).
  // InputError naming an unknown feature.
  TrendColumns(const std::vector<int>& periods, const TrendOptions& options);
  // Rows first_row … first_row + rows.size() - 1 of the catalog, each row once.
  void add(std::size_t first_row, std::span<const records::CatalogFeatureValues> rows);
  // Call once, after every row was added.
  TrendsResult finish();

 private:
  static constexpr std::uint32_t kNoPeriod = UINT32_MAX;
  TrendOptions options_;
  std::vector<std::size_t> feature_indexes_;
  std::vector<int> periods_;                  // the distinct periods, oldest first
  std::vector<std::size_t> period_start_;     // where each period's slice begins (and one past the end)
  std::vector<std::uint32_t> place_;          // each row's place in the columns; kNoPeriod without one
  std::vector<std::vector<double>> columns_;  // one per asked feature
  std::int64_t tracks_without_period_ = 0;
};

// The q-quantile (0..1) of `values` by linear interpolation between order statistics (numpy's
// default); reorders `values`. NaN when empty.
double linear_quantile(std::span<double> values, double q);

// The 25th, 50th and 75th percentiles the same way, in about the time of one selection: the
// median's selection splits the values, then q1 and q3 are selected within their halves.
struct Quartiles {
  double q1, median, q3;
};
Quartiles linear_quartiles(std::span<double> values);

// Feature indexes of names (empty: all thirteen); InputError for an unknown name.
std::vector<std::size_t> catalog_feature_indexes(const std::vector<std::string>& names);

nlohmann::json to_json(const TrendsResult& result);
std::string to_text(const TrendsResult& result);

}  // namespace sonic::catalog
