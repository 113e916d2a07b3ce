#include "sonic/net/requested_wait.hpp"
#include "sonic/net/retry_policy.hpp"

#include <gtest/gtest.h>

namespace sonic::net {
namespace {

using std::chrono::milliseconds;

constexpr std::int64_t kNow = 1'777'636'800'000;  // 2026-05-01T12:00:00Z

HttpHeaders headers(std::initializer_list<HttpHeaders::Field> fields) {
  HttpHeaders result;
  for (const auto& [name, value] : fields) result.add(name, value);
  return result;
}

TEST(RetryableStatus, ServerErrorsTimeoutsAndRateLimitsOnly) {
  for (const int status : {408, 429, 500, 502, 503, 504}) EXPECT_TRUE(is_retryable_status(status)) << status;
  for (const int status : {200, 301, 400, 401, 403, 404, 409}) EXPECT_FALSE(is_retryable_status(status)) << status;
}

TEST(Backoff, CeilingDoublesUpToTheCapWithoutOverflowing) {
  const Backoff backoff(milliseconds(500), milliseconds(8000), 1);
  EXPECT_EQ(backoff.ceiling(0), milliseconds(500));
  EXPECT_EQ(backoff.ceiling(1), milliseconds(1000));
  EXPECT_EQ(backoff.ceiling(4), milliseconds(8000));
  EXPECT_EQ(backoff.ceiling(5), milliseconds(8000));
  EXPECT_EQ(backoff.ceiling(1000), milliseconds(8000));
}

TEST(Backoff, FullJitterStaysUnderTheCeilingAndIsReproducible) {
  Backoff first(milliseconds(500), milliseconds(8000), 42);
  Backoff same(milliseconds(500), milliseconds(8000), 42);
  Backoff other(milliseconds(500), milliseconds(8000), 43);
  bool differs = false;
  for (int retry = 0; retry < 8; ++retry) {
    const auto delay = first.delay(retry);
    EXPECT_GE(delay.count(), 0);
    EXPECT_LE(delay, first.ceiling(retry));
    EXPECT_EQ(delay, same.delay(retry));
    differs = differs || delay != other.delay(retry);
  }
  EXPECT_TRUE(differs);
}

TEST(Backoff, FullJitterIsUniformOverTheWholeRange) {
  // Mean of uniform [0, 1000] is 500; its standard error over 4000 draws is about 4.6 ms.
  Backoff backoff(milliseconds(1000), milliseconds(1000), 7);
  double sum = 0;
  std::int64_t smallest = 1000;
  for (int i = 0; i < 4000; ++i) {
    const auto delay = backoff.delay(0).count();
    sum += static_cast<double>(delay);
    smallest = std::min(smallest, delay);
  }
  EXPECT_NEAR(sum / 4000, 500.0, 25.0);
  EXPECT_LT(smallest, 10);  // not "equal jitter", which never goes below half
}

TEST(RequestedWait, ReadsRetryAfterSeconds) {
  EXPECT_EQ(requested_wait(headers({{"Retry-After", "3"}}), kNow), milliseconds(3000));
  EXPECT_EQ(requested_wait(headers({{"retry-after", " 0 "}}), kNow), milliseconds(0));
  EXPECT_EQ(requested_wait(headers({{"Retry-After", "1.5"}}), kNow), milliseconds(1500));
}

TEST(RequestedWait, PrefersRetryAfterMsAndRoundsUp) {
  EXPECT_EQ(requested_wait(headers({{"Retry-After", "3"}, {"retry-after-ms", "250"}}), kNow), milliseconds(250));
  EXPECT_EQ(requested_wait(headers({{"retry-after-ms", "12.2"}}), kNow), milliseconds(13));
}

TEST(RequestedWait, ReadsEveryHttpDateFormRelativeToNow) {
  EXPECT_EQ(requested_wait(headers({{"Retry-After", "Fri, 01 May 2026 12:00:07 GMT"}}), kNow), milliseconds(7000));
  EXPECT_EQ(requested_wait(headers({{"Retry-After", "Friday, 01-May-26 12:01:00 GMT"}}), kNow), milliseconds(60'000));
  EXPECT_EQ(requested_wait(headers({{"Retry-After", "Fri May  1 12:00:30 2026"}}), kNow), milliseconds(30'000));
  // A date already past means "now".
  EXPECT_EQ(requested_wait(headers({{"Retry-After", "Fri, 01 May 2026 11:00:00 GMT"}}), kNow), milliseconds(0));
}

TEST(RequestedWait, IgnoresWhatItCannotRead) {
  EXPECT_FALSE(requested_wait(headers({}), kNow));
  EXPECT_FALSE(requested_wait(headers({{"Retry-After", "soon"}}), kNow));
  EXPECT_FALSE(requested_wait(headers({{"Retry-After", "-3"}}), kNow));
  EXPECT_FALSE(requested_wait(headers({{"Retry-After", ""}}), kNow));
  // An unreadable retry-after-ms falls back to Retry-After.
  EXPECT_EQ(requested_wait(headers({{"retry-after-ms", "NaN"}, {"Retry-After", "2"}}), kNow), milliseconds(2000));
}

TEST(RequestedWait, AbsurdWaitsAreClampedNotOverflowed) {
  const auto wait = requested_wait(headers({{"Retry-After", "99999999999999999999999"}}), kNow);
  ASSERT_TRUE(wait);
  EXPECT_GT(wait->count(), std::int64_t{365} * 24 * 3600 * 1000);
  EXPECT_LT(wait->count(), std::int64_t{11} * 366 * 24 * 3600 * 1000);
}

}  // namespace
}  // namespace sonic::net
