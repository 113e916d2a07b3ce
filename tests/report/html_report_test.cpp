#include "sonic/report/html_report.hpp"

#include <gtest/gtest.h>

#include <regex>

#include "report/sample_dashboard.hpp"
#include "sonic/report/svg_charts.hpp"
#include "sonic/report/text_escape.hpp"

namespace sonic::report {
namespace {

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t found = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++found;
  return found;
}

TEST(HtmlEscape, EscapesMarkupQuotesAndControlCharacters) {
  EXPECT_EQ(html_escape("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
  EXPECT_EQ(html_escape("a&b \"c\" 'd'"), "a&amp;b &quot;c&quot; &#39;d&#39;");
  EXPECT_EQ(html_escape("x\x1b"
                        "y"),
            "x\xEF\xBF\xBDy");
}

TEST(HtmlReport, DataStringsAreText) {
  const auto html = render_html(testing::sample_dashboard());
  EXPECT_EQ(count(html, "<script"), 0u);
  EXPECT_EQ(count(html, "<b>loud"), 0u);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("&lt;b&gt;loud&lt;/b&gt;"), std::string::npos);  // in the scatter and legend
  EXPECT_EQ(html.find('\x1b'), std::string::npos);
}

TEST(HtmlReport, SelfContainedWithoutAnyRequest) {
  const auto html = render_html(testing::sample_dashboard());
  EXPECT_EQ(html.find("http://"), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_FALSE(std::regex_search(html, std::regex(R"(\s(src|href|xlink:href)\s*=)", std::regex::icase)));
  EXPECT_EQ(html.find("url("), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
  EXPECT_NE(html.find("content=\"default-src 'none'; style-src 'unsafe-inline'\""), std::string::npos);
}

TEST(HtmlReport, DrawsTheFourChartsAsInlineSvg) {
  const auto html = render_html(testing::sample_dashboard());
  // heatmap, moods over time, clusters over time, scatter, forecast
  EXPECT_EQ(count(html, "<svg class=\"chart\""), 5u);
  EXPECT_EQ(count(html, "<rect") - count(html, "fill=\"none\""), 7u * 24 + 3 + 2 + 24);
  EXPECT_NE(html.find("aria-label=\"Clusters by valence and energy\""), std::string::npos);
  EXPECT_NE(html.find("<title>19:00, 72%</title>"), std::string::npos);
  EXPECT_NE(html.find("<title>Fri 21:00, 120 minutes</title>"), std::string::npos);
  EXPECT_EQ(html.find("not available yet"), std::string::npos);
}

TEST(HtmlReport, ShowsTheComputedSectionsEscaped) {
  const auto html = render_html(testing::sample_dashboard());
  EXPECT_NE(html.find("<td>Weekday morning</td><td class=\"n\">1200</td><td>calm 60% · happy 40%</td>"
                      "<td class=\"n\">0.41</td><td class=\"n\">–</td>"
                      "<td>&lt;script&gt;alert(1)&lt;/script&gt;, Alpha, Beta</td>"),
            std::string::npos);
  EXPECT_NE(html.find("<td>mood mix (share moved)</td><td class=\"n\">–</td><td class=\"n\">–</td>"),
            std::string::npos);
  EXPECT_NE(html.find("<p>why 19:00 (72%): you often start a session around 19:00; you listen more on "
                      "&lt;script&gt;"),
            std::string::npos);
  EXPECT_NE(html.find("Written by the offline narrator. With OPENAI_API_KEY"), std::string::npos);
}

TEST(HtmlReport, EmptySectionsSayWhatToRun) {
  const auto html = render_html({{"overview", {{"listens", 0}}}});
  EXPECT_EQ(count(html, "<svg"), 0u);
  EXPECT_NE(html.find("not available yet (run sonic train session)"), std::string::npos);
  EXPECT_NE(html.find("not available yet (drift needs 37 days"), std::string::npos);
  EXPECT_NE(html.find("</html>"), std::string::npos);
}

TEST(HtmlReport, PlaylistsForTheDayOnePerTimeOfDayEscaped) {
  auto dashboard = testing::sample_dashboard();
  EXPECT_EQ(render_html(dashboard).find("Playlists for your day"), std::string::npos);  // not gathered: no section
  dashboard["day_playlists"] = {
      {{"time_of_day", "morning"},
       {"title", "Morning (05-12)"},
       {"tracks", {{{"track", "<i>Sun</i> & tea"}, {"artist", "A \"B\""}, {"plays_in_window", 1234}}}}},
      {{"time_of_day", "night"}, {"title", "Night (22-05)"}, {"tracks", nlohmann::json::array()}}};
  const auto html = render_html(dashboard);
  const auto start = html.find("<section id=\"day-playlists\"><h2>Playlists for your day</h2>");
  ASSERT_NE(start, std::string::npos);
  const auto part = html.substr(start, html.find("</section>", start) - start);
  EXPECT_NE(part.find("<h3>Morning (05-12)</h3>"), std::string::npos) << part;
  EXPECT_NE(part.find("<td>&lt;i&gt;Sun&lt;/i&gt; &amp; tea</td><td>A &quot;B&quot;</td><td class=\"n\">1,234</td>"),
            std::string::npos)
      << part;
  EXPECT_NE(part.find("<h3>Night (22-05)</h3><p class=\"missing\">Nothing played at this time of day yet.</p>"),
            std::string::npos)
      << part;
  EXPECT_EQ(count(part, "<i>"), 0u);
}

TEST(SvgCharts, ScatterPlacesClustersOnTheUnitSquare) {
  const auto svg = cluster_scatter_svg(testing::sample_dashboard()["clusters"]);
  // valence 0.3 → 44 + 0.3·420; energy 0.2 → 10 + 0.8·420
  EXPECT_NE(svg.find("<circle cx=\"170.0\" cy=\"346.0\" r=\"9\""), std::string::npos);
  EXPECT_EQ(cluster_scatter_svg({{"items", nlohmann::json::array()}}), "");
}

}  // namespace
}  // namespace sonic::report
