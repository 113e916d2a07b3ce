// The genres section end to end: the real binary on a real history, before and after a catalog
// with an artist_genres column is imported (no network: Last.fm tags need a key and the service).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/run_sonic.hpp"
#include "support/shared_data.hpp"
#include "support/temp_dir.hpp"

namespace sonic::testing {
namespace {

class GenresE2e : public ::testing::Test {
 protected:
  RunResult sonic(std::vector<std::string> args) {
    args.insert(args.begin(), {"--home", home_.path().string(), "--tz", "UTC"});
    return run_sonic(args);
  }
  nlohmann::json json_of(std::vector<std::string> args) {
    const auto run = sonic(std::move(args));
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return nlohmann::json::parse(run.out);
  }

  TempDir home_;
  TempDir files_;
};

TEST_F(GenresE2e, ACatalogsArtistGenresGiveTheHistoryGenresInStatsAndEveryReportFormat) {
  SONIC_SHARED_DATA_OR_SKIP(history, "histories/basic/jill");
  SONIC_SHARED_DATA_OR_SKIP(catalog, "catalogs/liked-bartek/liked_songs_raw.csv");
  ASSERT_EQ(sonic({"import", history.string()}).exit_code, 0);

  // Nothing to know genres from yet: zero known, and the way to get some.
  const auto before = json_of({"stats", "--json"})["genres"];
  EXPECT_GT(before["listens"].get<std::int64_t>(), 0);
  EXPECT_EQ(before["listens_with_genre"], 0);
  EXPECT_TRUE(before["top"].empty());
  const auto plain = sonic({"stats"});
  EXPECT_NE(plain.out.find("A known genre for 0 of "), std::string::npos) << plain.out;
  EXPECT_NE(plain.out.find("LASTFM_API_KEY"), std::string::npos);

  ASSERT_EQ(sonic({"catalog", "import", catalog.string(), "--name", "liked"}).exit_code, 0);
  const auto stats = json_of({"stats", "--json"})["genres"];
  const auto listens = stats["listens"].get<std::int64_t>();
  const auto known = stats["listens_with_genre"].get<std::int64_t>();
  EXPECT_EQ(listens, before["listens"].get<std::int64_t>());
  EXPECT_GT(known, 0);
  EXPECT_LT(known, listens);  // one person's liked songs do not cover another's history
  // Basic exports carry no Spotify IDs: every genre came through the artist's name.
  EXPECT_EQ(stats["by_source"], nlohmann::json({{"catalog_artist", known}}));
  ASSERT_EQ(stats["top"].size(), 10u);
  double shares = 0;
  for (const auto& genre : stats["top"]) {
    shares += genre["share"].get<double>();
    EXPECT_LE(genre["hours"].get<double>(), stats["hours_with_genre"].get<double>());
  }
  EXPECT_LE(shares, 1.0 + 1e-3);
  std::int64_t known_by_year = 0;
  for (const auto& year : stats["years"]) known_by_year += year["listens_with_genre"].get<std::int64_t>();
  EXPECT_EQ(known_by_year, known);
  std::int64_t known_by_time = 0;
  for (const auto& part : stats["times_of_day"]) known_by_time += part["listens_with_genre"].get<std::int64_t>();
  EXPECT_EQ(known_by_time, known);

  // The report's all-time section is the same figures; each format shows it.
  const auto dashboard = json_of({"report", "--json"});
  EXPECT_EQ(dashboard["genres"], stats);
  const auto terminal = sonic({"report"});
  EXPECT_NE(terminal.out.find("Genres by listening time"), std::string::npos);
  EXPECT_NE(terminal.out.find(stats["top"][0]["genre"].get<std::string>()), std::string::npos);
  const auto md = files_ / "report.md";
  ASSERT_EQ(sonic({"report", "--format", "md", "--out", md.string()}).exit_code, 0);
  const std::string md_text = read_file(md);
  EXPECT_NE(md_text.find("## Genres by listening time"), std::string::npos);
  const auto html = files_ / "report.html";
  ASSERT_EQ(sonic({"report", "--format", "html", "--out", html.string()}).exit_code, 0);
  const std::string page = read_file(html);
  const auto section_at = page.find("<section id=\"genres\">");
  ASSERT_NE(section_at, std::string::npos);
  const std::string section = page.substr(section_at, page.find("</section>", section_at) - section_at);

  // A tag's own text, escaped for each format: Spotify's "r&b" is among this history's genres.
  bool has_rnb = false;
  for (const auto& genre : stats["top"]) has_rnb = has_rnb || genre["genre"] == "r&b";
  ASSERT_TRUE(has_rnb) << stats["top"].dump();
  EXPECT_NE(section.find(">r&amp;b<"), std::string::npos) << section;
  EXPECT_EQ(section.find("r&b"), std::string::npos);
  EXPECT_NE(md_text.find("| r\\&b |"), std::string::npos);
}

}  // namespace
}  // namespace sonic::testing
