#include "sonic/report/markdown_report.hpp"

#include <gtest/gtest.h>

#include "report/sample_dashboard.hpp"
#include "sonic/report/text_escape.hpp"

namespace sonic::report {
namespace {

TEST(MarkdownEscape, MarkupAndTableSyntaxStayText) {
  EXPECT_EQ(markdown_escape("<script>alert(1)</script>"), "\\<script\\>alert\\(1\\)\\</script\\>");
  EXPECT_EQ(markdown_escape("a|b *c* _d_ [e](f) `g`"), "a\\|b \\*c\\* \\_d\\_ \\[e\\]\\(f\\) \\`g\\`");
  EXPECT_EQ(markdown_escape("Björk"), "Björk");
  EXPECT_EQ(markdown_escape("line\nbreak"),
            "line\xEF\xBF\xBD"
            "break");  // cannot end a table row
}

TEST(MarkdownReport, NamesAreEscaped) {
  const auto md = render_markdown(testing::sample_dashboard());
  EXPECT_EQ(md.find("<script>"), std::string::npos);
  EXPECT_EQ(md.find("<b>"), std::string::npos);
  EXPECT_NE(md.find("| 1 | \\<script\\>alert\\(1\\)\\</script\\> | 120 | 8.2 |"), std::string::npos);
  EXPECT_NE(md.find("| 1 | Song \\| with pipe | A\\*rtist\\_ | 9 | 0.5 |"), std::string::npos);
  EXPECT_EQ(md.find('\x1b'), std::string::npos);
}

TEST(MarkdownReport, EverySectionHasAHeadingAndCharts) {
  const auto md = render_markdown(testing::sample_dashboard());
  for (const char* heading : {"## Overview", "## When you listen", "## Mood mix", "## Clusters", "## Top artists",
                              "## Top tracks", "## Drift", "## Models", "## The next 24 hours", "## In words"}) {
    EXPECT_NE(md.find(heading), std::string::npos) << heading;
  }
  EXPECT_NE(md.find("```text\n     00    03"), std::string::npos);  // the heatmap's code block
  EXPECT_NE(md.find("| sessions per day | 3.10 | 3.90 | +26% |"), std::string::npos);
  EXPECT_NE(md.find("| mood mix \\(share moved\\) | – | – | +35% |"), std::string::npos);
  EXPECT_NE(md.find("| Weekend night | 300 | sad 70% · calm 30% |"), std::string::npos);
  EXPECT_NE(md.find("why 19\\:00 \\(72%\\)\\: you often start"), std::string::npos);
  EXPECT_NE(md.find("| 2024\\-04\\-01 | 100 | calm 50% · happy 30% · sad 20% |"), std::string::npos);
}

TEST(MarkdownReport, EmptyDashboardSaysWhatToRun) {
  const auto md = render_markdown(nlohmann::json::object());
  EXPECT_NE(md.find("_not available yet \\(run sonic train session\\)_"), std::string::npos);
  EXPECT_NE(md.find("_not available yet \\(no listens in this period to write about\\)_"), std::string::npos);
}

}  // namespace
}  // namespace sonic::report
