#pragma once
// The session model's forecast: the chance that a listening session starts in each of the coming
// local hours, and the reasons behind the likeliest ones. The rows are built by the same
// features::build_session_dataset as in training, from the history before the forecast starts,
// so each future hour is described as if nothing happened between now and then.
#include <cstdint>
#include <vector>

#include "sonic/core/time_zone.hpp"
#include "sonic/features/session_dataset.hpp"
#include "sonic/ml/gbdt/model.hpp"
#include "sonic/session/session_reasons.hpp"

namespace sonic::session {

struct HourForecast {
  std::int64_t start_ms = 0;
  LocalTime local;
  double probability = 0;
  std::vector<SessionReason> reasons;  // only for the likeliest hours
};

struct ForecastOptions {
  int hours = 24;
  int explained_hours = 3;  // how many of the likeliest hours get reasons
  int reasons_per_hour = 3;
};

// The `hours` local hours from the first whole local hour at or after `from_ms`, in order.
// History from `from_ms` on is ignored: a forecast knows only the past.
std::vector<HourForecast> forecast_session_starts(const ml::GbdtModel& model, const records::SessionHistory& history,
                                                  const TimeZone& zone, std::int64_t from_ms,
                                                  const ForecastOptions& options);

}  // namespace sonic::session
