// Cold start end to end: a basic export (no Spotify IDs, so no catalog row matches by ID) gets
// moods from catalogs by name. A track named in a catalog takes that row's features (source
// catalog_name_match, confidence 0.8); its artist's other tracks take the mean of the artist's
// catalog songs outside the history (catalog_artist, 0.5); and when no track is named at all the
// clusters are fitted on those means, so the history still gets moods.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>

#include "sonic/store/database.hpp"
#include "support/run_sonic.hpp"
#include "support/temp_dir.hpp"

namespace sonic::testing {
namespace {

struct Assigned {
  std::string source;
  double confidence = 0;
  int cluster = -1;
};

// One session: three songs of Calm, three of Loud, then one of an artist no catalog knows.
constexpr const char* kHistory =
    R"([{"endTime":"2024-05-06 18:04","artistName":"Calm","trackName":"c1","msPlayed":200000},)"
    R"({"endTime":"2024-05-06 18:08","artistName":"Calm","trackName":"c2","msPlayed":200000},)"
    R"({"endTime":"2024-05-06 18:12","artistName":"Calm","trackName":"c3","msPlayed":200000},)"
    R"({"endTime":"2024-05-06 18:16","artistName":"Loud","trackName":"l1","msPlayed":200000},)"
    R"({"endTime":"2024-05-06 18:20","artistName":"Loud","trackName":"l2","msPlayed":200000},)"
    R"({"endTime":"2024-05-06 18:24","artistName":"Loud","trackName":"l3","msPlayed":200000},)"
    R"({"endTime":"2024-05-06 18:28","artistName":"Unknown","trackName":"u1","msPlayed":200000}])";

constexpr const char* kHeader =
    "id,track_name,track_artist,valence,energy,danceability,acousticness,"
    "instrumentalness,tempo\n";
constexpr const char* kNamedRows =
    "1111111111111111111111,C1,Calm,0.1,0.1,0.1,0.9,0.8,70\n"
    "2222222222222222222222,l1,\"Loud, Someone\",0.9,0.9,0.9,0.1,0.0,150\n";
constexpr const char* kOtherSongs =
    "3333333333333333333333,Calm Other,Calm,0.2,0.2,0.2,0.8,0.7,80\n"
    "4444444444444444444444,Loud Other,Loud feat. Someone,0.8,0.8,0.8,0.2,0.1,140\n";

class ColdStartE2e : public ::testing::Test {
 protected:
  void run(const std::string& catalog_rows) {
    const auto history = write_file(home_ / "in" / "StreamingHistory_music_0.json", kHistory);
    ASSERT_EQ(sonic({"import", history.string()}).exit_code, 0);
    const auto catalog = write_file(home_ / "in" / "named.csv", std::string(kHeader) + catalog_rows);
    const auto features = sonic({"import-features", "--json", catalog.string()});
    ASSERT_EQ(features.exit_code, 0) << features.err;
    tally_ = nlohmann::json::parse(features.out);
    const auto clustered = sonic({"cluster", "--k", "2", "--json"});
    ASSERT_EQ(clustered.exit_code, 0) << clustered.err;
    tracks_ = nlohmann::json::parse(clustered.out)["tracks"];
    auto db = store::Database::open_read_only(home_ / "sonic.db");
    auto query = db.prepare(
        "SELECT t.name, c.source, c.confidence, c.cluster FROM track_clusters c JOIN tracks t ON t.id = c.track_id");
    while (query.step()) by_name_[query.text(0)] = {query.text(1), query.real(2), static_cast<int>(query.integer(3))};
  }
  RunResult sonic(std::vector<std::string> args) {
    args.insert(args.begin(), {"--home", home_.path().string()});
    return run_sonic(args);
  }
  TempDir home_;
  nlohmann::json tally_;
  nlohmann::json tracks_;  // cluster --json's counts
  std::map<std::string, Assigned> by_name_;
};

TEST_F(ColdStartE2e, NamedTracksTakeTheirRowAndTheArtistsOtherTracksItsCatalogMean) {
  run(std::string(kNamedRows) + kOtherSongs);
  EXPECT_EQ(tally_["matched"], 0);
  EXPECT_EQ(tally_["matched_by_name"], 2);
  EXPECT_EQ(tally_["tracks_from_catalog_artists"], 4);  // c2, c3, l2, l3
  ASSERT_EQ(by_name_.size(), 7u) << "u1 too, by co-listening";
  EXPECT_EQ(tracks_["clustered"], 2);  // the fit: c1 and l1
  EXPECT_EQ(tracks_["joined_from_catalog_artists"], 4);
  EXPECT_EQ(tracks_["propagated"], 1);
  EXPECT_EQ(by_name_["c1"].source, "catalog_name_match");
  EXPECT_DOUBLE_EQ(by_name_["c1"].confidence, 0.8);
  EXPECT_EQ(by_name_["l1"].source, "catalog_name_match");
  EXPECT_NE(by_name_["c1"].cluster, by_name_["l1"].cluster);
  for (const char* name : {"c2", "c3", "l2", "l3"}) {
    EXPECT_EQ(by_name_[name].source, "catalog_artist") << name;
    EXPECT_DOUBLE_EQ(by_name_[name].confidence, 0.5) << name;
  }
  EXPECT_EQ(by_name_["c2"].cluster, by_name_["c1"].cluster);
  EXPECT_EQ(by_name_["l3"].cluster, by_name_["l1"].cluster);
  // Its only neighbour in the session is l3.
  EXPECT_EQ(by_name_["u1"].source, "co_listening");
  EXPECT_EQ(by_name_["u1"].cluster, by_name_["l1"].cluster);
}

TEST_F(ColdStartE2e, WithNoTrackNamedTheClustersAreFittedOnTheArtistMeans) {
  run(kOtherSongs);
  EXPECT_EQ(tally_["matched_by_name"], 0);
  EXPECT_EQ(tally_["tracks_from_catalog_artists"], 6);
  EXPECT_EQ(tracks_["clustered"], 6);  // a cold start: the fit took the means
  EXPECT_EQ(tracks_["joined_from_catalog_artists"], 0);
  for (const char* name : {"c1", "c2", "c3", "l1", "l2", "l3"}) {
    EXPECT_EQ(by_name_[name].source, "catalog_artist") << name;
  }
  EXPECT_EQ(by_name_["c1"].cluster, by_name_["c3"].cluster);
  EXPECT_EQ(by_name_["l1"].cluster, by_name_["l3"].cluster);
  EXPECT_NE(by_name_["c1"].cluster, by_name_["l1"].cluster);

  // --ids-only in a fresh home: no name, no mean, so nothing to cluster (exit 3, as before).
  TempDir other;
  const auto history = write_file(other / "in" / "StreamingHistory_music_0.json", kHistory);
  ASSERT_EQ(run_sonic({"--home", other.path().string(), "import", history.string()}).exit_code, 0);
  const auto catalog = write_file(other / "in" / "named.csv", std::string(kHeader) + kNamedRows + kOtherSongs);
  const auto ids_only =
      run_sonic({"--home", other.path().string(), "import-features", "--ids-only", "--json", catalog.string()});
  ASSERT_EQ(ids_only.exit_code, 0) << ids_only.err;
  EXPECT_EQ(nlohmann::json::parse(ids_only.out)["coverage"]["tracks_with_features"], 0);
  EXPECT_EQ(run_sonic({"--home", other.path().string(), "cluster", "--k", "2"}).exit_code, 3);
}

}  // namespace
}  // namespace sonic::testing
