#pragma once
// A person's taste at one moment: every listen before it weighted by its age (decay.hpp), summed
// per track, artist, genre, descriptor, mood cluster and local hour of day. Weights are sums of
// listen weights; shares divide by the total so two people's profiles compare whatever their volume.
#include <array>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "sonic/core/time_zone.hpp"
#include "sonic/records/taste_rows.hpp"
#include "sonic/taste/decay.hpp"
#include "sonic/taste/listening_data.hpp"

namespace sonic::taste {

struct TasteProfile {
  std::int64_t as_of_ms = 0;
  DecayOptions decay{};
  double total_weight = 0.0;
  std::int64_t listens = 0;
  std::int64_t listens_with_genre = 0;  // listens whose track (or its artist) has a genre tag
  std::unordered_map<std::int64_t, double> track_weights{};
  std::unordered_map<std::int64_t, double> artist_weights{};
  std::map<std::string, double> genre_weights{};  // canonical key → weight
  std::map<std::string, double> descriptor_weights{};
  std::map<std::string, double> cluster_weights{};  // mood cluster label → weight
  std::array<double, 24> hour_weights{};            // local hour of the listen's start
};

// The profile of `listens` (a prefix of data.listens) as of `as_of_ms`. Genre and descriptor
// weights spread each listen's weight over its track's shares; hours need the zone.
TasteProfile build_taste_profile(const ListeningData& data, std::span<const records::TasteListen> listens,
                                 std::int64_t as_of_ms, const DecayOptions& decay, const TimeZone& zone);

struct WeightedName {
  std::string key{};
  double weight = 0.0;
  double share = 0.0;
};

// The `limit` heaviest entries, heaviest first (ties by key), each with its share of the total of
// all entries.
std::vector<WeightedName> top_weights(const std::map<std::string, double>& weights, std::size_t limit);

}  // namespace sonic::taste
