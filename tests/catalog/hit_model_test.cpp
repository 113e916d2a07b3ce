// The hit model's guards and promises: the grouped temporal split puts no artist on both sides,
// the leak guard refuses label-derived and identifying inputs, and an explanation's
// contributions sum to the margin.
#include "sonic/catalog/hit_model.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "sonic/catalog/leak_guard.hpp"
#include "sonic/core/error.hpp"
#include "sonic/core/random.hpp"

namespace sonic::catalog {
namespace {

TEST(ArtistNames, ReadsListsAndSingleNames) {
  EXPECT_EQ(artist_names("['Queen', \"Guns N' Roses\"]"), (std::vector<std::string>{"queen", "guns n' roses"}));
  EXPECT_EQ(artist_names(" Queen "), (std::vector<std::string>{"queen"}));
  EXPECT_TRUE(artist_names("").empty());
}

TEST(GroupedTemporalSplit, NoArtistIsOnBothSides) {
  // Decades 1990 (train) and 2000 (test); "b" plays in both, "a & c" shares c with the test.
  const std::vector<int> periods{1990, 1990, 1990, 1990, 2000, 2000, 0};
  const std::vector<std::string> artists{"a", "B", "['a', 'c']", "d", "b", "['C']", "e"};
  const HitSplit split = grouped_temporal_split(periods, artists);
  EXPECT_EQ(split.test_period, 2000);
  EXPECT_EQ(split.test, (std::vector<std::size_t>{4, 5}));
  EXPECT_EQ(split.train, (std::vector<std::size_t>{0, 3}));
  EXPECT_EQ(split.left_out, 3);  // B, a & c, and the track without a period
  std::set<std::string> train_artists;
  for (const std::size_t row : split.train) {
    for (const auto& name : artist_names(artists[row])) train_artists.insert(name);
  }
  for (const std::size_t row : split.test) {
    for (const auto& name : artist_names(artists[row])) EXPECT_FALSE(train_artists.contains(name)) << name;
  }
  EXPECT_THROW(grouped_temporal_split({1990, 1990}, {"a", "b"}), InputError);
}

TEST(GroupedTemporalSplit, HoldsOnALargeRandomCatalog) {
  SeededRandom random(7);
  std::vector<int> periods;
  std::vector<std::string> artists;
  for (int i = 0; i < 3000; ++i) {
    periods.push_back(1960 + 10 * static_cast<int>(random.integer(0, 5)));
    artists.push_back("['a" + std::to_string(random.integer(0, 20000)) + "', 'a" +
                      std::to_string(random.integer(0, 20000)) + "']");
  }
  const HitSplit split = grouped_temporal_split(periods, artists);
  std::set<std::string> test_artists;
  for (const std::size_t row : split.test) {
    EXPECT_EQ(periods[row], 2010);
    for (const auto& name : artist_names(artists[row])) test_artists.insert(name);
  }
  ASSERT_FALSE(split.train.empty());
  for (const std::size_t row : split.train) {
    EXPECT_LT(periods[row], 2010);
    for (const auto& name : artist_names(artists[row])) EXPECT_FALSE(test_artists.contains(name)) << name;
  }
}

records::CatalogTable labelled_table(int rows) {
  SeededRandom random(3);
  records::CatalogTable table;
  table.extra_names = {"target_copy", "is_hit", "chorus_hit"};
  table.extra_values.resize(3);
  for (int i = 0; i < rows; ++i) {
    records::CatalogFeatureValues values;
    for (double& value : values) value = random.uniform(0, 1);
    const int label = values[1] + 0.3 * random.uniform(0, 1) > 0.6 ? 1 : 0;  // danceability drives it
    table.features.push_back(values);
    table.labels.push_back(label);
    table.years.push_back(0);
    table.decades.push_back(1960 + 10 * (i % 4));
    table.artists.push_back("artist " + std::to_string(i % 400));
    table.extra_values[0].push_back(label);
    table.extra_values[1].push_back(label ? 5.0 + random.uniform(0, 1) : random.uniform(0, 1));
    table.extra_values[2].push_back(random.uniform(0, 60));
  }
  return table;
}

std::string refusal(const std::vector<std::string>& inputs) {
  try {
    build_hit_data(labelled_table(400), {"target", 1.0, std::nullopt}, inputs, false);
  } catch (const InputError& error) {
    return error.what();
  }
  return "accepted";
}

TEST(LeakGuard, RefusesIdentifiersNamesAndLabelDerivedInputs) {
  EXPECT_EQ(refusal({"energy", "target_copy"}),
            "'target_copy' cannot be an input of the hit model: it is derived from the label 'target'");
  EXPECT_EQ(refusal({"is_hit"}).substr(0, 62), "'is_hit' cannot be an input of the hit model: its values alone");
  EXPECT_NE(refusal({"uri"}).find("it identifies"), std::string::npos);
  EXPECT_NE(refusal({"artist"}).find("it names"), std::string::npos);
  EXPECT_EQ(refusal({"energy", "chorus_hit"}), "accepted");
  EXPECT_TRUE(leak_by_name("track_popularity", "popularity").has_value());
  EXPECT_FALSE(leak_by_name("danceability", "target").has_value());
}

TEST(HitModel, ExplanationsSumToTheMarginAndTheSplitsAreBothReported) {
  const HitData data = build_hit_data(labelled_table(1200), {"target", 1.0, std::nullopt}, {}, false);
  HitTrainingOptions options;
  options.gbdt.num_rounds = 20;
  options.threads = 1;
  const HitTraining training = train_hit_model(data, options);
  ASSERT_EQ(training.splits.size(), 2u);
  EXPECT_EQ(training.splits[0].split, "random");
  EXPECT_EQ(training.splits[1].split, "temporal");
  EXPECT_EQ(training.splits[1].test_period, 1990);
  EXPECT_EQ(training.splits[0].models.size(), 3u);  // gbdt, logistic, duration + loudness
  // Danceability decides the label: the model finds it, the baseline on noise does not.
  EXPECT_GT(training.splits[0].models[0].roc_auc, 0.85);
  EXPECT_LT(training.splits[0].models[2].roc_auc, 0.65);
  EXPECT_EQ(training.importance.front().input, "danceability");

  std::vector<double> row(data.input_names.size());
  for (std::size_t i = 0; i < row.size(); ++i) row[i] = data.inputs(5, static_cast<Eigen::Index>(i));
  row[3] = records::kMissingValue;
  const HitExplanation explanation = explain_hit(training.model, row);
  double sum = explanation.bias;
  for (const auto& item : explanation.contributions) sum += item.contribution;
  EXPECT_NEAR(sum, explanation.margin, 1e-9);
  EXPECT_NEAR(1 / (1 + std::exp(-explanation.margin)), explanation.probability, 1e-9);
  const auto words = contributions_in_words(explanation, 2);
  ASSERT_EQ(words.size(), 2u);
  EXPECT_TRUE(words[0].starts_with("danceability ")) << words[0];
}

}  // namespace
}  // namespace sonic::catalog
