#include "sonic/net/http_errors.hpp"

#include <gtest/gtest.h>

namespace sonic::net {
namespace {

TEST(BodyExcerpt, CollapsesWhiteSpaceAndControlCharacters) {
  EXPECT_EQ(body_excerpt("  {\n  \"error\":\t\"x\"\x1b[31m }\r\n"), "{ \"error\": \"x\" [31m }");
  EXPECT_EQ(body_excerpt(""), "");
}

TEST(BodyExcerpt, CutsLongBodiesAndMarksTheCut) {
  EXPECT_EQ(body_excerpt(std::string(500, 'a'), 10), "aaaaaaaaaa...");
  EXPECT_EQ(body_excerpt("abcdefghij", 10), "abcdefghij");
}

TEST(BodyExcerpt, NeverSplitsAUtf8Character) {
  // Three two-byte characters cut at 5 bytes: the third must go entirely.
  EXPECT_EQ(body_excerpt("\xC3\xA9\xC3\xA9\xC3\xA9", 5), "\xC3\xA9\xC3\xA9...");
  EXPECT_EQ(body_excerpt("a\xF0\x9F\x8E\xB5z", 3), "a...");
}

TEST(DescribeDuration, PicksReadableUnits) {
  using std::chrono::milliseconds;
  EXPECT_EQ(describe_duration(milliseconds(850)), "850 ms");
  EXPECT_EQ(describe_duration(milliseconds(3000)), "3.0 s");
  EXPECT_EQ(describe_duration(milliseconds(125'000)), "2 min 5 s");
  EXPECT_EQ(describe_duration(milliseconds(74'214'000)), "20 h 36 min");
}

TEST(HttpStatusError, ServerFailuresMeanRetryLaterOthersNeedAPerson) {
  EXPECT_EQ(HttpStatusError("GET x", 503, "").code(), ExitCode::network);
  EXPECT_EQ(HttpStatusError("GET x", 408, "").code(), ExitCode::network);
  EXPECT_EQ(HttpStatusError("GET x", 400, "").code(), ExitCode::unexpected);
  EXPECT_EQ(HttpStatusError("GET x", 429, "").code(), ExitCode::unexpected);
  const HttpStatusError error("GET x", 404, "{\"error\": \n \"no such track\"}");
  EXPECT_STREQ(error.what(), "GET x answered HTTP 404: {\"error\": \"no such track\"}");
  EXPECT_EQ(error.body(), "{\"error\": \n \"no such track\"}");
}

TEST(RateLimitedError, CarriesWhenToComeBack) {
  const RateLimitedError error("GET x", 429, std::chrono::milliseconds(90'000), 1'777'636'800'000);
  EXPECT_EQ(error.code(), ExitCode::rate_limited);
  EXPECT_EQ(error.retry_at_ms(), 1'777'636'890'000);
  EXPECT_EQ(error.wait(), std::chrono::milliseconds(90'000));
  EXPECT_STREQ(error.what(),
               "GET x answered HTTP 429 and asks us to wait 1 min 30 s, until "
               "2026-05-01T12:01:30.000Z; try again after that");
}

}  // namespace
}  // namespace sonic::net
