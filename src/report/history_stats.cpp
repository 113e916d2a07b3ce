#include "sonic/report/history_stats.hpp"

#include "sonic/store/audio_feature_store.hpp"

#include <unordered_map>
#include <unordered_set>

namespace sonic::report {
namespace {

constexpr double kMsPerHourD = 3'600'000.0;

std::vector<RankedItem> ranked(store::Database& db, const char* sql, int top) {
  auto query = db.prepare(sql);
  query.bind(1, top);
  std::vector<RankedItem> items;
  while (query.step()) {
    items.push_back(
        {query.text(0), query.text(1), query.integer(2), static_cast<double>(query.integer(3)) / kMsPerHourD});
  }
  return items;
}

void count_totals(store::Database& db, HistoryStats& stats) {
  auto totals = db.prepare(
      "SELECT count(*), "
      "coalesce(sum(track_id IS NOT NULL AND is_short = 0), 0), "
      "coalesce(sum(track_id IS NOT NULL AND is_short = 1), 0), "
      "coalesce(sum(episode_id IS NOT NULL), 0), "
      "coalesce(sum(CASE WHEN track_id IS NOT NULL AND is_short = 0 THEN ms_played END), 0), "
      "min(CASE WHEN track_id IS NOT NULL AND is_short = 0 THEN start_ms END), "
      "max(CASE WHEN track_id IS NOT NULL AND is_short = 0 THEN end_ms END) FROM plays");
  totals.step();
  stats.plays = totals.integer(0);
  stats.listens = totals.integer(1);
  stats.short_plays = totals.integer(2);
  stats.episode_plays = totals.integer(3);
  stats.hours = static_cast<double>(totals.integer(4)) / kMsPerHourD;
  stats.first_ms = totals.optional_integer(5).value_or(0);
  stats.last_ms = totals.optional_integer(6).value_or(0);

  stats.tracks = db.scalar("SELECT count(DISTINCT track_id) FROM plays WHERE track_id IS NOT NULL AND is_short = 0");
  stats.artists = db.scalar(
      "SELECT count(DISTINCT t.artist_id) FROM plays p JOIN tracks t ON t.id = p.track_id "
      "WHERE p.is_short = 0");
  auto sessions = db.prepare("SELECT count(*), avg(end_ms - start_ms), avg(plays) FROM sessions");
  sessions.step();
  stats.sessions = sessions.integer(0);
  stats.mean_session_minutes = sessions.optional_real(1).value_or(0) / 60'000.0;
  stats.mean_tracks_per_session = sessions.optional_real(2).value_or(0);

  auto sources = db.prepare("SELECT source, count(*) FROM plays GROUP BY source ORDER BY source");
  while (sources.step()) stats.plays_by_source[sources.text(0)] = sources.integer(1);
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
  auto listens = db.prepare(
      "SELECT p.start_ms, p.ms_played, p.track_id, t.artist_id FROM plays p "
      "JOIN tracks t ON t.id = p.track_id WHERE p.is_short = 0");
  while (listens.step()) {
    const LocalTime local = zone.local(listens.integer(0));
    stats.listens_by_hour[static_cast<std::size_t>(local.hour)] += 1;
    stats.listens_by_weekday[static_cast<std::size_t>(local.weekday)] += 1;
    YearAccumulator& year = years[local.year];
    year.listens += 1;
    year.ms += listens.integer(1);
    year.tracks.insert(listens.integer(2));
    year.artist_listens[listens.integer(3)] += 1;
  }
  auto artist_name = db.prepare("SELECT name FROM artists WHERE id = ?1");
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
    artist_name.bind(1, best_artist);
    const std::string top = artist_name.step() ? artist_name.text(0) : "";
    artist_name.reset();
    stats.years.push_back({number, year.listens, static_cast<double>(year.ms) / kMsPerHourD,
                           static_cast<std::int64_t>(year.tracks.size()), top});
  }
}

void count_feature_coverage(store::Database& db, HistoryStats& stats) {
  FeatureCoverage& coverage = stats.features;
  const store::FeatureCoverage tracks = store::feature_coverage(db);
  coverage.tracks = tracks.tracks;
  coverage.tracks_with_features = tracks.tracks_with_features;
  coverage.listens_with_features = db.scalar(
      "SELECT count(*) FROM plays p JOIN audio_features f ON f.track_id = p.track_id "
      "WHERE p.is_short = 0");
  // From the listened tracks to their features (audio_features is keyed by track): one scan.
  auto by_source = db.prepare(
      "SELECT f.source, count(*) FROM "
      "(SELECT DISTINCT track_id FROM plays WHERE track_id IS NOT NULL AND is_short = 0) listened "
      "JOIN audio_features f ON f.track_id = listened.track_id GROUP BY f.source ORDER BY f.source");
  while (by_source.step()) coverage.tracks_by_source[by_source.text(0)] = by_source.integer(1);
}

}  // namespace

HistoryStats compute_history_stats(store::Database& db, const TimeZone& zone, int top) {
  HistoryStats stats;
  stats.time_zone = zone.name();
  count_totals(db, stats);
  stats.top_artists = ranked(db,
                             "SELECT a.name, '', count(*), sum(p.ms_played) FROM plays p "
                             "JOIN tracks t ON t.id = p.track_id JOIN artists a ON a.id = t.artist_id "
                             "WHERE p.is_short = 0 GROUP BY a.id ORDER BY count(*) DESC, a.name LIMIT ?1",
                             top);
  stats.top_tracks = ranked(db,
                            "SELECT t.name, a.name, count(*), sum(p.ms_played) FROM plays p "
                            "JOIN tracks t ON t.id = p.track_id JOIN artists a ON a.id = t.artist_id "
                            "WHERE p.is_short = 0 GROUP BY t.id ORDER BY count(*) DESC, t.name LIMIT ?1",
                            top);
  count_local_time(db, zone, stats);
  count_feature_coverage(db, stats);
  return stats;
}

}  // namespace sonic::report
