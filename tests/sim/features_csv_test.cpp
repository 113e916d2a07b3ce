#include "sonic/sim/features_csv.hpp"

#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "sim_fixtures.hpp"
#include "support/temp_dir.hpp"

namespace sonic::sim {
namespace {

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream stream(text);
  while (std::getline(stream, part, separator)) parts.push_back(part);
  return parts;
}

TEST(FeaturesCsv, HeaderIsExactlyAsSpecified) {
  sonic::testing::TempDir dir;
  write_features_csv(testing::default_year(), dir / "features.csv");
  const auto lines = split(sonic::testing::read_file(dir / "features.csv"), '\n');
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0],
            "id,danceability,energy,key,loudness,mode,speechiness,acousticness,instrumentalness,"
            "liveness,valence,tempo");
}

TEST(FeaturesCsv, EveryCatalogTrackIsThereWithItsExactFeatures) {
  const Catalog& catalog = testing::default_year().catalog;
  std::map<std::string, const AudioFeatures*> expected;
  for (const auto& track : catalog.tracks) expected[track.id] = &track.features;

  const std::string csv = render_features_csv(catalog);
  ASSERT_EQ(csv.back(), '\n');
  const auto lines = split(csv, '\n');
  ASSERT_EQ(lines.size(), catalog.tracks.size() + 1);
  std::size_t seen = 0;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const auto fields = split(lines[i], ',');
    ASSERT_EQ(fields.size(), 12u) << lines[i];
    ASSERT_TRUE(expected.count(fields[0])) << fields[0];
    const AudioFeatures& f = *expected.at(fields[0]);
    EXPECT_EQ(std::stod(fields[1]), f.danceability);
    EXPECT_EQ(std::stod(fields[2]), f.energy);
    EXPECT_EQ(std::stoi(fields[3]), f.key);
    EXPECT_EQ(std::stod(fields[4]), f.loudness);
    EXPECT_EQ(std::stoi(fields[5]), f.mode);
    EXPECT_EQ(std::stod(fields[6]), f.speechiness);
    EXPECT_EQ(std::stod(fields[7]), f.acousticness);
    EXPECT_EQ(std::stod(fields[8]), f.instrumentalness);
    EXPECT_EQ(std::stod(fields[9]), f.liveness);
    EXPECT_EQ(std::stod(fields[10]), f.valence);
    EXPECT_EQ(std::stod(fields[11]), f.tempo);
    EXPECT_LE(fields[11].size(), 7u) << "three decimals at most: " << fields[11];
    ++seen;
  }
  EXPECT_EQ(seen, expected.size());
}

TEST(FeaturesCsv, SameSeedSameFileAndNoTemporaryLeft) {
  sonic::testing::TempDir dir;
  write_features_csv(testing::default_year(), dir / "a.csv");
  write_features_csv(simulate_listener(), dir / "b.csv");
  EXPECT_EQ(sonic::testing::read_file(dir / "a.csv"), sonic::testing::read_file(dir / "b.csv"));
  int files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path())) ++files;
  EXPECT_EQ(files, 2);
}

}  // namespace
}  // namespace sonic::sim
