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
  auto totals = db.prepare(
      "SELECT count(*), "
      "coalesce(sum(track_id IS NOT NULL AND is_short = 0), 0), "
      "coalesce(sum(track_id IS NOT NULL AND is_short = 1), 0), "
      "coalesce(sum(episode_id IS NOT NULL), 0), "
      "coalesce(sum(CASE WHEN track_id IS NOT NULL AND is_short = 0 THEN ms_played END), 0), "
      "min(CASE WHEN track_id IS NOT NULL AND is_short = 0 THEN start_ms END), "
      "max(CASE WHEN track_id IS NOT NULL AND is_short = 0 THEN end_ms END) FROM plays");
  totals.step();
  return {totals.integer(0), totals.integer(1),          totals.integer(2),         totals.integer(3),
          totals.integer(4), totals.optional_integer(5), totals.optional_integer(6)};
}

std::int64_t listened_track_count(Database& db) {
  return db.scalar("SELECT count(DISTINCT track_id) FROM plays WHERE track_id IS NOT NULL AND is_short = 0");
}

std::int64_t listened_artist_count(Database& db) {
  return db.scalar(
      "SELECT count(DISTINCT t.artist_id) FROM plays p JOIN tracks t ON t.id = p.track_id "
      "WHERE p.is_short = 0");
}

SessionAverages session_averages(Database& db) {
  auto sessions = db.prepare("SELECT count(*), avg(end_ms - start_ms), avg(plays) FROM sessions");
  sessions.step();
  return {sessions.integer(0), sessions.optional_real(1), sessions.optional_real(2)};
}

std::map<std::string, std::int64_t> plays_by_source(Database& db) {
  return counts_by_name(db.prepare("SELECT source, count(*) FROM plays GROUP BY source ORDER BY source"));
}

std::vector<RankedRow> top_listened(Database& db, TopOf what, int top) {
  auto query =
      db.prepare(what == TopOf::tracks ? "SELECT t.name, a.name, count(*), sum(p.ms_played) FROM plays p "
                                         "JOIN tracks t ON t.id = p.track_id JOIN artists a ON a.id = t.artist_id "
                                         "WHERE p.is_short = 0 GROUP BY t.id ORDER BY count(*) DESC, t.name LIMIT ?1"
                                       : "SELECT a.name, '', count(*), sum(p.ms_played) FROM plays p "
                                         "JOIN tracks t ON t.id = p.track_id JOIN artists a ON a.id = t.artist_id "
                                         "WHERE p.is_short = 0 GROUP BY a.id ORDER BY count(*) DESC, a.name LIMIT ?1");
  query.bind(1, top);
  return ranked_rows(query);
}

void for_each_artist_listen(Database& db, const std::function<void(const ArtistListen&)>& visit) {
  auto listens = db.prepare(
      "SELECT p.start_ms, p.ms_played, p.track_id, t.artist_id FROM plays p "
      "JOIN tracks t ON t.id = p.track_id WHERE p.is_short = 0");
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
      "WHERE p.is_short = 0");
}

std::map<std::string, std::int64_t> listened_tracks_by_feature_source(Database& db) {
  // From the listened tracks to their features (audio_features is keyed by track): one scan.
  return counts_by_name(
      db.prepare("SELECT f.source, count(*) FROM "
                 "(SELECT DISTINCT track_id FROM plays WHERE track_id IS NOT NULL AND is_short = 0) listened "
                 "JOIN audio_features f ON f.track_id = listened.track_id GROUP BY f.source ORDER BY f.source"));
}

}  // namespace sonic::store
