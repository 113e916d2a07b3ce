#pragma once
// What the "beyond your library" pool works from: the seeds (the person's top artists and tracks
// now) and what services and catalogs said about candidates like them. Ranked by taste/discover.
#include <functional>
#include <string>
#include <vector>

namespace sonic::taste {

struct SeedArtist {
  std::string name;
  double weight = 0.0;  // its share of the current listening (30-day half-life), 0..1
};
struct SeedTrack {
  std::string artist;
  std::string name;
  std::string spotify_id;  // may be empty
  double weight = 0.0;
};
struct DiscoverSeeds {
  std::vector<SeedArtist> artists;  // heaviest first
  std::vector<SeedTrack> tracks;
};

// One thing a service (or a catalog) said about a candidate.
struct DiscoverEvidence {
  std::string artist;
  std::string track;       // empty: the artist as a whole (artist.getSimilar)
  std::string spotify_id;  // may be empty
  std::string because;     // "similar to Radiohead on Last.fm"
  double match = 0.0;      // 0..1
  double seed_weight = 0.0;
};

// What the services and catalogs said about the seeds (pipeline/discover_sources asks them), and
// one line per source that could not be asked ("Last.fm: skipped (LASTFM_API_KEY is not set)").
struct DiscoverAnswer {
  std::vector<DiscoverEvidence> evidence;
  std::vector<std::string> skipped;
};
using DiscoverAsk = std::function<DiscoverAnswer(const DiscoverSeeds&)>;

}  // namespace sonic::taste
