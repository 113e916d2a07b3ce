// "Your listening in the catalogs" in each report format, from a hand-made section whose catalog
// and cluster names try to break each format; a dashboard without it shows no such section.
#include <gtest/gtest.h>

#include "sonic/report/html_report.hpp"
#include "sonic/report/markdown_report.hpp"
#include "sonic/report/terminal_report.hpp"

namespace sonic::report {
namespace {

nlohmann::json dashboard_with_catalogs() {
  return {{"catalogs",
           {{{"catalog", "<script>x</script>"},
             {"tracks", 40560},
             {"listens", 1234},
             {"hours", 12.5},
             {"share_of_listening", 0.4},
             {"decades",
              {{{"decade", 1970}, {"your_share", 0.6667}, {"catalog_share", 0.25}},
               {{"decade", 1990}, {"your_share", 0.3333}, {"catalog_share", 0.75}}}},
             {"clusters",
              {{"k", 2},
               {"fitted_on", 5000},
               {"items",
                {{{"label", "calm | *acoustic*\x1b[31m"}, {"your_share", 0.9}, {"catalog_share", 0.3}},
                 {{"label", "loud"}, {"your_share", 0.1}, {"catalog_share", 0.7}}}}}}}}}};
}

constexpr const char* kSummary = "1,234 listens (12.5 hours, 40% of your listening) are of tracks in the catalog ";

TEST(CatalogPlacementSection, TerminalShowsYourShareBesideTheCatalogsSafely) {
  const auto text = render_terminal(dashboard_with_catalogs(), {.colour = false});
  const auto at = text.find("Your listening in the catalogs");
  ASSERT_NE(at, std::string::npos) << text;
  const std::string section = text.substr(at, text.find("Drift", at) - at);
  // Wrapped at 78 columns: the catalog's name starts the next line.
  EXPECT_NE(section.find("1,234 listens (12.5 hours, 40% of your listening) are of tracks in the catalog\n"),
            std::string::npos)
      << section;
  EXPECT_NE(section.find("  <script>x</script> (40,560 tracks)."), std::string::npos) << section;
  EXPECT_NE(section.find("1970s"), std::string::npos) << section;
  EXPECT_NE(section.find("67%      25%"), std::string::npos) << section;
  EXPECT_NE(section.find("By the catalog's 2 clusters of sound"), std::string::npos) << section;
  EXPECT_NE(section.find("90%      30%"), std::string::npos) << section;
  EXPECT_EQ(section.find('\x1b'), std::string::npos);
}

TEST(CatalogPlacementSection, MarkdownEscapesNamesInItsTables) {
  const auto md = render_markdown(dashboard_with_catalogs());
  const auto at = md.find("## Your listening in the catalogs");
  ASSERT_NE(at, std::string::npos) << md;
  const std::string section = md.substr(at);
  EXPECT_NE(section.find("\\<script\\>x\\</script\\>"), std::string::npos) << section;
  EXPECT_NE(section.find("| decade | your listening | the catalog\\'s tracks |\n|---|---:|---:|"), std::string::npos)
      << section;
  EXPECT_NE(section.find("| 1990s | 33% | 75% |"), std::string::npos) << section;
  EXPECT_NE(section.find("| calm \\| \\*acoustic\\*"), std::string::npos) << section;
  EXPECT_EQ(section.find('\x1b'), std::string::npos);
}

TEST(CatalogPlacementSection, HtmlEscapesNamesAndHasItsSection) {
  const auto html = render_html(dashboard_with_catalogs());
  const auto at = html.find("<section id=\"catalogs\">");
  ASSERT_NE(at, std::string::npos);
  const std::string section = html.substr(at, html.find("</section>", at) - at);
  EXPECT_EQ(section.find("<script>"), std::string::npos);
  EXPECT_NE(section.find("&lt;script&gt;x&lt;/script&gt;"), std::string::npos) << section;
  EXPECT_NE(section.find(kSummary), std::string::npos) << section;
  EXPECT_NE(section.find("<h3>By decade of release</h3>"), std::string::npos);
  EXPECT_EQ(section.find('\x1b'), std::string::npos);
}

TEST(CatalogPlacementSection, AbsentWithoutCatalogsInEveryFormat) {
  const nlohmann::json none = nlohmann::json::object();
  EXPECT_EQ(render_terminal(none, {}).find("in the catalogs"), std::string::npos);
  EXPECT_EQ(render_markdown(none).find("in the catalogs"), std::string::npos);
  EXPECT_EQ(render_html(none).find("id=\"catalogs\""), std::string::npos);
}

}  // namespace
}  // namespace sonic::report
