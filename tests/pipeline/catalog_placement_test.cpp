// "Your listening in the catalogs" on a hand-made store: a catalog of three tight groups of sound
// from three decades, a person who plays one track of the first group two hours and one of the
// second an hour, and an hour of a track no catalog holds. Shares by hand.
#include "sonic/pipeline/catalog_placement.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <limits>

#include "sonic/pipeline/catalog_import.hpp"
#include "sonic/store/catalog_store.hpp"
#include "support/listening_store.hpp"
#include "support/temp_dir.hpp"

namespace sonic::pipeline {
namespace {

constexpr std::int64_t kHalfHourMs = 1'800'000;
const insight::PeriodSpan kAllTime{std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max()};

std::string spotify_id(int number) {
  char id[32];
  std::snprintf(id, sizeof id, "%022d", number);
  return id;
}

class CatalogPlacementTest : public ::testing::Test {
 protected:
  // 20 tracks per group: group 0 from 1975 (calm, acoustic), 1 from 1995, 2 from 2015 (loud, fast).
  void import_catalog_of_three_groups(int groups = 3) {
    const auto csv = dir_ / "lab.csv";
    std::ofstream out(csv);
    out << "id,name,artists,year,valence,energy,danceability,acousticness,instrumentalness,tempo\n";
    for (int group = 0; group < groups; ++group) {
      for (int i = 0; i < 20; ++i) {
        const double jitter = 0.002 * i;
        const double level = 0.1 + 0.4 * group + jitter;
        out << spotify_id(100 * group + i) << ",Song " << group << "-" << i << ",Artist " << group << ","
            << 1975 + 20 * group << "," << level << "," << level << "," << level << "," << 0.9 - 0.4 * group + jitter
            << "," << 0.05 + jitter << "," << 80 + 40 * group + i << "\n";
      }
    }
    out.close();
    import_catalog(store_.db(), {csv}, {.name = "lab", .id_column = ""});
  }
  // A track of the person's history with that Spotify ID.
  std::int64_t heard(const std::string& name, const std::string& id) {
    const std::int64_t track = store_.track(name, "Someone");
    store_.db().prepare("UPDATE tracks SET spotify_id = ?1 WHERE id = ?2").bind(1, id).bind(2, track).run();
    return track;
  }
  void listen(std::int64_t track, int half_hours) {
    for (int i = 0; i < half_hours; ++i) store_.play(track, next_start_ms_++ * 2 * kHalfHourMs, kHalfHourMs);
  }

