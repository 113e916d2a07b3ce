#include "sonic/features/sessions.hpp"

#include <gtest/gtest.h>

namespace sonic::features {
namespace {

constexpr std::int64_t kMinute = 60'000;

TEST(Sessions, GapOfMoreThanThirtyMinutesStartsANewSession) {
  const std::vector<records::Listen> listens = {
      {0, 3 * kMinute, 3 * kMinute},
      {3 * kMinute, 7 * kMinute, 4 * kMinute},
      {37 * kMinute, 40 * kMinute, 3 * kMinute},          // exactly 30 min after: same session
      {70 * kMinute + 1, 73 * kMinute, 3 * kMinute - 1},  // 30 min + 1 ms: new session
  };
  const auto sessions = group_into_sessions(listens, kDefaultSessionGapMs);
  ASSERT_EQ(sessions.size(), 2u);
  EXPECT_EQ(sessions[0].start_ms, 0);
  EXPECT_EQ(sessions[0].end_ms, 40 * kMinute);
  EXPECT_EQ(sessions[0].plays, 3);
  EXPECT_EQ(sessions[0].ms_played, 10 * kMinute);
  EXPECT_EQ(sessions[1].start_ms, 70 * kMinute + 1);
  EXPECT_EQ(sessions[1].plays, 1);
}

TEST(Sessions, OverlappingPlaysExtendToTheLatestEnd) {
  // A long track, and a short one that started during it: the gap counts from the long end.
  const std::vector<records::Listen> listens = {
      {0, 60 * kMinute, 60 * kMinute},
      {10 * kMinute, 12 * kMinute, 2 * kMinute},
      {80 * kMinute, 83 * kMinute, 3 * kMinute},
  };
  const auto sessions = group_into_sessions(listens, kDefaultSessionGapMs);
  ASSERT_EQ(sessions.size(), 1u);
  EXPECT_EQ(sessions[0].end_ms, 83 * kMinute);
}

TEST(Sessions, GapIsConfigurable) {
  const std::vector<records::Listen> listens = {{0, kMinute, kMinute}, {11 * kMinute, 12 * kMinute, kMinute}};
  EXPECT_EQ(group_into_sessions(listens, 10 * kMinute).size(), 1u);
  EXPECT_EQ(group_into_sessions(listens, 10 * kMinute - 1).size(), 2u);
  EXPECT_TRUE(group_into_sessions({}, kDefaultSessionGapMs).empty());
}

}  // namespace
}  // namespace sonic::features
