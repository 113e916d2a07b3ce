#include "sonic/pipeline/playlist_discovery.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "sonic/catalog/hit_splits.hpp"
#include "sonic/core/utc_time.hpp"
#include "sonic/pipeline/discover_sources.hpp"
#include "sonic/sources/name_key.hpp"
#include "sonic/store/playlist_queries.hpp"
#include "sonic/taste/candidate_pools.hpp"
#include "sonic/taste/discover.hpp"
#include "sonic/taste/library_signals.hpp"
#include "sonic/taste/listening_data.hpp"

namespace sonic::pipeline {
namespace {

// Catalog rows are local and cost no request, so more of the person's artists seed them than the
// five `sonic recommend` sends to the services.
constexpr std::size_t kCatalogSeeds = 25;

// The history as it was at the cut-off: only the tracks played by then count as heard.
taste::ListeningData heard_before(const taste::ListeningData& data, std::span<const records::TasteListen> listens) {
  taste::ListeningData before;
  for (const auto& listen : listens) before.tracks.try_emplace(listen.track_id, data.tracks.at(listen.track_id));
  return before;
}

// Catalog tracks by Spotify ID, and by artist-and-title key for a service that names no ID (that
// index is built on first need: catalog evidence always carries the ID, and keying every row of a
// large catalog by name costs more than the rest of the discovery).
class CatalogIndex {
 public:
  explicit CatalogIndex(const std::vector<store::LibraryTrack>& catalog) : catalog_(catalog) {
    by_id_.reserve(catalog.size());
    for (const auto& track : catalog) by_id_.emplace(*track.spotify_id, &track);
  }
  const store::LibraryTrack* find(const taste::Recommendation& pick) {
    if (pick.spotify_id) {
      if (const auto found = by_id_.find(*pick.spotify_id); found != by_id_.end()) return found->second;
    }
    if (by_name_.empty()) {
      for (const auto& track : catalog_) {
        for (const auto& artist : sources::artist_name_variants(track.artist))
          by_name_.emplace(sources::track_name_key(artist, track.name), &track);
      }
    }
    const auto found = by_name_.find(sources::track_name_key(pick.artist, pick.track));
    return found != by_name_.end() ? found->second : nullptr;
  }

 private:
  const std::vector<store::LibraryTrack>& catalog_;
  std::unordered_map<std::string, const store::LibraryTrack*> by_id_;
  std::unordered_map<std::string, const store::LibraryTrack*> by_name_;
};

// Tracks new to the person, best evidence first. Their artist ids are the history's when the
// person plays the artist (so the two-per-artist cap counts both), else one negative id per name;
// their track ids are negative, distinct from every history id.
std::vector<playlist::Candidate> never_heard_candidates(store::Database& db, const taste::ListeningData& data,
                                                        const taste::LibrarySignals& signals,
                                                        std::span<const records::TasteListen> listens,
                                                        const std::vector<store::LibraryTrack>& catalog) {
  const auto seeds = taste::discover_seeds(data, signals, kCatalogSeeds);
  DiscoverSettings cached_only{.offline = true, .now_ms = now_utc_ms()};
  auto evidence = ask_discover_services(db, cached_only, seeds).evidence;
  std::vector<taste::CatalogTrack> listings;
  listings.reserve(catalog.size());
  for (const auto& track : catalog) listings.push_back({*track.spotify_id, track.name, track.artist});
  const auto from_catalogs = taste::catalog_evidence(listings, seeds, evidence);
  evidence.insert(evidence.end(), from_catalogs.begin(), from_catalogs.end());
  // No cap per artist here: selection applies it after the ranges, which may rule out an artist's first tracks.
  const auto picks =
      taste::rank_discoveries(heard_before(data, listens), evidence, TastePoolDiscovery::kMaxNeverHeard, 0);

  std::unordered_map<std::string, std::int64_t> artist_ids;  // normalised name → id
  for (const auto& [id, track] : data.tracks)
    artist_ids.emplace(sources::normalize_name(track.artist), track.artist_id);
  CatalogIndex index(catalog);
  std::vector<playlist::Candidate> found;
  for (const auto& pick : picks) {
    const store::LibraryTrack* row = pick.track.empty() ? nullptr : index.find(pick);
    if (row == nullptr) continue;  // an artist as a whole, or a track outside every catalog: no features
    playlist::Candidate candidate{.track = *row};
    candidate.track.track_id = -static_cast<std::int64_t>(found.size()) - 1;
    candidate.track.artist = pick.artist;  // as the history or the service spells it
    const auto [slot, added] =
        artist_ids.try_emplace(sources::normalize_name(pick.artist), -static_cast<std::int64_t>(artist_ids.size()) - 1);
    candidate.track.artist_id = slot->second;
    candidate.affinity = pick.score / picks.front().score;
    candidate.never_heard = true;
    candidate.discovery_reason = pick.reasons.empty() ? "" : pick.reasons.front().because;
    found.push_back(std::move(candidate));
  }
  return found;
}

}  // namespace

TastePoolDiscovery::TastePoolDiscovery(store::Database& db, std::int64_t before_ms,
                                       const std::vector<playlist::Candidate>& library)
    : db_(&db), before_ms_(before_ms), library_(&library) {}

std::string TastePoolDiscovery::name() const {
  return had_catalog_ ? "your catalogs and your rediscoveries"
                      : "your rediscoveries and quiet library tracks (no imported catalog to find tracks new to you: "
                        "see `sonic catalog import`)";
}

std::vector<playlist::Candidate> TastePoolDiscovery::discover(const playlist::Constraints& /*constraints*/,
                                                              std::size_t /*count*/) {
  const auto data = taste::load_listening_data(*db_);
  if (data.listens.empty()) return {};
  // As of the cut-off (or just after the newest listen): the pools as they were then.
  const std::int64_t as_of_ms = std::min(before_ms_, data.listens.back().start_ms + 1);
  const auto listens = data.listens_before(as_of_ms);
  if (listens.empty()) return {};
  const auto signals = taste::compute_library_signals(data, listens, as_of_ms, taste::SignalOptions{});

  const auto catalog = store::catalog_library_tracks(*db_);
  had_catalog_ = !catalog.empty();
  std::vector<playlist::Candidate> found;
  if (had_catalog_) found = never_heard_candidates(*db_, data, signals, listens, catalog);

  std::set<std::int64_t> pooled;
  for (const auto& candidate : taste::rediscovery_pool(signals, taste::PoolOptions{}))
    pooled.insert(candidate.track_id);
  for (const auto& candidate : taste::library_pool(signals, taste::PoolOptions{})) pooled.insert(candidate.track_id);
  for (const auto& candidate : *library_) {
    if (pooled.count(candidate.track.track_id) > 0) found.push_back(candidate);
  }
  return found;
}

}  // namespace sonic::pipeline
