#include "sonic/sim/history.hpp"

#include <limits>

#include "daily_rhythm.hpp"
#include "session_builder.hpp"
#include "sonic/sim/civil_time.hpp"

namespace sonic::sim {
namespace {

// Independent random streams, so the catalog does not change when only the days do.
constexpr std::uint64_t kCatalogStream = 1;
constexpr std::uint64_t kListeningStream = 2;

constexpr double kQuietDayChance = 0.04;  // ill, travelling, or just not in the mood
// Sessions are at least this far apart: comfortably over the 30-minute rule even after `ts`
// is truncated to whole seconds.
constexpr std::int64_t kMinimumGapMs = 35 * 60'000;
constexpr std::int64_t kLongestDelayMs = 20 * 60'000;  // a slot pushed back by a long session

std::int64_t local_to_utc_ms(std::int64_t day, std::int64_t local_seconds, int offset_minutes) {
  return (day * 86400 + local_seconds - std::int64_t{offset_minutes} * 60) * 1000;
}

}  // namespace

History simulate_listener(const SimulationOptions& options) {
  validate(options);
  History history;
  history.options = options;
  history.catalog =
      generate_catalog(options.catalog_size, SeededRandom::for_stream(options.seed, kCatalogStream).next_u64());

  SeededRandom random = SeededRandom::for_stream(options.seed, kListeningStream);
  SessionBuilder builder(history.catalog, options, random);
  const std::int64_t first_day = days_from_civil(options.start_date);
  std::int64_t earliest_next_start_ms = std::numeric_limits<std::int64_t>::min();

  for (std::int64_t day = first_day; day < first_day + options.days; ++day) {
    if (random.chance(kQuietDayChance)) continue;
    const bool weekend = is_weekend(day);
    for (const RoutineSlot& slot : weekend ? weekend_routine() : weekday_routine()) {
      if (!random.chance(slot.probability)) continue;
      const std::int64_t local_seconds =
          random.integer(slot.earliest_start_minute * 60, slot.latest_start_minute * 60 + 59);
      std::int64_t start_ms = local_to_utc_ms(day, local_seconds, options.utc_offset_minutes) + random.integer(0, 999);
      if (start_ms < earliest_next_start_ms) {
        // The previous session ran long: start later, or skip the slot if it is over by then.
        start_ms = earliest_next_start_ms + random.integer(0, kLongestDelayMs);
        const std::int64_t slot_closes_ms =
            local_to_utc_ms(day, slot.latest_start_minute * 60 + 59, options.utc_offset_minutes);
        if (start_ms > slot_closes_ms) continue;
      }
      history.sessions.push_back(builder.build(slot, start_ms, weekend, history.rows));
      earliest_next_start_ms = history.sessions.back().end_ms + kMinimumGapMs;
    }
  }
  return history;
}

}  // namespace sonic::sim
