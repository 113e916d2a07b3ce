// Catalog trends against hand-computed medians and quartiles (numpy's linear interpolation).
#include "sonic/catalog/trends.hpp"

#include <gtest/gtest.h>

#include <random>

#include <cmath>

#include "sonic/core/error.hpp"

namespace sonic::catalog {
namespace {

records::CatalogTable table_of(const std::vector<int>& years, const std::vector<double>& energy) {
  records::CatalogTable table;
  for (std::size_t i = 0; i < years.size(); ++i) {
    table.years.push_back(years[i]);
    table.decades.push_back(years[i] / 10 * 10);
    records::CatalogFeatureValues values;
    values.fill(records::kMissingValue);
    values[records::catalog_feature_index("energy")] = energy[i];
    table.features.push_back(values);
  }
  return table;
}

TEST(LinearQuantile, MatchesNumpysDefault) {
  // numpy.quantile([1, 2, 3, 4], [.25, .5, .75]) = [1.75, 2.5, 3.25]
  std::vector<double> values{4, 1, 3, 2};
  EXPECT_DOUBLE_EQ(linear_quantile(values, 0.25), 1.75);
  EXPECT_DOUBLE_EQ(linear_quantile(values, 0.5), 2.5);
  EXPECT_DOUBLE_EQ(linear_quantile(values, 0.75), 3.25);
  std::vector<double> one{7};
  EXPECT_DOUBLE_EQ(linear_quantile(one, 0.25), 7);
  std::vector<double> none;
  EXPECT_TRUE(std::isnan(linear_quantile(none, 0.5)));
}

TEST(LinearQuartiles, EqualTheThreeQuantilesTakenOneByOne) {
  // Sizes 1 to 40, with ties (values from a small set) and without, shuffled by a seeded generator.
  std::mt19937_64 random(7);
  for (std::size_t n = 1; n <= 40; ++n) {
    for (const int distinct : {3, 1000}) {
      std::vector<double> values(n);
      for (double& value : values) value = static_cast<double>(random() % static_cast<std::uint64_t>(distinct)) / 7;
      std::vector<double> one_by_one = values;
      const double q1 = linear_quantile(one_by_one, 0.25), median = linear_quantile(one_by_one, 0.5),
                   q3 = linear_quantile(one_by_one, 0.75);
      const Quartiles quartiles = linear_quartiles(values);
      EXPECT_DOUBLE_EQ(quartiles.q1, q1) << "n " << n;
      EXPECT_DOUBLE_EQ(quartiles.median, median) << "n " << n;
      EXPECT_DOUBLE_EQ(quartiles.q3, q3) << "n " << n;
    }
  }
  std::vector<double> none;
  EXPECT_TRUE(std::isnan(linear_quartiles(none).median));
}

TEST(Trends, MedianAndIqrPerDecadeWithSmallPeriodsMarked) {
  // 1990s: energy 0.1 0.2 0.3 0.4 0.5 (median 0.3, q1 0.2, q3 0.4); 2000s: 0.9 and a missing
  // value; a track without a year.
  const auto table = table_of({1991, 1995, 1999, 1990, 1993, 2001, 2002, 0},
                              {0.5, 0.1, 0.3, 0.2, 0.4, 0.9, records::kMissingValue, 0.7});
  TrendOptions options;
  options.features = {"energy"};
  options.min_tracks = 3;
  const TrendsResult trends = compute_trends(table, options);
  ASSERT_EQ(trends.periods.size(), 2u);
  EXPECT_EQ(trends.tracks_without_period, 1);
  const TrendRow& nineties = trends.periods[0];
  EXPECT_EQ(nineties.period, 1990);
  EXPECT_EQ(nineties.tracks, 5);
  EXPECT_FALSE(nineties.small);
  EXPECT_DOUBLE_EQ(nineties.features[0].median, 0.3);
  EXPECT_DOUBLE_EQ(nineties.features[0].q1, 0.2);
  EXPECT_DOUBLE_EQ(nineties.features[0].q3, 0.4);
  const TrendRow& noughties = trends.periods[1];
  EXPECT_EQ(noughties.tracks, 2);
  EXPECT_TRUE(noughties.small);  // marked, not hidden
  EXPECT_EQ(noughties.features[0].count, 1);
  EXPECT_DOUBLE_EQ(noughties.features[0].median, 0.9);

  options.by = TrendPeriod::year;
  EXPECT_EQ(compute_trends(table, options).periods.size(), 7u);
  const auto json = to_json(compute_trends(table, {TrendPeriod::decade, {"energy"}, 3}));
  EXPECT_DOUBLE_EQ(json["periods"][0]["features"]["energy"]["iqr"].get<double>(), 0.4 - 0.2);
}

TEST(TrendColumns, RowsHandedOverInBlocksInAnyOrderGiveTheWholeTablesTrends) {
  // 1,000 seeded rows over six decades (every tenth without a year, some values missing), handed
  // over in blocks of 97 from the last block to the first: the store's chunks arrive so.
  std::mt19937_64 random(11);
  std::vector<int> years;
  std::vector<double> energy;
  for (int i = 0; i < 1000; ++i) {
    years.push_back(i % 10 == 0 ? 0 : 1960 + static_cast<int>(random() % 60));
    energy.push_back(i % 13 == 0 ? records::kMissingValue : static_cast<double>(random() % 500) / 499);
  }
  const records::CatalogTable table = table_of(years, energy);
  for (const TrendPeriod by : {TrendPeriod::decade, TrendPeriod::year}) {
    const TrendOptions options{by, {"energy", "tempo"}, 30};
    TrendColumns columns(by == TrendPeriod::year ? table.years : table.decades, options);
    constexpr std::size_t kBlock = 97;
    for (std::size_t first = (table.size() - 1) / kBlock * kBlock;; first -= kBlock) {
      const std::size_t count = std::min(kBlock, table.size() - first);
      columns.add(first, std::span(table.features).subspan(first, count));
      if (first == 0) break;
    }
    const nlohmann::json in_blocks = to_json(columns.finish());
    EXPECT_EQ(in_blocks, to_json(compute_trends(table, options)));
    // And the whole table's figures are the ones each period's values give one by one.
    for (const auto& period : in_blocks["periods"]) {
      std::vector<double> values;
      for (std::size_t row = 0; row < table.size(); ++row) {
        const int of_row = by == TrendPeriod::year ? table.years[row] : table.decades[row];
        if (of_row == period["period"].get<int>() && !std::isnan(energy[row])) values.push_back(energy[row]);
      }
      EXPECT_EQ(period["features"]["energy"]["count"].get<std::size_t>(), values.size());
      EXPECT_DOUBLE_EQ(period["features"]["energy"]["median"].get<double>(), linear_quantile(values, 0.5));
      EXPECT_TRUE(period["features"]["tempo"]["median"].is_null());  // no tempo anywhere
    }
  }
}

TEST(Trends, AnUnknownFeatureIsNamed) {
  TrendOptions options;
  options.features = {"loudnes"};
  try {
    compute_trends(table_of({1990}, {0.1}), options);
    FAIL();
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("unknown feature 'loudnes'"), std::string::npos);
  }
}

}  // namespace
}  // namespace sonic::catalog
