#pragma once
// `sonic stats`: a first look at what the store holds. Music listens (30 s or more, tracks not
// episodes) are what every figure counts unless it says otherwise.
#include <array>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sonic/core/time_zone.hpp"
#include "sonic/store/database.hpp"
#include "sonic/taste/genre_summary.hpp"

namespace sonic::report {

struct RankedItem {
  std::string name;
  std::string detail;  // the artist, for a track
  std::int64_t listens = 0;
  double hours = 0;
};

struct YearStats {
  int year = 0;
  std::int64_t listens = 0;
  double hours = 0;
  std::int64_t distinct_tracks = 0;
  std::string top_artist;
};

struct FeatureCoverage {
  std::int64_t tracks = 0;  // distinct tracks with at least one listen
  std::int64_t tracks_with_features = 0;
  std::int64_t listens_with_features = 0;
  std::map<std::string, std::int64_t> tracks_by_source;
};

struct HistoryStats {
  std::string time_zone;
  std::int64_t plays = 0;        // every stored play
  std::int64_t listens = 0;      // music, 30 s or more
  std::int64_t short_plays = 0;  // music under 30 s
  std::int64_t episode_plays = 0;
  double hours = 0;  // of music listens
  std::int64_t tracks = 0;
  std::int64_t artists = 0;
  std::int64_t sessions = 0;
  double mean_session_minutes = 0;
  double mean_tracks_per_session = 0;
  std::int64_t first_ms = 0;
  std::int64_t last_ms = 0;
  std::vector<RankedItem> top_artists;
  std::vector<RankedItem> top_tracks;
  std::vector<YearStats> years;
  std::array<std::int64_t, 24> listens_by_hour{};    // local hour
  std::array<std::int64_t, 7> listens_by_weekday{};  // Monday first, local
  FeatureCoverage features;
  std::map<std::string, std::int64_t> plays_by_source;
  taste::GenreSummary genres;  // the whole history's, `top` genres
};

HistoryStats compute_history_stats(store::Database& db, const TimeZone& zone, int top = 10);

// Rendered for `sonic stats` by history_stats_format.hpp.

}  // namespace sonic::report
