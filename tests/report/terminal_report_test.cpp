#include "sonic/report/terminal_report.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "report/sample_dashboard.hpp"
#include "sonic/report/text_cell.hpp"

namespace sonic::report {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) lines.push_back(line);
  return lines;
}

// Display width without the ANSI colour codes (which take no columns).
int visible_width(std::string line) {
  for (auto at = line.find('\x1b'); at != std::string::npos; at = line.find('\x1b')) {
    line.erase(at, line.find('m', at) - at + 1);
  }
  return display_width(line);
}

TEST(TerminalReport, EveryLineFitsEightyColumns) {
  for (const bool colour : {false, true}) {
    const auto text = render_terminal(testing::sample_dashboard(), {.colour = colour});
    const auto lines = lines_of(text);
    ASSERT_GT(lines.size(), 40u);
    for (const auto& line : lines) EXPECT_LE(visible_width(line), 80) << line;
  }
}

TEST(TerminalReport, ShowsEverySection) {
  const auto text = render_terminal(testing::sample_dashboard(), {.colour = false});
  EXPECT_NE(text.find("12,345 listens · 823.4 hours · 4,321 tracks · 1,234 artists"), std::string::npos);
  EXPECT_NE(text.find("  Fri  "), std::string::npos);
  EXPECT_NE(text.find("busiest hour: Fri 21:00 (120 minutes in all)"), std::string::npos);
  EXPECT_NE(text.find("calm 50% · happy 30% · sad 20%"), std::string::npos);
  EXPECT_NE(text.find("by time of day (moods):"), std::string::npos);
  EXPECT_NE(text.find("  Weekday morning     calm 60% · happy 40%\n"), std::string::npos);
  EXPECT_NE(text.find("  Weekend night       sad 70% · calm 30%\n"), std::string::npos);
  EXPECT_NE(text.find("▲ sessions per day                 +26%   3.10 → 3.90\n"), std::string::npos);
  EXPECT_NE(text.find("▲ mood mix (share moved)           +35%\n"), std::string::npos)
      << "a distance has no before and after";
  EXPECT_NE(text.find("+26%"), std::string::npos);
  EXPECT_NE(text.find("▼ start-hour entropy"), std::string::npos);
  EXPECT_NE(text.find("accuracy 0.812"), std::string::npos);
  EXPECT_NE(text.find("likeliest: 19:00 (72%)"), std::string::npos);
  EXPECT_NE(text.find("why 19:00 (72%): you often start a session around 19:00; you listen more on"),
            std::string::npos);
  EXPECT_NE(text.find("(offline narrator)"), std::string::npos);
  EXPECT_NE(text.find("sonic summarize --period all"), std::string::npos);
  EXPECT_NE(text.find("A second paragraph"), std::string::npos);
  EXPECT_EQ(text.find("not available yet"), std::string::npos);
}

TEST(TerminalReport, NoEscapeSequencesWithoutColour) {
  const auto text = render_terminal(testing::sample_dashboard(), {.colour = false});
  EXPECT_EQ(text.find('\x1b'), std::string::npos);  // the crafted name's ESC included
  EXPECT_NE(text.find("Evil\xEF\xBF\xBD[2JClear"), std::string::npos);
}

TEST(TerminalReport, ColourOnlyFromTheRendererItself) {
  const auto text = render_terminal(testing::sample_dashboard(), {.colour = true});
  EXPECT_NE(text.find("\x1b[1;36mOverview\x1b[0m"), std::string::npos);
  EXPECT_EQ(text.find("\x1b[2J"), std::string::npos);
}

TEST(TerminalReport, EmptySectionsSayWhatToRun) {
  const nlohmann::json dashboard = {{"time_zone", "UTC"}, {"overview", {{"listens", 0}}}};
  const auto text = render_terminal(dashboard, {.colour = false});
  EXPECT_NE(text.find("not available yet (import your history"), std::string::npos);
  EXPECT_NE(text.find("not available yet (run sonic train session)"), std::string::npos);
  EXPECT_NE(text.find("not available yet (run sonic cluster, or sonic train mood --labels"), std::string::npos);
  EXPECT_NE(text.find("not available yet (drift needs 37 days of listening"), std::string::npos);
  EXPECT_NE(text.find("not available yet (no listens in this period"), std::string::npos);
  for (const auto& line : lines_of(text)) EXPECT_LE(display_width(line), 80) << line;
}

TEST(TerminalReport, NarrativeParagraphsIgnoreStrayLineBreaks) {
  nlohmann::json dashboard = testing::sample_dashboard();
  dashboard["narrative"] = {{"narrator", "openai:m"}, {"text", "One\nline.\r\n\n\nTwo.\n"}, {"cached", true}};
  const auto text = render_terminal(dashboard, {.colour = false});
  EXPECT_NE(text.find("In words (openai:m narrator)\n  One line.\n\n  Two.\n"), std::string::npos) << text;
  EXPECT_EQ(text.find("\xEF\xBF\xBD"), text.find("Evil\xEF\xBF\xBD") + 4) << "no replaced line breaks";
  EXPECT_EQ(text.find("sonic summarize"), std::string::npos) << "an online narrative needs no hint";
}

TEST(TerminalReport, MistypedSectionsAreSkippedNotFatal) {
  const nlohmann::json dashboard = {{"overview", "nonsense"},
                                    {"heatmap", {{"max", 5}, {"minutes", 3}}},
                                    {"drift", {{"flags", "x"}}},
                                    {"forecast", {{"hours", {1, 2}}}},
                                    {"models", {{{"metrics", {{"a", "b"}}}}}}};
  EXPECT_NO_THROW(render_terminal(dashboard, {.colour = false}));
}

TEST(TerminalReport, ColourWantedOnlyOnATerminalWithoutNoColor) {
  EXPECT_TRUE(colour_wanted(true, nullptr));
  EXPECT_TRUE(colour_wanted(true, ""));
  EXPECT_FALSE(colour_wanted(true, "1"));
  EXPECT_FALSE(colour_wanted(false, nullptr));
}

}  // namespace
}  // namespace sonic::report
