// Which hours the session model learns from, and when there are too few.
#include "sonic/session/session_window.hpp"

#include <gtest/gtest.h>

#include "planted_rhythm.hpp"
#include "sonic/core/error.hpp"

namespace sonic::session {
namespace {

std::string message_of(const records::SessionHistory& history, int window_days) {
  try {
    choose_session_window(history, TimeZone::named("UTC"), window_days);
  } catch (const Error& error) {
    return error.what();
  }
  return "";
}

TEST(SessionWindow, IsTheLastWindowDaysOfWholeHoursEndingWithTheLastSession) {
  const TimeZone zone = TimeZone::named("Europe/Berlin");
  const auto history = testing::planted_rhythm(zone, 200, 1);
  const SessionWindow window = choose_session_window(history, zone, 90);
  const std::int64_t last_end = history.sessions.back().end_ms;
  EXPECT_LE(window.to_ms, last_end);
  EXPECT_GT(window.to_ms, last_end - kMsPerHour);
  EXPECT_GE(window.from_ms, last_end - 90 * kMsPerDay);
  EXPECT_LT(window.from_ms, last_end - 90 * kMsPerDay + kMsPerHour);
  EXPECT_EQ(window.hour_starts_ms.front(), window.from_ms);
  EXPECT_EQ(window.hour_starts_ms.back() + kMsPerHour, window.to_ms);
  EXPECT_EQ(zone.local(window.from_ms).minute, 0);
}

TEST(SessionWindow, AShortHistoryStartsAtItsFirstSession) {
  const TimeZone zone = TimeZone::named("UTC");
  const auto history = testing::planted_rhythm(zone, 30, 1);
  const SessionWindow window = choose_session_window(history, zone, 90);
  EXPECT_LE(window.from_ms, history.sessions.front().start_ms);
  EXPECT_GT(window.from_ms + kMsPerHour, history.sessions.front().start_ms);
}

TEST(SessionWindow, RefusesTooLittleHistoryWithWhatThereIs) {
  const auto history = testing::planted_rhythm(TimeZone::named("UTC"), 10, 1);
  const std::string message = message_of(history, 90);
  EXPECT_NE(message.find("too little listening history for the session model: 9 days"), std::string::npos) << message;
  EXPECT_NE(message.find("at least 14"), std::string::npos) << message;
  // A long history, but a window shorter than the minimum.
  EXPECT_NE(message_of(testing::planted_rhythm(TimeZone::named("UTC"), 100, 1), 7).find("too little"),
            std::string::npos);
  EXPECT_NE(message_of({}, 90).find("no listening sessions in the store"), std::string::npos);
}

}  // namespace
}  // namespace sonic::session
