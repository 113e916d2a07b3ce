#include "sonic/report/text_cell.hpp"

#include <gtest/gtest.h>

namespace sonic::report {
namespace {

TEST(TextCell, ControlCharactersCannotReachTheTerminal) {
  const std::string hostile = "Track\x1b[2J\x1b]0;owned\x07 name\n";
  const std::string safe = terminal_safe(hostile);
  EXPECT_EQ(safe.find('\x1b'), std::string::npos);
  EXPECT_EQ(safe.find('\n'), std::string::npos);
  EXPECT_EQ(safe.find('\x07'), std::string::npos);
  EXPECT_NE(safe.find("Track"), std::string::npos);
  EXPECT_EQ(terminal_safe("\xC3\x28"), "\xEF\xBF\xBD(");  // invalid UTF-8 is replaced
  EXPECT_EQ(terminal_safe("\xC2\x9B"), "\xEF\xBF\xBD");   // C1 control (CSI)
}

TEST(TextCell, WidthCountsWideCharactersTwice) {
  EXPECT_EQ(display_width("abc"), 3);
  EXPECT_EQ(display_width("Beyoncé"), 7);
  EXPECT_EQ(display_width("坂本龍一"), 8);
}

TEST(TextCell, CellsCutAndPadToExactWidth) {
  EXPECT_EQ(cell("abc", 5), "abc  ");
  EXPECT_EQ(cell("42", 5, true), "   42");
  EXPECT_EQ(cell("abcdefgh", 5), "abcd…");
  EXPECT_EQ(display_width(cell("坂本龍一坂本龍一", 7)), 7);
  EXPECT_EQ(cell("坂本龍一", 5), "坂本…");
  EXPECT_EQ(cell("坂本龍一", 6), "坂本… ");  // a wide character never straddles the edge
}

}  // namespace
}  // namespace sonic::report
