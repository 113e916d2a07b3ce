#pragma once
// A migrated in-memory store filled row by row, for tests whose figures are computed by hand:
//
//   ListeningStore store;
//   const auto song = store.track("Song", "Artist");
//   store.play(song, start_ms, 180'000);
//   store.mood(song, "happy");
//   compute_profile(store.db(), zone, Period::all());
#include <cstdint>
#include <map>
#include <string>

#include "sonic/store/database.hpp"

namespace sonic::testing {

class ListeningStore {
 public:
  ListeningStore();

  store::Database& db() { return db_; }

  // A track by an artist (created on first use); returns the track id.
  std::int64_t track(const std::string& name, const std::string& artist);
  // A play starting at `start_ms`; under 30 s it is a short play, as the importer marks them.
  void play(std::int64_t track_id, std::int64_t start_ms, std::int64_t ms_played);
  void mood(std::int64_t track_id, const std::string& mood);
  // Creates the cluster (with this label) on first use.
  void cluster(std::int64_t track_id, int cluster, const std::string& label);
  void features(std::int64_t track_id, double valence, double energy, double danceability);
  void session(std::int64_t start_ms, std::int64_t end_ms, std::int64_t plays);

 private:
  store::Database db_;
  std::map<std::string, std::int64_t> artists_;
};

}  // namespace sonic::testing
