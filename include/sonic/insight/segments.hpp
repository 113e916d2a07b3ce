#pragma once
// How listening moves through the day and the week: eight segments (morning, afternoon,
// evening, night × weekday, weekend, in local time) and the overall profile they are compared
// with. A listen belongs to the segment of its local start time.
//
//   const Profile profile = compute_profile(db, zone, Period::last_days(30));
//   print_json(profile.to_json());  // keys documented in docs/architecture-notes.md
//
// Moods (track_moods), clusters (track_clusters + mood_clusters) and audio features may be
// missing: their mixes are then empty and their means null, never an error.
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sonic/core/time_zone.hpp"
#include "sonic/insight/period.hpp"
#include "sonic/insight/segment_boundaries.hpp"
#include "sonic/store/database.hpp"

namespace sonic::insight {

struct RankedArtist {
  std::string name;
  std::int64_t plays = 0;
  double hours = 0;
};

struct RankedTrack {
  std::string name;
  std::string artist;
  std::int64_t plays = 0;
};

// The figures of one segment, or of the whole period.
struct ListeningStats {
  double hours = 0;
  double share = 0;  // of all listening time in the period
  std::int64_t plays = 0;
  std::map<std::string, double> mood_mix;     // share of the plays whose track has a mood
  std::map<std::string, double> cluster_mix;  // share of the plays whose track has a cluster
  std::optional<double> mean_valence;         // over plays whose track has features
  std::optional<double> mean_energy;
  std::optional<double> mean_danceability;
  std::vector<RankedArtist> top_artists;  // by plays, at most five
  std::vector<RankedTrack> top_tracks;
};

struct Segment {
  TimeOfDay time_of_day = TimeOfDay::morning;
  bool weekend = false;
  ListeningStats stats;

  std::string name() const;  // "weekday morning"
};

struct Profile {
  std::string period;  // Period::describe(): "last 30 days", "2024", "all time"
  PeriodSpan span;
  std::string time_zone;
  SegmentBoundaries boundaries;
  ListeningStats overall;
  std::vector<Segment> segments;  // always eight: weekday morning … weekend night

  nlohmann::json to_json() const;
};

inline constexpr std::size_t kTopItems = 5;

Profile compute_profile(store::Database& db, const TimeZone& zone, const Period& period,
                        const SegmentBoundaries& boundaries = {});

}  // namespace sonic::insight
