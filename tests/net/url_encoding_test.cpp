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
