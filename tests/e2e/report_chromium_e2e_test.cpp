// The HTML report in a real browser: headless Chromium (Debian's `chromium`, installed by
// scripts/setup) draws its charts, and a track named <script>alert(1)</script> is only text.
// Skips when Chromium is not installed.
#include <gtest/gtest.h>

#include <cstdio>
#include <set>

#include "sonic/store/database.hpp"
#include "support/headless_chromium.hpp"
#include "support/png_pixels.hpp"
#include "support/run_sonic.hpp"
#include "support/temp_dir.hpp"

namespace sonic::testing {
namespace {

// Three weeks of listening at varied hours, one of the tracks named to inject a script.
std::string history_json() {
  const char* tracks[][3] = {{"<script>alert(1)</script>", "Mallory", "1aaaaaaaaaaaaaaaaaaaaa"},
                             {"Calm Song", "Alice", "2bbbbbbbbbbbbbbbbbbbbb"},
                             {"Loud Song", "Bob", "3ccccccccccccccccccccc"},
                             {"Sad Song", "Carol", "4ddddddddddddddddddddd"}};
  std::string json = "[";
  for (int i = 0; i < 120; ++i) {
    const auto& track = tracks[i % 4];
    char ts[32];
    std::snprintf(ts, sizeof ts, "2024-05-%02dT%02d:%02d:00Z", 1 + i / 6, (i * 7) % 24, i % 60);
    json += std::string(i ? "," : "") + R"({"ts":")" + ts + R"(","ms_played":200000,)" +
            R"("master_metadata_track_name":")" + track[0] + R"(","master_metadata_album_artist_name":")" + track[1] +
            R"(","spotify_track_uri":"spotify:track:)" + track[2] + "\"}";
  }
  return json + "]";
}

// What `sonic train` / `sonic predict mood` will write: features, clusters and moods per track.
void add_moods(const std::filesystem::path& database) {
  store::Database db = store::Database::open(database);
  db.exec(R"sql(
    INSERT INTO audio_features (track_id, source, valence, energy, updated_ms)
      SELECT id, 'demo', (id % 4) * 0.25 + 0.1, 0.9 - (id % 4) * 0.2, 0 FROM tracks;
    INSERT INTO mood_clusters VALUES (0, 'calm', 2, '{}', 'm'), (1, '<b>loud</b>', 2, '{}', 'm');
    INSERT INTO track_clusters (track_id, cluster, distance, model_id) SELECT id, id % 2, 0.1, 'm' FROM tracks;
    INSERT INTO track_moods SELECT id, CASE id % 3 WHEN 0 THEN 'happy' WHEN 1 THEN 'sad' ELSE 'calm' END,
      0.8, 'c', 0 FROM tracks;
  )sql");
}

class ReportChromiumE2e : public ::testing::Test {
 protected:
  void SetUp() override {
    chromium_ = find_chromium();
    if (chromium_.empty()) GTEST_SKIP() << "chromium is not installed (scripts/setup installs it)";
    const auto history = write_file(scratch_ / "Streaming_History_Audio_2024.json", history_json());
    const std::vector<std::string> home = {"--home", home_.path().string(), "--tz", "Europe/Berlin"};
    auto import = home;
    import.insert(import.end(), {"import", history.string()});
    ASSERT_EQ(run_sonic(import).exit_code, 0);
    add_moods(home_ / "sonic.db");
    auto report = home;
    report.insert(report.end(), {"report", "--format", "html", "--out", page_.string()});
    const auto result = run_sonic(report);
    ASSERT_EQ(result.exit_code, 0) << result.err;
  }

  std::string chromium_;
  TempDir home_, scratch_, profile_;
  std::filesystem::path page_ = scratch_ / "report.html";
};

TEST_F(ReportChromiumE2e, ScreenshotShowsTheCharts) {
  const auto png_path = scratch_ / "report.png";
  chromium_screenshot(chromium_, profile_, file_url(page_), png_path);
  std::string error;
  const auto png = read_png(png_path, error);
  ASSERT_TRUE(png) << error;
  EXPECT_EQ(png->width, 1200);
  EXPECT_EQ(png->height, 2000);
  // A blank page is one colour; the charts bring many, and the heatmap's greens among them.
  const std::set<std::uint32_t> colours(png->rgb.begin(), png->rgb.end());
  EXPECT_GT(colours.size(), 100u);
  std::size_t green = 0;
  for (const std::uint32_t pixel : png->rgb) {
    const int r = static_cast<int>(pixel >> 16), g = static_cast<int>(pixel >> 8 & 0xFF),
              b = static_cast<int>(pixel & 0xFF);
    if (g > r + 60 && g > b + 40) ++green;
  }
  EXPECT_GT(green, 10'000u) << "the heatmap's cells (about 500 px each) were not drawn";
}

TEST_F(ReportChromiumE2e, AScriptNamedTrackIsOnlyText) {
  const std::string dom = chromium_dom(chromium_, profile_, file_url(page_));
  ASSERT_NE(dom.find("</html>"), std::string::npos) << "chromium printed no DOM";
  EXPECT_EQ(occurrences(dom, "<script"), 0u);
  EXPECT_EQ(occurrences(dom, "<b>loud"), 0u);
  EXPECT_GE(occurrences(dom, "&lt;script&gt;alert(1)&lt;/script&gt;"), 1u);  // in the top tracks
  EXPECT_GE(occurrences(dom, "<svg"), 4u);
}

}  // namespace
}  // namespace sonic::testing
