// `sonic catalog report` end to end: a synthetic catalog with a label, the hit model trained on
// it, then the report in every format. The HTML page opens in headless Chromium with every chart
// drawn and a catalog named like a script left as text (skips without Chromium).
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

#include "support/headless_chromium.hpp"
#include "support/png_pixels.hpp"
#include "support/run_sonic.hpp"
#include "support/temp_dir.hpp"

namespace sonic::testing {
namespace {

// 1,200 tracks over six decades: energy rises by decade, hits are mostly the danceable ones (with
// noise: a label that danceability alone separates is refused by the leak guard).
std::string catalog_csv() {
  std::string csv =
      "id,name,artists,year,danceability,energy,valence,acousticness,instrumentalness,loudness,tempo,"
      "speechiness,liveness,key,mode,duration_ms,time_signature,target\n";
  for (int i = 0; i < 1200; ++i) {
    const std::string number = std::to_string(i);
    const int year = 1960 + (i % 60);
    const double decade_step = (year - 1960) / 10 / 6.0;
    const double danceability = std::fmod(i * 0.618, 1.0);
    const double energy = std::min(1.0, 0.2 + 0.6 * decade_step + std::fmod(i * 0.37, 0.2));
    csv += std::string(22 - number.size(), 'T') + number + ",Song " + number + ",Artist " + std::to_string(i % 150) +
           "," + std::to_string(year) + "," + std::to_string(danceability) + "," + std::to_string(energy) + "," +
           std::to_string(std::fmod(i * 0.41, 1.0)) + "," + std::to_string(1 - energy) + ",0.01," +
           std::to_string(-20 + 14 * energy) + "," + std::to_string(80 + i % 90) + ",0.05,0.1," +
           std::to_string(i % 12) + "," + std::to_string(i % 2) + "," + std::to_string(150000 + i * 50) + ",4," +
           (danceability + std::fmod(i * 0.29, 0.3) > 0.7 ? "1" : "0") + "\n";
  }
  return csv;
}

class CatalogReportE2e : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto csv = write_file(scratch_ / "lab.csv", catalog_csv());
    ASSERT_EQ(sonic({"catalog", "import", csv.string(), "--name", "<script>x</script> | lab"}).exit_code, 0);
    const auto trained = sonic({"catalog", "train", "hits", "--label", "target", "--threads", "2"});
    ASSERT_EQ(trained.exit_code, 0) << trained.err;
  }
  RunResult sonic(std::vector<std::string> args) {
    args.insert(args.begin(), {"--home", (home_ / "home").string()});
    return run_sonic(args);
  }
  TempDir home_, scratch_, profile_;
};

TEST_F(CatalogReportE2e, JsonHoldsEverySectionAndTheTextFormatsEscapeTheName) {
  const auto json_run = sonic({"catalog", "report", "--json"});
  ASSERT_EQ(json_run.exit_code, 0) << json_run.err;
  const auto report = nlohmann::json::parse(json_run.out);
  EXPECT_EQ(report["tracks"], 1200);
  ASSERT_EQ(report["trends"]["periods"].size(), 6u);  // by decade
  // Energy rises by decade in the data; the trend's medians say so.
  EXPECT_LT(report["trends"]["periods"][0]["features"]["energy"]["median"].get<double>(),
            report["trends"]["periods"][5]["features"]["energy"]["median"].get<double>());
  for (const auto& distribution : report["distributions"]) {
    std::int64_t total = 0;
    for (const auto& count : distribution["counts"]) total += count.get<std::int64_t>();
    EXPECT_EQ(total, 1200) << distribution["feature"];  // every track in one bin
  }
  EXPECT_GE(report["clusters"]["k"].get<int>(), 2);
  EXPECT_FALSE(report["clusters"]["map"]["items"][0]["points"].empty());
  const auto& hits = report["hits"];
  EXPECT_TRUE(hits["evaluation"]["splits"].contains("random"));
  EXPECT_TRUE(hits["evaluation"]["splits"].contains("temporal"));
  // Danceability decides the label: it leads the SHAP summary.
  EXPECT_EQ(hits["shap"]["inputs"][0]["input"], "danceability");
  EXPECT_EQ(hits["shap"]["tracks"], 300);

  const auto terminal = sonic({"catalog", "report"});
  ASSERT_EQ(terminal.exit_code, 0) << terminal.err;
  EXPECT_NE(terminal.out.find("Clusters of sound"), std::string::npos);
  EXPECT_NE(terminal.out.find("temporal"), std::string::npos);

  const auto markdown_path = scratch_ / "report.md";
  ASSERT_EQ(sonic({"catalog", "report", "--format", "md", "--out", markdown_path.string()}).exit_code, 0);
  const std::string markdown = read_file(markdown_path);
  EXPECT_NE(markdown.find("\\<script\\>x\\</script\\> \\| lab"), std::string::npos);
  EXPECT_EQ(markdown.find("<script>"), std::string::npos);
}

TEST_F(CatalogReportE2e, TheHtmlPageDrawsEveryChartInChromium) {
  // Without --out, the page goes to the home's reports folder under a name made safe for a file.
  const auto run = sonic({"catalog", "report", "--format", "html"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::filesystem::path page = run.out.substr(0, run.out.find('\n'));
  EXPECT_EQ(page.parent_path().filename(), "reports");
  EXPECT_EQ(page.filename().string().rfind("catalog--script-x--script----lab-", 0), 0u) << page;
  const std::string chromium = find_chromium();
  if (chromium.empty()) GTEST_SKIP() << "chromium is not installed (scripts/setup installs it)";
  const std::string dom = chromium_dom(chromium, profile_, file_url(page));
  ASSERT_NE(dom.find("</html>"), std::string::npos) << "chromium printed no DOM";
  EXPECT_EQ(occurrences(dom, "<script"), 0u);
  EXPECT_GE(occurrences(dom, "&lt;script&gt;x&lt;/script&gt;"), 1u);
  // 13 trend charts, 13 histograms, the cluster map, importance and the SHAP summary.
  EXPECT_EQ(occurrences(dom, "<svg"), 29u);
  EXPECT_GE(occurrences(dom, "<polyline"), 13u);

  const auto png_path = scratch_ / "catalog.png";
  ASSERT_TRUE(chromium_screenshot(chromium, profile_, file_url(page), png_path, 1200, 6000));
  std::string error;
  const auto png = read_png(png_path, error);
  ASSERT_TRUE(png) << error;
  const std::set<std::uint32_t> colours(png->rgb.begin(), png->rgb.end());
  EXPECT_GT(colours.size(), 100u);
  std::size_t violet = 0;  // the importance bars (#8b5cf6)
  for (const std::uint32_t pixel : png->rgb) {
    const int r = static_cast<int>(pixel >> 16), g = static_cast<int>(pixel >> 8 & 0xFF),
              b = static_cast<int>(pixel & 0xFF);
    if (b > g + 60 && r > g + 30) ++violet;
  }
  EXPECT_GT(violet, 2'000u) << "the importance bars were not drawn";
}

}  // namespace
}  // namespace sonic::testing
