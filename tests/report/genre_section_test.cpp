// The genres section in `sonic stats` and each report format, from a hand-made section whose
// names try to break each format (report/sample_dashboard.hpp).
#include <gtest/gtest.h>

#include "sample_dashboard.hpp"
#include "sonic/report/html_report.hpp"
#include "sonic/report/markdown_report.hpp"
#include "sonic/report/terminal_report.hpp"
#include "sonic/report/text_cell.hpp"

namespace sonic::report {
namespace {

TEST(GenreSection, TerminalShowsCoverageGenresYearsAndTimesOfDaySafely) {
  const auto text = render_terminal(testing::sample_dashboard(), {.colour = false});
  const auto at = text.find("Genres by listening time");
  ASSERT_NE(at, std::string::npos);
  const std::string section = text.substr(at, text.find("Drift", at) - at);
  EXPECT_NE(section.find("A known genre for 150 of 200 listens (75.0%): 100 by the track's"), std::string::npos)
      << section;
  EXPECT_NE(section.find("50 by a catalog's genres for the artist."), std::string::npos) << section;
  EXPECT_NE(section.find("1.  <script>alert(1)</script>"), std::string::npos) << section;
  EXPECT_NE(section.find("4.0    50%"), std::string::npos) << section;
  EXPECT_NE(section.find("descriptors: female vocalists 60%"), std::string::npos);
  EXPECT_NE(section.find("2024" + std::string(18, ' ') + "drum | bass 25%"), std::string::npos) << section;
  EXPECT_NE(section.find("night (22–05)"), std::string::npos);
  EXPECT_EQ(section.find('\x1b'), std::string::npos);  // the escape in a genre name is replaced
}

TEST(GenreSection, MarkdownEscapesNamesInItsTables) {
  const auto md = render_markdown(testing::sample_dashboard());
  const auto at = md.find("## Genres by listening time");
  ASSERT_NE(at, std::string::npos);
  const std::string section = md.substr(at, md.find("## Drift", at) - at);
  EXPECT_NE(section.find("| rank | genre | hours | share |\n|---:|---|---:|---:|"), std::string::npos) << section;
  EXPECT_NE(section.find("| 1 | \\<script\\>alert\\(1\\)\\</script\\> | 4.0 | 50% |"), std::string::npos) << section;
  EXPECT_NE(section.find("| 2 | drum \\| bass | 2.0 | 25% |"), std::string::npos) << section;
  EXPECT_NE(section.find("| 2024 | 150 of 200 | drum \\| bass 25% |"), std::string::npos) << section;
  EXPECT_NE(section.find("| night \\(22–05\\) | 0.5 | \\<script\\>"), std::string::npos) << section;
  EXPECT_EQ(section.find('\x1b'), std::string::npos);
}

TEST(GenreSection, HtmlEscapesNamesAndHasItsSection) {
  const auto html = render_html(testing::sample_dashboard());
  const auto at = html.find("<section id=\"genres\">");
  ASSERT_NE(at, std::string::npos);
  const std::string section = html.substr(at, html.find("</section>", at) - at);
  EXPECT_EQ(section.find("<script>"), std::string::npos);
  EXPECT_NE(section.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(section.find("A known genre for 150 of 200 listens (75.0%)"), std::string::npos);
  EXPECT_NE(section.find("<h3>By time of day</h3>"), std::string::npos);
  EXPECT_NE(section.find("Descriptors, kept apart from genres: female vocalists 60%"), std::string::npos);
  EXPECT_EQ(section.find('\x1b'), std::string::npos);
}

TEST(GenreSection, NoKnownGenreSaysWhatToRunInEveryFormat) {
  auto dashboard = testing::sample_dashboard();
  dashboard["genres"] = {{"listens", 10}, {"listens_with_genre", 0}, {"by_source", nlohmann::json::object()}};
  const std::string how = "sonic enrich (with LASTFM_API_KEY set)";
  EXPECT_NE(render_terminal(dashboard, {}).find("A known genre for 0 of 10 listens (0.0%)."), std::string::npos);
  EXPECT_NE(render_terminal(dashboard, {}).find(how), std::string::npos);
  EXPECT_NE(render_markdown(dashboard).find("sonic enrich \\(with LASTFM\\_API\\_KEY set\\)"), std::string::npos);
  EXPECT_NE(render_html(dashboard).find(how), std::string::npos);
  EXPECT_NE(render_html(nlohmann::json::object()).find(how), std::string::npos);  // no section at all
}

}  // namespace
}  // namespace sonic::report
