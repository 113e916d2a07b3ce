#include "sonic/store/mood_propagation_queries.hpp"

#include <algorithm>
#include <optional>
#include <utility>

#include "listens_in_time_order.hpp"

namespace sonic::store {
namespace {

constexpr const char* kListenedTracks =
    "(SELECT DISTINCT track_id FROM plays WHERE track_id IS NOT NULL AND is_short = 0)";

}  // namespace

std::map<std::int64_t, std::int64_t> history_track_artists(Database& db) {
  auto query = db.prepare(std::string("SELECT t.id, t.artist_id FROM tracks t JOIN ") + kListenedTracks +
                          " listened ON listened.track_id = t.id WHERE t.artist_id IS NOT NULL");
  std::map<std::int64_t, std::int64_t> artists;
  while (query.step()) artists[query.integer(0)] = query.integer(1);
  return artists;
}

std::vector<CoListen> session_neighbour_counts(Database& db) {
  // Each listen's session is the last one that started at or before it; two listens in a row
  // (in time order, every listen counting) are neighbours when they share one. Sessions and
  // listens are walked side by side in memory (a correlated lookup and a window over every
  // listen in SQL cost most of a lifetime's clustering).
  auto sessions = db.prepare("SELECT start_ms FROM sessions ORDER BY start_ms");
  std::vector<std::int64_t> starts;
  while (sessions.step()) starts.push_back(sessions.integer(0));
  std::map<std::pair<std::int64_t, std::int64_t>, std::int64_t> counts;
  std::size_t session = 0;
  std::optional<std::size_t> previous_session;
  std::int64_t previous_track = 0;
  for (const TimedListen& listen : listens_in_time_order(db)) {
    while (session + 1 < starts.size() && starts[session + 1] <= listen.start_ms) ++session;
    std::optional<std::size_t> this_session;
    if (!starts.empty() && starts[session] <= listen.start_ms) this_session = session;
    if (this_session && previous_session == this_session && previous_track != listen.track_id) {
      ++counts[{std::min(previous_track, listen.track_id), std::max(previous_track, listen.track_id)}];
    }
    previous_session = this_session;
    previous_track = listen.track_id;
  }
  std::vector<CoListen> pairs;
  for (const auto& [pair, count] : counts) pairs.push_back({pair.first, pair.second, count});
  return pairs;
}

std::vector<TrackTag> history_track_tags(Database& db) {
  auto query = db.prepare(std::string("SELECT listened.track_id, tt.tag, tt.count FROM ") + kListenedTracks +
                          " listened JOIN track_tags tt ON tt.track_id = listened.track_id "
                          "UNION ALL SELECT listened.track_id, at.tag, at.count FROM " +
                          kListenedTracks +
                          " listened JOIN tracks t ON t.id = listened.track_id "
                          "JOIN artist_tags at ON at.artist_id = t.artist_id ORDER BY 1, 2");
  std::vector<TrackTag> tags;
  while (query.step()) tags.push_back({query.integer(0), query.text(1), query.real(2)});
  return tags;
}

std::map<std::string, std::int64_t> listening_ms_by_mood_source(Database& db) {
  auto query = db.prepare(
      "SELECT coalesce(tc.source, 'none'), sum(p.ms_played) FROM plays p "
      "LEFT JOIN track_clusters tc ON tc.track_id = p.track_id "
      "WHERE p.track_id IS NOT NULL AND p.is_short = 0 GROUP BY 1");
  std::map<std::string, std::int64_t> by_source;
  while (query.step()) by_source[query.text(0)] = query.integer(1);
  return by_source;
}

}  // namespace sonic::store
