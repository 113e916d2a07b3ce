#include "sonic/report/history_stats.hpp"

#include <unordered_map>
#include <unordered_set>

#include "sonic/store/audio_feature_store.hpp"
#include "sonic/store/history_stats_queries.hpp"
#include "sonic/taste/listening_data.hpp"

namespace sonic::report {
namespace {

constexpr double kMsPerHourD = 3'600'000.0;

std::vector<RankedItem> ranked(const std::vector<store::RankedRow>& rows) {
  std::vector<RankedItem> items;
  for (const auto& row : rows) {
    items.push_back({row.name, row.detail, row.listens, static_cast<double>(row.ms_played) / kMsPerHourD});
  }
  return items;
}

void count_totals(store::Database& db, HistoryStats& stats) {
  const store::PlayTotals totals = store::play_totals(db);
  stats.plays = totals.plays;
  stats.listens = totals.listens;
  stats.short_plays = totals.short_plays;
  stats.episode_plays = totals.episode_plays;
  stats.hours = static_cast<double>(totals.listen_ms) / kMsPerHourD;
  stats.first_ms = totals.first_listen_start_ms.value_or(0);
  stats.last_ms = totals.last_listen_end_ms.value_or(0);

  stats.tracks = store::listened_track_count(db);
  stats.artists = store::listened_artist_count(db);
  const store::SessionAverages sessions = store::session_averages(db);
  stats.sessions = sessions.sessions;
  stats.mean_session_minutes = sessions.mean_ms.value_or(0) / 60'000.0;
  stats.mean_tracks_per_session = sessions.mean_plays.value_or(0);

  stats.plays_by_source = totals.plays_by_source;
}

// Local hour, weekday and year need the person's time zone, so they are counted here rather
// than in SQL.
void count_local_time(store::Database& db, const TimeZone& zone, HistoryStats& stats) {
  struct YearAccumulator {
    std::int64_t listens = 0;
    std::int64_t ms = 0;
    std::unordered_map<std::int64_t, std::int64_t> artist_listens;
    std::unordered_set<std::int64_t> tracks;
  };
  std::map<int, YearAccumulator> years;
  store::for_each_artist_listen(db, [&](const store::ArtistListen& listen) {
    const LocalTime local = zone.local(listen.start_ms);
    stats.listens_by_hour[static_cast<std::size_t>(local.hour)] += 1;
    stats.listens_by_weekday[static_cast<std::size_t>(local.weekday)] += 1;
    YearAccumulator& year = years[local.year];
    year.listens += 1;
    year.ms += listen.ms_played;
    year.tracks.insert(listen.track_id);
    year.artist_listens[listen.artist_id] += 1;
  });
  std::vector<std::int64_t> top_artists;
  for (const auto& [number, year] : years) {
    std::int64_t best_artist = 0;
    std::int64_t best_count = -1;
    for (const auto& [artist, count] : year.artist_listens) {
      // Ties go to the lower id, so the answer does not depend on hash order.
      if (count > best_count || (count == best_count && artist < best_artist)) {
        best_artist = artist;
        best_count = count;
      }
    }
    top_artists.push_back(best_artist);
  }
  const std::vector<std::string> names = store::artist_names(db, top_artists);
  std::size_t index = 0;
  for (const auto& [number, year] : years) {
    stats.years.push_back({number, year.listens, static_cast<double>(year.ms) / kMsPerHourD,
                           static_cast<std::int64_t>(year.tracks.size()), names[index++]});
  }
}

void count_feature_coverage(store::Database& db, HistoryStats& stats) {
  FeatureCoverage& coverage = stats.features;
  const store::FeatureCoverage tracks = store::feature_coverage(db);
  coverage.tracks = tracks.tracks;
  coverage.tracks_with_features = tracks.tracks_with_features;
  coverage.listens_with_features = store::listens_with_features(db);
  coverage.tracks_by_source = store::listened_tracks_by_feature_source(db);
}

}  // namespace

HistoryStats compute_history_stats(store::Database& db, const TimeZone& zone, int top) {
  HistoryStats stats;
  stats.time_zone = zone.name();
  count_totals(db, stats);
  stats.top_artists = ranked(store::top_listened(db, store::TopOf::artists, top));
  stats.top_tracks = ranked(store::top_listened(db, store::TopOf::tracks, top));
  count_local_time(db, zone, stats);
  count_feature_coverage(db, stats);
  stats.genres = taste::summarize_genres(taste::load_listening_data(db), zone, {.top = static_cast<std::size_t>(top)});
  return stats;
}

}  // namespace sonic::report
