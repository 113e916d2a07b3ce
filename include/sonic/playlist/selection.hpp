#pragma once
// Choosing a playlist's tracks from candidates: feature ranges are hard (a track outside one is
// never chosen), closeness to the ranges' centres, the person's affinity and how often they play
// the track in the asked time of day rank the rest; at most two tracks per artist; ordered by
// the asked curve. A track without audio features is admitted only through its mood label or
// mood cluster, and its "why" says so. Too few fitting tracks make a shorter playlist that names
// the constraint that ran dry.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sonic/playlist/constraints.hpp"
#include "sonic/store/playlist_queries.hpp"

namespace sonic::playlist {

struct Candidate {
  store::LibraryTrack track;
  double affinity = 0;  // 0..1: decayed plays on a log scale, 1 for the most played
  double time_fit = 0;  // 0..1: plays in the asked time of day on a log scale
  int plays = 0;
  int segment_plays = 0;
  bool from_discovery = false;
  // A catalog track the history never played (before the cut-off): found for the discovery share
  // by `discovery_reason` ("more by Radiohead, whom you play (catalog)"). Its affinity is that
  // evidence's strength relative to the best, not plays.
  bool never_heard = false;
  std::string discovery_reason{};
};

// The seam for the discovery share (pipeline/playlist_discovery implements it from taste's pools
// and the imported catalogs). Candidates it returns pass the same hard constraints as library
// tracks; never-heard ones are taken before the person's own tracks.
class DiscoverySource {
 public:
  virtual ~DiscoverySource() = default;
  virtual std::string name() const = 0;
  virtual std::vector<Candidate> discover(const Constraints& constraints, std::size_t count) = 0;
};

struct ChosenTrack {
  Candidate candidate;
  double score = 0;
  bool via_mood = false;  // no audio features: admitted by its mood label or cluster
  std::string why;
};

struct Selection {
  std::vector<ChosenTrack> tracks;
  std::optional<std::string> ran_dry;  // the constraint that left too few tracks
  std::vector<std::string> notes;      // said to the person: a shorter list, the discovery share
  std::int64_t duration_ms = 0;
  int candidates = 0;  // library tracks considered
  int fitting = 0;     // of which passed every hard constraint
};

inline constexpr int kMaxTracksPerArtist = 2;
inline constexpr std::int64_t kAssumedTrackMs = 210'000;  // a track of unknown length, for "an hour"

// The feature values of a library track, in kPlaylistFeatures order.
std::array<std::optional<double>, 6> feature_values(const store::LibraryTrack& track);

// True when every range holds for a track with features; for one without a constrained feature,
// true only when its mood label or cluster label says the same (`via_mood` is then set).
bool satisfies_hard_constraints(const store::LibraryTrack& track, const Constraints& constraints, bool* via_mood);

// `discovery` may be null: the discovery share is then filled from the library, and a note says so.
Selection select_tracks(const std::vector<Candidate>& library, const Constraints& constraints,
                        DiscoverySource* discovery);

}  // namespace sonic::playlist
