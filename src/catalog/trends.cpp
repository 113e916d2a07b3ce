#include "sonic/catalog/trends.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "sonic/core/error.hpp"

namespace sonic::catalog {

std::string_view trend_period_name(TrendPeriod period) { return period == TrendPeriod::year ? "year" : "decade"; }

double linear_quantile(std::span<double> values, double q) {
  if (values.empty()) return records::kMissingValue;
  const double position = q * static_cast<double>(values.size() - 1);
  const auto lower = static_cast<std::size_t>(std::floor(position));
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(lower), values.end());
  const double low = values[lower];
  if (lower + 1 >= values.size()) return low;
  // The next order statistic is the smallest value above position `lower`.
  const double high = *std::min_element(values.begin() + static_cast<std::ptrdiff_t>(lower) + 1, values.end());
  return low + (position - static_cast<double>(lower)) * (high - low);
}

Quartiles linear_quartiles(std::span<double> values) {
  if (values.empty()) return {records::kMissingValue, records::kMissingValue, records::kMissingValue};
  const std::size_t n = values.size();
  const auto at = [&](std::size_t index) { return values.begin() + static_cast<std::ptrdiff_t>(index); };
  const auto interpolate = [](double position, std::size_t lower, double low, double high) {
    return low + (position - static_cast<double>(lower)) * (high - low);
  };
  const double median_position = 0.5 * static_cast<double>(n - 1);
  const auto k2 = static_cast<std::size_t>(median_position);
  std::nth_element(at(0), at(k2), at(n));
  // Everything after k2 is at least values[k2]; the smallest of it is the next order statistic.
  const double after_median = k2 + 1 < n ? *std::min_element(at(k2 + 1), at(n)) : values[k2];
  Quartiles quartiles{0, interpolate(median_position, k2, values[k2], after_median), 0};

  const double q1_position = 0.25 * static_cast<double>(n - 1);
  const auto k1 = static_cast<std::size_t>(q1_position);
  if (k1 == k2) {
    quartiles.q1 = interpolate(q1_position, k1, values[k2], after_median);
  } else {  // k1 < k2: select within the values before the median's place
    std::nth_element(at(0), at(k1), at(k2));
    quartiles.q1 = interpolate(q1_position, k1, values[k1], *std::min_element(at(k1 + 1), at(k2 + 1)));
  }
  const double q3_position = 0.75 * static_cast<double>(n - 1);
  const auto k3 = static_cast<std::size_t>(q3_position);
  if (k3 == k2) {
    quartiles.q3 = interpolate(q3_position, k3, values[k2], after_median);
  } else {  // k3 > k2: select within the values after it
    std::nth_element(at(k2 + 1), at(k3), at(n));
    quartiles.q3 =
        interpolate(q3_position, k3, values[k3], k3 + 1 < n ? *std::min_element(at(k3 + 1), at(n)) : values[k3]);
  }
  return quartiles;
}

std::vector<std::size_t> catalog_feature_indexes(const std::vector<std::string>& names) {
  std::vector<std::size_t> indexes;
  if (names.empty()) {
    for (std::size_t i = 0; i < records::kCatalogFeatureCount; ++i) indexes.push_back(i);
    return indexes;
  }
  for (const std::string& name : names) {
    const std::size_t index = records::catalog_feature_index(name);
    if (index == records::kCatalogFeatureCount) {
      std::string known;
      for (const auto feature : records::kCatalogFeatureNames)
        known += (known.empty() ? "" : ", ") + std::string(feature);
      throw InputError("unknown feature '" + name + "'; the features are: " + known);
    }
    indexes.push_back(index);
  }
  return indexes;
}

TrendsResult compute_trends(const records::CatalogTable& table, const TrendOptions& options) {
  TrendColumns columns(options.by == TrendPeriod::year ? table.years : table.decades, options);
  columns.add(0, table.features);
  return columns.finish();
}

TrendColumns::TrendColumns(const std::vector<int>& periods, const TrendOptions& options)
    : options_(options), feature_indexes_(catalog_feature_indexes(options.features)) {
  // A counting sort of the rows by period: each row's place is its period's start plus the
  // rows of that period before it, so a period's values land side by side in file order.
  std::map<int, std::size_t> tracks_by_period;
  for (const int period : periods) {
    if (period == 0) {
      ++tracks_without_period_;
    } else {
      ++tracks_by_period[period];
    }
  }
  std::map<int, std::uint32_t> slot_of_period;
  period_start_.push_back(0);
  for (const auto& [period, tracks] : tracks_by_period) {
    slot_of_period[period] = static_cast<std::uint32_t>(periods_.size());
    periods_.push_back(period);
    period_start_.push_back(period_start_.back() + tracks);
  }
  std::vector<std::size_t> next(period_start_.begin(), period_start_.end() - 1);
  place_.resize(periods.size(), kNoPeriod);
  int last_period = 0;
  std::uint32_t last_slot = 0;
  for (std::size_t row = 0; row < periods.size(); ++row) {
    if (periods[row] == 0) continue;
    if (periods[row] != last_period) {  // neighbouring rows often share a period: skip the map
      last_period = periods[row];
      last_slot = slot_of_period[last_period];
    }
    place_[row] = static_cast<std::uint32_t>(next[last_slot]++);
  }
  columns_.assign(feature_indexes_.size(), std::vector<double>(period_start_.back()));
}

