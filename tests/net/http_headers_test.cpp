#include "sonic/net/http_headers.hpp"

#include <gtest/gtest.h>

namespace sonic::net {
namespace {

TEST(HttpHeaders, FindsNamesWhateverTheirCase) {
  HttpHeaders headers;
  headers.add("Retry-After", "3");
  EXPECT_EQ(headers.find("retry-after"), "3");
  EXPECT_EQ(headers.find("RETRY-AFTER"), "3");
  EXPECT_FALSE(headers.find("Retry-After-Ms").has_value());
  EXPECT_FALSE(headers.contains("Retry"));
}

TEST(HttpHeaders, AddKeepsDuplicatesAndFindReturnsTheFirst) {
  HttpHeaders headers;
  headers.add("Set-Cookie", "a=1");
  headers.add("set-cookie", "b=2");
  EXPECT_EQ(headers.size(), 2u);
  EXPECT_EQ(headers.find("Set-Cookie"), "a=1");
}

TEST(HttpHeaders, SetReplacesEveryFieldOfThatName) {
  HttpHeaders headers;
  headers.add("Accept", "text/plain");
  headers.add("X-Other", "kept");
  headers.add("accept", "text/html");
  headers.set("ACCEPT", "application/json");
  ASSERT_EQ(headers.size(), 2u);
  EXPECT_EQ(headers.find("Accept"), "application/json");
  headers.remove("x-other");
  EXPECT_EQ(headers.size(), 1u);
}

}  // namespace
}  // namespace sonic::net
