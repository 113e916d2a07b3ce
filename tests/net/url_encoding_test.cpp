#include "sonic/net/url_encoding.hpp"

#include <gtest/gtest.h>

namespace sonic::net {
namespace {

TEST(PercentEncode, KeepsUnreservedCharacters) {
  EXPECT_EQ(percent_encode("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(percent_encode(""), "");
}

TEST(PercentEncode, EncodesEverythingElseAsUpperCaseHex) {
  EXPECT_EQ(percent_encode("AC/DC & Hells Bells"), "AC%2FDC%20%26%20Hells%20Bells");
  EXPECT_EQ(percent_encode("a+b=c?d#e%f"), "a%2Bb%3Dc%3Fd%23e%25f");
  EXPECT_EQ(percent_encode("Beyonc\xC3\xA9"), "Beyonc%C3%A9");  // UTF-8 bytes one by one
  EXPECT_EQ(percent_encode(std::string("\0\x7f", 2)), "%00%7F");
}

}  // namespace
}  // namespace sonic::net

namespace sonic::net {
namespace {

TEST(PercentDecode, UndoesPercentEncodeAndReadsPlusAsSpace) {
  const std::string awkward = "AC/DC & Hells+Bells \xC3\xA9 100%";
  EXPECT_EQ(percent_decode(percent_encode(awkward)), awkward);
  EXPECT_EQ(percent_decode("a+b%2Bc%2fd"), "a b+c/d");
}

TEST(PercentDecode, KeepsAPercentSignWithoutTwoHexDigits) {
  EXPECT_EQ(percent_decode("100%"), "100%");
  EXPECT_EQ(percent_decode("%4"), "%4");
  EXPECT_EQ(percent_decode("%zz%41"), "%zzA");
}

TEST(ParseQuery, DecodedPairsInOrder) {
  const auto pairs = parse_query("code=AQB%2Fx&state=s+1&&flag&code=second");
  ASSERT_EQ(pairs.size(), 4u);
  EXPECT_EQ(pairs[0], std::make_pair(std::string("code"), std::string("AQB/x")));
  EXPECT_EQ(pairs[1], std::make_pair(std::string("state"), std::string("s 1")));
  EXPECT_EQ(pairs[2], std::make_pair(std::string("flag"), std::string()));
  EXPECT_EQ(pairs[3], std::make_pair(std::string("code"), std::string("second")));
  EXPECT_TRUE(parse_query("").empty());
}

}  // namespace
}  // namespace sonic::net
