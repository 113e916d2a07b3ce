#pragma once
// The "beyond your library" pool of `sonic recommend`: tracks and artists the person has never
// played, found from seeds (their top artists and tracks now) by Last.fm getSimilar, ReccoBeats
// recommendation, and imported catalogs. The services are asked in pipeline/; this ranks what
// they said. A candidate's score is Σ match × its seed's weight over every piece of evidence for
// it, and its reasons are those pieces' shares ("62% similar to Radiohead on Last.fm").
#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "sonic/records/taste_rows.hpp"
#include "sonic/taste/discover_evidence.hpp"
#include "sonic/taste/library_signals.hpp"
#include "sonic/taste/listening_data.hpp"
#include "sonic/taste/recommend.hpp"

namespace sonic::taste {

// The `count` heaviest artists and tracks of the current listening (ties by name).
DiscoverSeeds discover_seeds(const ListeningData& data, const LibrarySignals& signals, std::size_t count);

// A catalog track (imported with `sonic catalog import`); artists read with catalog::artist_names.
using CatalogTrack = records::CatalogListing;

// Evidence for catalog tracks: by an artist the person plays (match 1 × that artist's weight:
// "more by X, whom you play") or by an artist the similar-artist evidence names ("Y, similar to
// X on Last.fm").
std::vector<DiscoverEvidence> catalog_evidence(std::span<const CatalogTrack> catalog, const DiscoverSeeds& seeds,
                                               std::span<const DiscoverEvidence> similar_artists);

// Candidates never heard (tracks not in the history by Spotify ID or by artist and title; whole
// artists never played), best `size` by score (ties by artist then title), at most
// `max_per_artist` per artist (0: no cap). Reasons' percentages sum to 100.
std::vector<Recommendation> rank_discoveries(const ListeningData& data, std::span<const DiscoverEvidence> evidence,
                                             std::size_t size, int max_per_artist);

}  // namespace sonic::taste