void TrendColumns::add(std::size_t first_row, std::span<const records::CatalogFeatureValues> rows) {
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::uint32_t place = place_[first_row + i];
    if (place == kNoPeriod) continue;
    for (std::size_t f = 0; f < feature_indexes_.size(); ++f) columns_[f][place] = rows[i][feature_indexes_[f]];
  }
}

TrendsResult TrendColumns::finish() {
  TrendsResult result;
  result.by = options_.by;
  result.min_tracks = options_.min_tracks;
  result.tracks_without_period = tracks_without_period_;
  for (const std::size_t index : feature_indexes_) result.features.emplace_back(records::kCatalogFeatureNames[index]);
  for (std::size_t slot = 0; slot < periods_.size(); ++slot) {
    TrendRow& out = result.periods.emplace_back();
    out.period = periods_[slot];
    out.tracks = static_cast<std::int64_t>(period_start_[slot + 1] - period_start_[slot]);
    out.small = out.tracks < options_.min_tracks;
    for (std::vector<double>& column : columns_) {
      const auto begin = column.begin() + static_cast<std::ptrdiff_t>(period_start_[slot]);
      const auto end = std::remove_if(begin, column.begin() + static_cast<std::ptrdiff_t>(period_start_[slot + 1]),
                                      [](double value) { return std::isnan(value); });
      FeatureSpread spread;
      spread.count = end - begin;
      const Quartiles quartiles = linear_quartiles(std::span<double>(begin, end));
      spread.q1 = quartiles.q1;
      spread.median = quartiles.median;
      spread.q3 = quartiles.q3;
      out.features.push_back(spread);
    }
  }
  return result;
}

namespace {

nlohmann::json number_or_null(double value) { return std::isnan(value) ? nlohmann::json() : nlohmann::json(value); }

std::string fixed(double value, int decimals) {
  if (std::isnan(value)) return "-";
  char text[48];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

int decimals_for(std::string_view feature) {
  return feature == "duration_ms" ? 0 : feature == "tempo" || feature == "loudness" ? 1 : 3;
}

}  // namespace

nlohmann::json to_json(const TrendsResult& result) {
  nlohmann::json periods = nlohmann::json::array();
  for (const TrendRow& row : result.periods) {
    nlohmann::json features = nlohmann::json::object();
    for (std::size_t i = 0; i < result.features.size(); ++i) {
      const FeatureSpread& spread = row.features[i];
      features[result.features[i]] = {{"count", spread.count},
                                      {"q1", number_or_null(spread.q1)},
                                      {"median", number_or_null(spread.median)},
                                      {"q3", number_or_null(spread.q3)},
                                      {"iqr", number_or_null(spread.q3 - spread.q1)}};
    }
    periods.push_back({{"period", row.period}, {"tracks", row.tracks}, {"small", row.small}, {"features", features}});
  }
  return {{"catalog", result.catalog},
          {"by", trend_period_name(result.by)},
          {"min_tracks", result.min_tracks},
          {"features", result.features},
          {"tracks_without_period", result.tracks_without_period},
          {"periods", periods}};
}

std::string to_text(const TrendsResult& result) {
  std::string text = "catalog " + result.catalog + ": median [q1 .. q3] by " +
                     std::string(trend_period_name(result.by)) + "; * = fewer than " +
                     std::to_string(result.min_tracks) + " tracks\n";
  for (std::size_t i = 0; i < result.features.size(); ++i) {
    const std::string& feature = result.features[i];
    const int decimals = decimals_for(feature);
    text += feature + "\n";
    for (const TrendRow& row : result.periods) {
      const FeatureSpread& spread = row.features[i];
      char line[160];
      std::snprintf(line, sizeof line, "  %d%s %8lld tracks  %s [%s .. %s]\n", row.period, row.small ? "*" : " ",
                    static_cast<long long>(row.tracks), fixed(spread.median, decimals).c_str(),
                    fixed(spread.q1, decimals).c_str(), fixed(spread.q3, decimals).c_str());
      text += line;
    }
  }
  if (result.tracks_without_period > 0) {
    text += std::to_string(result.tracks_without_period) + " tracks have no " +
            std::string(trend_period_name(result.by)) + "\n";
  }
  return text;
}

}  // namespace sonic::catalog
