#include "sonic/taste/discover.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "sonic/catalog/hit_splits.hpp"
#include "sonic/sources/name_key.hpp"
#include "sonic/taste/ranker.hpp"

namespace sonic::taste {
namespace {

template <typename Seed>
std::vector<Seed> heaviest(std::vector<Seed> seeds, std::size_t count, double total) {
  for (auto& seed : seeds) seed.weight = total > 0 ? seed.weight / total : 0.0;
  std::sort(seeds.begin(), seeds.end(), [](const Seed& a, const Seed& b) {
    if (a.weight != b.weight) return a.weight > b.weight;
    return a.name < b.name;
  });
  std::erase_if(seeds, [](const Seed& seed) { return seed.weight <= 0; });
  if (seeds.size() > count) seeds.resize(count);
  return seeds;
}

struct Discovery {
  std::string artist;
  std::string track;
  std::string spotify_id;
  std::string artist_key;
  double score = 0.0;
  std::vector<std::string> reasons;  // in first-seen order
  std::vector<double> reason_scores;
};

}  // namespace

DiscoverSeeds discover_seeds(const ListeningData& data, const LibrarySignals& signals, std::size_t count) {
  std::map<std::int64_t, SeedArtist> by_artist;
  std::vector<SeedTrack> tracks;
  double total = 0.0;
  for (const auto& signal : signals.tracks) {
    const auto& track = data.tracks.at(signal.track_id);
    auto& artist = by_artist[track.artist_id];
    artist.name = track.artist;
    artist.weight += signal.recent;
    total += signal.recent;
    tracks.push_back({track.artist, track.name, track.spotify_id.value_or(""), signal.recent});
  }
  std::vector<SeedArtist> artists;
  for (auto& [id, artist] : by_artist) artists.push_back(std::move(artist));
  return {heaviest(std::move(artists), count, total), heaviest(std::move(tracks), count, total)};
}

std::vector<DiscoverEvidence> catalog_evidence(std::span<const CatalogTrack> catalog, const DiscoverSeeds& seeds,
                                               std::span<const DiscoverEvidence> similar_artists) {
  // Artist name key → how that artist is known; the heaviest reason wins for each artist.
  struct Known {
    std::string name;  // as the history or the service spells it (catalog cells are lower-cased)
    double weight = 0.0;
    std::string because;
  };
  std::unordered_map<std::string, Known> known;
  const auto note = [&](const std::string& artist, double weight, std::string because) {
    auto& slot = known[sources::normalize_name(artist)];
    if (weight > slot.weight) slot = {artist, weight, std::move(because)};
  };
  for (const auto& seed : seeds.artists) note(seed.name, seed.weight, "more by " + seed.name + ", whom you play");
  for (const auto& said : similar_artists) {
    if (said.track.empty()) note(said.artist, said.match * said.seed_weight, said.artist + ", " + said.because);
  }
  std::vector<DiscoverEvidence> evidence;
  for (const auto& track : catalog) {
    if (track.name.empty()) continue;
    for (const auto& artist : catalog::artist_names(track.artists)) {
      const auto found = known.find(sources::normalize_name(artist));
      if (found == known.end()) continue;
      const Known& why = found->second;
      evidence.push_back({why.name, track.name, track.spotify_id, why.because + " (catalog)", 1.0, why.weight});
      break;  // the track's first known artist speaks for it
    }
  }
  return evidence;
}

std::vector<Recommendation> rank_discoveries(const ListeningData& data, std::span<const DiscoverEvidence> evidence,
                                             std::size_t size, int max_per_artist) {
  std::unordered_set<std::string> heard_ids, heard_tracks, heard_artists;
  for (const auto& [id, track] : data.tracks) {
    if (track.spotify_id) heard_ids.insert(*track.spotify_id);
    heard_tracks.insert(sources::track_name_key(track.artist, track.name));
    heard_artists.insert(sources::normalize_name(track.artist));
  }
  std::map<std::string, Discovery> candidates;  // by name key: a stable order
  for (const auto& said : evidence) {
    const std::string artist_key = sources::normalize_name(said.artist);
    if (artist_key.empty()) continue;
    if (said.track.empty() ? heard_artists.contains(artist_key)
                           : heard_ids.contains(said.spotify_id) ||
                                 heard_tracks.contains(sources::track_name_key(said.artist, said.track))) {
      continue;
    }
    const std::string key = said.track.empty() ? artist_key : sources::track_name_key(said.artist, said.track);
    auto& candidate = candidates[key];
    if (candidate.artist.empty()) candidate = {said.artist, said.track, said.spotify_id, artist_key, 0.0, {}, {}};
    if (candidate.spotify_id.empty()) candidate.spotify_id = said.spotify_id;
    const double part = said.match * said.seed_weight;
    candidate.score += part;
    const auto reason = std::find(candidate.reasons.begin(), candidate.reasons.end(), said.because);
    if (reason == candidate.reasons.end()) {
      candidate.reasons.push_back(said.because);
      candidate.reason_scores.push_back(part);
    } else {
      candidate.reason_scores[static_cast<std::size_t>(reason - candidate.reasons.begin())] += part;
    }
  }
  std::vector<const Discovery*> order;
  for (const auto& [key, candidate] : candidates) {
    if (candidate.score > 0) order.push_back(&candidate);
  }
  std::stable_sort(order.begin(), order.end(),
                   [](const Discovery* a, const Discovery* b) { return a->score > b->score; });
  std::vector<Recommendation> picks;
  std::unordered_map<std::string, int> per_artist;
  for (const Discovery* candidate : order) {
    if (picks.size() >= size) break;
    if (max_per_artist > 0 && per_artist[candidate->artist_key] >= max_per_artist) continue;
    ++per_artist[candidate->artist_key];
    Recommendation pick{
        .track = candidate->track, .artist = candidate->artist, .pool = Pool::discover, .score = candidate->score};
    if (!candidate->spotify_id.empty()) pick.spotify_id = candidate->spotify_id;
    const auto percentages = whole_percentages(candidate->reason_scores);
    for (std::size_t r = 0; r < candidate->reasons.size(); ++r) {
      if (percentages[r] > 0) pick.reasons.push_back({"similar", candidate->reasons[r], percentages[r]});
    }
    std::stable_sort(pick.reasons.begin(), pick.reasons.end(),
                     [](const Reason& a, const Reason& b) { return a.percent > b.percent; });
    picks.push_back(std::move(pick));
  }
  return picks;
}

}  // namespace sonic::taste