  testing::TempDir dir_;
  testing::ListeningStore store_;
  std::int64_t next_start_ms_ = 1;
};

TEST_F(CatalogPlacementTest, SharesOfListeningTimeBesideTheCatalogsOwnByDecadeAndCluster) {
  import_catalog_of_three_groups();
  listen(heard("Calm one", spotify_id(3)), 4);      // group 0 (1970s): 2 hours
  listen(heard("Middle one", spotify_id(107)), 2);  // group 1 (1990s): 1 hour
  listen(heard("Not in any catalog", spotify_id(999)), 2);
  const nlohmann::json section = catalog_placement_section(store_.db(), kAllTime);
  ASSERT_EQ(section.size(), 1u) << section.dump();
  const auto& lab = section[0];
  EXPECT_EQ(lab["catalog"], "lab");
  EXPECT_EQ(lab["tracks"], 60);
  EXPECT_EQ(lab["listens"], 6);
  EXPECT_DOUBLE_EQ(lab["hours"].get<double>(), 3.0);
  EXPECT_DOUBLE_EQ(lab["share_of_listening"].get<double>(), 0.75);  // 3 of 4 hours
  const nlohmann::json decades =
      nlohmann::json::array({{{"decade", 1970}, {"your_share", 0.6667}, {"catalog_share", 0.3333}},
                             {{"decade", 1990}, {"your_share", 0.3333}, {"catalog_share", 0.3333}},
                             {{"decade", 2010}, {"your_share", 0.0}, {"catalog_share", 0.3333}}});
  EXPECT_EQ(lab["decades"], decades);
  // Three tight groups make three clusters of 20; the person's hours sit in two of them.
  const auto& clusters = lab["clusters"];
  ASSERT_TRUE(clusters.is_object()) << lab.dump();
  EXPECT_EQ(clusters["k"], 3);
  EXPECT_EQ(clusters["fitted_on"], 60);
  std::vector<double> yours;
  for (const auto& item : clusters["items"]) {
    EXPECT_DOUBLE_EQ(item["catalog_share"].get<double>(), 0.3333);
    yours.push_back(item["your_share"].get<double>());
  }
  std::sort(yours.begin(), yours.end());
  EXPECT_EQ(yours, (std::vector<double>{0.0, 0.3333, 0.6667}));
}

TEST_F(CatalogPlacementTest, NoCatalogOrNoMatchedListenGivesNoSection) {
  listen(heard("Calm one", spotify_id(3)), 2);
  EXPECT_EQ(catalog_placement_section(store_.db(), kAllTime), nlohmann::json::array());  // no catalog
  import_catalog_of_three_groups();
  EXPECT_EQ(catalog_placement_section(store_.db(), {0, 1}).size(), 0u);  // no listen in that span
  EXPECT_EQ(catalog_placement_section(store_.db(), kAllTime).size(), 1u);
}

// The one kept placement fit's JSON ("" when there is none).
std::string kept_fit(store::Database& db) {
  auto row = db.prepare("SELECT fit FROM catalog_placement_fits");
  return row.step() ? row.text(0) : std::string();
}

// The fit a render places listens in is kept per catalog by the import: a render reads it (shown
// by a label changed in the store showing up) and only reads; the kept fit agrees with one fitted
// afresh; a re-import replaces it.
TEST_F(CatalogPlacementTest, ARenderReadsTheFitTheImportKeptWhichAgreesWithAFreshOne) {
  import_catalog_of_three_groups();
  listen(heard("Calm one", spotify_id(3)), 4);
  listen(heard("Middle one", spotify_id(107)), 2);
  auto& db = store_.db();
  ASSERT_EQ(db.scalar("SELECT count(*) FROM catalog_placement_fits"), 1);  // kept by the import
  const nlohmann::json from_kept_fit = catalog_placement_section(db, kAllTime);

  // Without the kept fit, a render fits for itself: the same section, and nothing written.
  const std::string fit_json = kept_fit(db);
  db.exec("DELETE FROM catalog_placement_fits");
  EXPECT_EQ(catalog_placement_section(db, kAllTime), from_kept_fit);
  EXPECT_EQ(db.scalar("SELECT count(*) FROM catalog_placement_fits"), 0);
  keep_catalog_placement_fit(db, *store::find_catalog(db, "lab"));
  EXPECT_EQ(kept_fit(db), fit_json);  // the same fit to the byte

  // The render reads the kept fit: a label changed in the store is what it shows.
  const std::string first_label = from_kept_fit[0]["clusters"]["items"][0]["label"];
  db.prepare("UPDATE catalog_placement_fits SET fit = replace(fit, ?1, 'kept label')").bind(1, first_label).run();
  EXPECT_EQ(catalog_placement_section(db, kAllTime)[0]["clusters"]["items"][0]["label"], "kept label");
  // A fit that is not one sonic wrote is fitted again for the render.
  db.exec("UPDATE catalog_placement_fits SET fit = '{\"clusters\": 3}'");
  EXPECT_EQ(catalog_placement_section(db, kAllTime), from_kept_fit);

  // A re-import of two of the groups keeps a fit of the new tracks (two clusters of 20, the
  // 2010s gone) in place of the old one.
  db.prepare("UPDATE catalog_placement_fits SET fit = ?1").bind(1, fit_json).run();
  import_catalog_of_three_groups(2);
  EXPECT_EQ(db.scalar("SELECT count(*) FROM catalog_placement_fits"), 1);
  const nlohmann::json refitted = catalog_placement_section(db, kAllTime);
  ASSERT_EQ(refitted.size(), 1u);
  EXPECT_EQ(refitted[0]["tracks"], 40);
  EXPECT_EQ(refitted[0]["clusters"]["fitted_on"], 40);
  EXPECT_EQ(refitted[0]["decades"].size(), 2u);
  db.exec("DELETE FROM catalog_placement_fits");
  EXPECT_EQ(catalog_placement_section(db, kAllTime), refitted);  // the kept one was the fresh fit
}

}  // namespace
}  // namespace sonic::pipeline
