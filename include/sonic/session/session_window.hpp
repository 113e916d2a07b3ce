#pragma once
// Which hours a session model learns from: the last `window_days` days of the history (a rolling
// window, so an old habit fades out), cut to whole local hours, and never before the first
// session. Hours before the window still feed the features (last 7 / 30 days) of its first rows.
#include <cstdint>
#include <vector>

#include "sonic/core/time_zone.hpp"
#include "sonic/features/session_dataset.hpp"

namespace sonic::session {

inline constexpr int kDefaultWindowDays = 90;
inline constexpr int kMinimumHistoryDays = 14;

struct SessionWindow {
  std::int64_t from_ms = 0;  // the first hour's start
  std::int64_t to_ms = 0;    // the last hour's end: the last session's end, or before it
  std::vector<std::int64_t> hour_starts_ms;

  double days() const { return static_cast<double>(to_ms - from_ms) / 86'400'000.0; }
};

// Throws InputError when the history holds no session or spans fewer than
// kMinimumHistoryDays days, saying how much there is; UsageError for window_days < 1.
SessionWindow choose_session_window(const records::SessionHistory& history, const TimeZone& zone, int window_days);

}  // namespace sonic::session
