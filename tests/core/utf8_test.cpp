// Cutting and counting UTF-8 text by bytes and by characters, on hand-made strings: "é" is two
// bytes (C3 A9), "€" three (E2 82 AC), "𝄞" four (F0 9D 84 9E).
#include "sonic/core/utf8.hpp"

#include <gtest/gtest.h>

namespace sonic {
namespace {

TEST(Utf8, ABytePrefixNeverEndsInsideACharacter) {
  EXPECT_EQ(utf8_prefix("aé€", 2), "a");  // byte 2 is the second half of é
  EXPECT_EQ(utf8_prefix("aé€", 3), "aé");
  EXPECT_EQ(utf8_prefix("aé€", 5), "aé");  // € needs bytes 3..5
  EXPECT_EQ(utf8_prefix("aé€", 6), "aé€");
}

TEST(Utf8, ACharacterPrefixCountsWhatAReaderSees) {
  EXPECT_EQ(utf8_prefix_characters("aé€𝄞b", 0), "");
  EXPECT_EQ(utf8_prefix_characters("aé€𝄞b", 2), "aé");
  EXPECT_EQ(utf8_prefix_characters("aé€𝄞b", 4), "aé€𝄞");  // 10 bytes
  EXPECT_EQ(utf8_prefix_characters("aé€𝄞b", 5), "aé€𝄞b");
  EXPECT_EQ(utf8_prefix_characters("aé€𝄞b", 99), "aé€𝄞b");
  EXPECT_EQ(utf8_length(utf8_prefix_characters("ééééé", 3)), 3u);
}

TEST(Utf8, TheLengthIsTheCharacters) {
  EXPECT_EQ(utf8_length(""), 0u);
  EXPECT_EQ(utf8_length("aé€𝄞b"), 5u);
}

}  // namespace
}  // namespace sonic
