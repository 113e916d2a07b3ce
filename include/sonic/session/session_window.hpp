#pragma once
// Which hours a session model learns from: by default the whole history (recency weights in the
// trainer let an old habit fade out), or the last `window_days` days of it, cut to whole local
// hours, and never before the first session. Hours before the window still feed the features
// (the last 7 days to 52 weeks) of its first rows.
#include <cstdint>
#include <vector>

#include "sonic/core/time_zone.hpp"
#include "sonic/features/session_dataset.hpp"

namespace sonic::session {

// A hundred years: every hour since the first session. (The --session-window options top out here.)
inline constexpr int kWholeHistoryDays = 36500;
inline constexpr int kDefaultWindowDays = kWholeHistoryDays;
// The held-out hours are the last fifth of the last kEvaluationDays days (fewer in a shorter
// window): the same hours whatever the window, so windows and models compare on them.
inline constexpr int kEvaluationDays = 90;
inline constexpr int kMinimumHistoryDays = 14;

struct SessionWindow {
  std::int64_t from_ms = 0;  // the first hour's start
  std::int64_t to_ms = 0;    // the last hour's end: the last session's end, or before it
  std::vector<std::int64_t> hour_starts_ms;
  // Where a kEvaluationDays-day window would begin: the hours from here on are the evaluated
  // ones (test and validation), the same for every window that reaches back this far.
  std::int64_t evaluation_from_ms = 0;

  double days() const { return static_cast<double>(to_ms - from_ms) / 86'400'000.0; }
};

// Throws InputError when the history holds no session or spans fewer than
// kMinimumHistoryDays days, saying how much there is; UsageError for window_days < 1.
SessionWindow choose_session_window(const records::SessionHistory& history, const TimeZone& zone, int window_days);

}  // namespace sonic::session
