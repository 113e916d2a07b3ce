#include "sonic/session/session_window.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "sonic/core/error.hpp"
#include "sonic/core/utc_time.hpp"
#include "sonic/features/local_hours.hpp"

namespace sonic::session {

SessionWindow choose_session_window(const records::SessionHistory& history, const TimeZone& zone, int window_days) {
  if (window_days < 1) throw UsageError("--window must be at least 1 day, not " + std::to_string(window_days));
  if (history.sessions.empty()) {
    throw InputError(
        "no listening sessions in the store: import your Spotify history first "
        "(sonic import my_spotify_data.zip)");
  }
  std::int64_t last_end = 0;
  for (const auto& session : history.sessions) last_end = std::max(last_end, session.end_ms);
  const std::int64_t first_start = history.sessions.front().start_ms;

  SessionWindow window;
  // Only whole hours that had ended by the last thing the store knows: a later hour's target is
  // unknown, not "no session".
  const auto window_from = [&](std::int64_t days) {
    return std::max(first_start - kMsPerHour, last_end - days * kMsPerDay);
  };
  const std::int64_t from = window_from(window_days);
  window.evaluation_from_ms = window_from(kEvaluationDays);
  window.hour_starts_ms = features::local_hour_starts(zone, from, last_end - kMsPerHour + 1);
  if (!window.hour_starts_ms.empty()) {
    window.from_ms = window.hour_starts_ms.front();
    window.to_ms = window.hour_starts_ms.back() + kMsPerHour;
  }
  if (window.days() < kMinimumHistoryDays) {
    throw InputError("too little listening history for the session model: " +
                     std::to_string(static_cast<int>(std::floor(std::max(0.0, window.days())))) + " days (" +
                     format_iso8601_utc(first_start) + " to " + format_iso8601_utc(last_end) + "), it needs at least " +
                     std::to_string(kMinimumHistoryDays));
  }
  return window;
}

}  // namespace sonic::session
