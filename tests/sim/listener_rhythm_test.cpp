// The listener's habits, measured from the rows the way sonic's insight features will measure
// them: local time of day and week against what was played.
#include <gtest/gtest.h>

#include <map>

#include "sim_fixtures.hpp"
#include "sonic/sim/civil_time.hpp"

namespace sonic::sim {
namespace {

using testing::local_day;
using testing::local_hour;
using testing::start_seconds;

struct FirstSessionHours {
  double weekday = 0;
  double weekend = 0;
};

// Mean local start hour (fractional) of each day's first session, weekdays and weekends apart.
FirstSessionHours mean_first_session_hour(const History& history) {
  const int offset = history.options.utc_offset_minutes;
  std::map<std::int64_t, double> first_hour_by_day;
  for (const auto& session : history.sessions) {
    const StreamRow& first = history.rows[session.first_row];
    const std::int64_t local = start_seconds(first) + offset * 60;
    const std::int64_t day = local_day(start_seconds(first), offset);
    first_hour_by_day.try_emplace(day, static_cast<double>(local - day * 86400) / 3600.0);
  }
  double sums[2] = {0, 0};
  int counts[2] = {0, 0};
  for (const auto& [day, hour] : first_hour_by_day) {
    const int weekend = is_weekend(day) ? 1 : 0;
    sums[weekend] += hour;
    ++counts[weekend];
  }
  return {sums[0] / counts[0], sums[1] / counts[1]};
}

TEST(ListenerRhythm, WeekendsStartLaterThanWeekdays) {
  const FirstSessionHours hours = mean_first_session_hour(testing::default_year());
  EXPECT_GT(hours.weekday, 6.5);
  EXPECT_LT(hours.weekday, 11.0);
  EXPECT_GT(hours.weekend - hours.weekday, 1.5);
}

TEST(ListenerRhythm, FollowsTheLocalClockWhateverTheOffset) {
  SimulationOptions new_york;
  new_york.utc_offset_minutes = -300;
  const FirstSessionHours hours = mean_first_session_hour(simulate_listener(new_york));
  EXPECT_GT(hours.weekday, 6.5);
  EXPECT_LT(hours.weekday, 11.0);
  EXPECT_GT(hours.weekend - hours.weekday, 1.5);
}

TEST(ListenerRhythm, WeekendEveningSessionsAreLonger) {
  double tracks[2] = {0, 0};
  int sessions[2] = {0, 0};
  for (const auto& session : testing::default_year().sessions) {
    const int weekend = session.weekend ? 1 : 0;
    tracks[weekend] += static_cast<double>(session.row_count);
    ++sessions[weekend];
  }
  EXPECT_GT(tracks[1] / sessions[1], tracks[0] / sessions[0] * 1.2);
}

struct MeanFeatures {
  double energy = 0;
  double valence = 0;
  double instrumentalness = 0;
  int plays = 0;
};

// Features of the music played (skips excluded) whose local start hour is in [from, to).
MeanFeatures features_played_between(const History& history, int from, int to) {
  std::map<std::string, const AudioFeatures*> by_uri;
  for (const auto& track : history.catalog.tracks) by_uri[track.uri()] = &track.features;
  MeanFeatures mean;
  for (const StreamRow& row : history.rows) {
    if (!row.spotify_track_uri || row.skipped) continue;
    const int hour = local_hour(start_seconds(row), history.options.utc_offset_minutes);
    const bool inside = from < to ? (hour >= from && hour < to) : (hour >= from || hour < to);
    if (!inside) continue;
    const AudioFeatures& features = *by_uri.at(*row.spotify_track_uri);
    mean.energy += features.energy;
    mean.valence += features.valence;
    mean.instrumentalness += features.instrumentalness;
    ++mean.plays;
  }
  mean.energy /= mean.plays;
  mean.valence /= mean.plays;
  mean.instrumentalness /= mean.plays;
  return mean;
}

TEST(ListenerRhythm, MoodShiftsWithTheTimeOfDay) {
  const History& history = testing::default_year();
  const MeanFeatures morning = features_played_between(history, 6, 11);
  const MeanFeatures afternoon = features_played_between(history, 13, 17);
  const MeanFeatures evening = features_played_between(history, 19, 23);
  const MeanFeatures late_night = features_played_between(history, 23, 3);
  ASSERT_GT(morning.plays, 500);
  ASSERT_GT(afternoon.plays, 500);
  ASSERT_GT(evening.plays, 500);
  ASSERT_GT(late_night.plays, 100);
  EXPECT_GT(evening.energy - morning.energy, 0.1);                        // energetic evenings, calm mornings
  EXPECT_GT(afternoon.instrumentalness - evening.instrumentalness, 0.2);  // focus afternoons
  EXPECT_LT(late_night.valence, evening.valence - 0.1);                   // sad late nights
}

}  // namespace
}  // namespace sonic::sim
