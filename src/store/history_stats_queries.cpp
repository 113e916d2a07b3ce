#include "sonic/store/history_stats_queries.hpp"

namespace sonic::store {
namespace {

std::map<std::string, std::int64_t> counts_by_name(Statement&& query) {
  std::map<std::string, std::int64_t> counts;
  while (query.step()) counts[query.text(0)] = query.integer(1);
  return counts;
}

}  // namespace

PlayTotals play_totals(Database& db) {
  // Three scans of narrow indexes rather than one of the wide plays rows: music plays and
  // episodes by source (plays_identity_track / _episode hold the source), then the listens
  // (plays_listens_by_track). The schema's CHECK allows exactly these three sources.
  PlayTotals totals;
  std::map<std::string, std::int64_t> by_source;
  const auto count_by_source = [&](const char* kind_present) {
    auto query =
        db.prepare(std::string("SELECT count(*), coalesce(sum(source = 'api'), 0), coalesce(sum(source = 'basic'), 0), "
                               "coalesce(sum(source = 'extended'), 0) FROM plays WHERE ") +
                   kind_present);
    query.step();
    int column = 1;
    for (const char* source : {"api", "basic", "extended"}) by_source[source] += query.integer(column++);
    return query.integer(0);
  };
  const std::int64_t music_plays = count_by_source("track_id IS NOT NULL");
  totals.episode_plays = count_by_source("episode_id IS NOT NULL");
  totals.plays = music_plays + totals.episode_plays;
  for (const auto& [source, plays] : by_source) {
    if (plays > 0) totals.plays_by_source[source] = plays;
  }

  auto listens = db.prepare(
      "SELECT count(*), coalesce(sum(ms_played), 0), min(start_ms), max(end_ms) FROM plays "
      "WHERE track_id IS NOT NULL AND is_short = 0");
  listens.step();
  totals.listens = listens.integer(0);
  totals.short_plays = music_plays - totals.listens;
  totals.listen_ms = listens.integer(1);
  totals.first_listen_start_ms = listens.optional_integer(2);
  totals.last_listen_end_ms = listens.optional_integer(3);
  return totals;
}

std::int64_t listened_track_count(Database& db) {
  return db.scalar("SELECT count(DISTINCT track_id) FROM plays WHERE track_id IS NOT NULL AND is_short = 0");
}

std::int64_t listened_artist_count(Database& db) {
  return db.scalar(
      "SELECT count(DISTINCT t.artist_id) FROM plays p JOIN tracks t ON t.id = p.track_id "
      "WHERE p.track_id IS NOT NULL AND p.is_short = 0");
}

SessionAverages session_averages(Database& db) {
  auto sessions = db.prepare("SELECT count(*), avg(end_ms - start_ms), avg(plays) FROM sessions");
  sessions.step();
  return {sessions.integer(0), sessions.optional_real(1), sessions.optional_real(2)};
}

std::vector<RankedRow> top_listened(Database& db, TopOf what, int top) {
  // Both count per track first, in the order of plays_listens_by_track (no sort of the
  // listens); artists then add up the few thousand per-track rows.
  auto query =
      db.prepare(what == TopOf::tracks ? "SELECT t.name, a.name, count(*), sum(p.ms_played) FROM plays p "
                                         "JOIN tracks t ON t.id = p.track_id JOIN artists a ON a.id = t.artist_id "
                                         "WHERE p.track_id IS NOT NULL AND p.is_short = 0 "
                                         "GROUP BY p.track_id ORDER BY count(*) DESC, t.name LIMIT ?1"
                                       : "SELECT a.name, '', sum(l.listens), sum(l.ms) FROM "
                                         "(SELECT track_id, count(*) AS listens, sum(ms_played) AS ms FROM plays "
                                         "WHERE track_id IS NOT NULL AND is_short = 0 GROUP BY track_id) l "
                                         "JOIN tracks t ON t.id = l.track_id JOIN artists a ON a.id = t.artist_id "
                                         "GROUP BY a.id ORDER BY sum(l.listens) DESC, a.name LIMIT ?1");
  query.bind(1, top);
  return ranked_rows(query);
}

void for_each_artist_listen(Database& db, const std::function<void(const ArtistListen&)>& visit) {
  auto listens = db.prepare(
      "SELECT p.start_ms, p.ms_played, p.track_id, t.artist_id FROM plays p "
      "JOIN tracks t ON t.id = p.track_id WHERE p.track_id IS NOT NULL AND p.is_short = 0");
  while (listens.step()) {
    visit({listens.integer(0), listens.integer(1), listens.integer(2), listens.integer(3)});
  }
}

std::vector<std::string> artist_names(Database& db, const std::vector<std::int64_t>& artist_ids) {
  auto artist_name = db.prepare("SELECT name FROM artists WHERE id = ?1");
  std::vector<std::string> names;
  for (const std::int64_t id : artist_ids) {
    artist_name.bind(1, id);
    names.push_back(artist_name.step() ? artist_name.text(0) : "");
    artist_name.reset();
  }
  return names;
}

std::int64_t listens_with_features(Database& db) {
  return db.scalar(
      "SELECT count(*) FROM plays p JOIN audio_features f ON f.track_id = p.track_id "
      "WHERE p.track_id IS NOT NULL AND p.is_short = 0");
}

std::map<std::string, std::int64_t> listened_tracks_by_feature_source(Database& db) {
  // From the listened tracks to their features (audio_features is keyed by track): one scan.
  return counts_by_name(
      db.prepare("SELECT f.source, count(*) FROM "
                 "(SELECT DISTINCT track_id FROM plays WHERE track_id IS NOT NULL AND is_short = 0) listened "
                 "JOIN audio_features f ON f.track_id = listened.track_id GROUP BY f.source ORDER BY f.source"));
}

}  // namespace sonic::store
