// The catalog report's renderers on a hand-made report: what each format shows, the charts'
// geometry (a point per period, a bar per bin, a row per input) and the escaping of names.
#include "sonic/report/catalog_report.hpp"

#include <gtest/gtest.h>

namespace sonic::report {
namespace {

std::size_t occurrences(const std::string& text, const std::string& part) {
  std::size_t found = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++found;
  return found;
}

nlohmann::json sample_report() {
  const auto spread = [](double q1, double median, double q3) {
    return nlohmann::json{{"count", 10}, {"q1", q1}, {"median", median}, {"q3", q3}, {"iqr", q3 - q1}};
  };
  return {
      {"catalog", "a<b>|c"},
      {"tracks", 30},
      {"generated", "2026-12-07T00:00:00Z"},
      {"trends",
       {{"by", "decade"},
        {"features", {"energy"}},
        {"periods",
         {{{"period", 1960}, {"tracks", 10}, {"small", true}, {"features", {{"energy", spread(0.1, 0.2, 0.3)}}}},
          {{"period", 1970}, {"tracks", 10}, {"small", false}, {"features", {{"energy", spread(0.2, 0.4, 0.5)}}}},
          {{"period", 1980}, {"tracks", 10}, {"small", false}, {"features", {{"energy", spread(0.5, 0.7, 0.9)}}}}}}}},
      {"distributions", {{{"feature", "energy"}, {"low", 0.0}, {"high", 1.0}, {"counts", {5, 0, 10, 15}}}}},
      {"clusters",
       {{"k", 2},
        {"clusters",
         {{{"label", "calm <x>"}, {"tracks", 12}, {"valence", 0.3}, {"energy", 0.2}, {"median_decade", 1960}},
          {{"label", "loud"}, {"tracks", 18}, {"valence", 0.6}, {"energy", 0.8}, {"median_decade", nullptr}}}},
        {"map",
         {{"items",
           {{{"label", "calm <x>"}, {"valence", 0.3}, {"energy", 0.2}, {"points", {{0.3, 0.25}}}},
            {{"label", "loud"}, {"valence", 0.6}, {"energy", 0.8}, {"points", nlohmann::json::array()}}}}}}}},
      {"hits",
       {{"label", "target = 1"},
        {"evaluation",
         {{"splits",
           {{"random",
             {{"models", {{"gbdt", {{"roc_auc", 0.8654}, {"pr_auc", 0.8}, {"accuracy", 0.78}, {"f1", 0.79}}}}}}},
            {"temporal",
             {{"models", {{"gbdt", {{"roc_auc", 0.8589}, {"pr_auc", 0.8}, {"accuracy", 0.78}, {"f1", 0.81}}}}}}}}},
          {"importance",
           {{{"input", "danceability"}, {"mean_abs_shap", 0.4}, {"gain_share", 0.5}},
            {{"input", "energy"}, {"mean_abs_shap", 0.1}, {"gain_share", 0.2}}}}}},
        {"shap",
         {{"tracks", 2},
          {"inputs",
           {{{"input", "danceability"}, {"mean_abs_shap", 0.4}, {"points", {{0.5, 1.0}, {-0.3, 0.0}}}},
            {{"input", "energy"}, {"mean_abs_shap", 0.1}, {"points", {{0.1, -1}, {-0.1, 0.5}}}}}}}}}}};
}

TEST(CatalogReport, HtmlDrawsAPointPerPeriodABarPerBinAndADotPerSampledTrack) {
  const std::string html = catalog_report_html(sample_report());
  // One trend chart: three median points, the small 1960s hollow; 4 histogram bars; 2 importance
  // bars; 4 SHAP dots (one grey: a missing value); the map's 2 centres and 1 member.
  EXPECT_EQ(occurrences(html, "<polyline"), 1u);
  EXPECT_EQ(occurrences(html, "r=\"3\" fill=\"#fff\""), 1u);
  EXPECT_EQ(occurrences(html, "r=\"3\" fill=\"#15803d\""), 2u);
  EXPECT_EQ(occurrences(html, "fill=\"#3b82f6\" fill-opacity=\"0.800\""), 4u);
  EXPECT_EQ(occurrences(html, "fill=\"#8b5cf6\""), 2u);
  EXPECT_EQ(occurrences(html, "r=\"1.8\""), 4u);
  EXPECT_EQ(occurrences(html, "fill=\"#b0b6bc\""), 1u);
  EXPECT_NE(html.find("0.00 to 0.25: 5 tracks"), std::string::npos);
  EXPECT_NE(html.find("1980: median 0.70, IQR 0.50 to 0.90"), std::string::npos);
  // Names from the data are text.
  EXPECT_EQ(html.find("a<b>"), std::string::npos);
  EXPECT_NE(html.find("a&lt;b&gt;|c"), std::string::npos);
  EXPECT_EQ(html.find("calm <x>"), std::string::npos);
  EXPECT_NE(html.find("default-src 'none'"), std::string::npos);
}

TEST(CatalogReport, TextAndMarkdownGiveTheSameFiguresEscapedForTheirFormat) {
  const std::string text = catalog_report_text(sample_report());
  EXPECT_NE(text.find("1960*"), std::string::npos);
  EXPECT_NE(text.find("0.20 [0.10–0.30]"), std::string::npos);
  EXPECT_NE(text.find("0.8589"), std::string::npos);
  EXPECT_NE(text.find("50%"), std::string::npos);  // danceability's share of split gain
  const std::string markdown = catalog_report_markdown(sample_report());
  EXPECT_NE(markdown.find("# sonic catalog report: a\\<b\\>\\|c"), std::string::npos);
  EXPECT_NE(markdown.find("| calm \\<x\\> | 12 |"), std::string::npos);
  EXPECT_NE(markdown.find("| temporal | gbdt | 0\\.8589 |"), std::string::npos);
}

TEST(CatalogReport, WithoutAHitModelEachFormatSaysWhatToRun) {
  nlohmann::json report = sample_report();
  report["hits"] = nullptr;
  for (const std::string& rendered : {catalog_report_text(report), catalog_report_html(report)}) {
    EXPECT_NE(rendered.find("sonic catalog train hits --label COLUMN"), std::string::npos);
  }
  EXPECT_NE(catalog_report_markdown(report).find("sonic catalog train hits \\-\\-label COLUMN"), std::string::npos);
  report["hits"] = {{"other_catalog", "hits"}};
  EXPECT_NE(catalog_report_text(report).find("trained on catalog hits"), std::string::npos);
}

}  // namespace
}  // namespace sonic::report
