#include "sonic/taste/taste_profile.hpp"

#include <algorithm>

namespace sonic::taste {

TasteProfile build_taste_profile(const ListeningData& data, std::span<const records::TasteListen> listens,
                                 std::int64_t as_of_ms, const DecayOptions& decay, const TimeZone& zone) {
  TasteProfile profile;
  profile.as_of_ms = as_of_ms;
  profile.decay = decay;
  for (const auto& listen : listens) {
    if (listen.start_ms > as_of_ms) continue;
    const double weight = listen_weight(decay, as_of_ms - listen.start_ms);
    ++profile.listens;
    profile.total_weight += weight;
    profile.track_weights[listen.track_id] += weight;
    profile.artist_weights[listen.artist_id] += weight;
    const auto& genres = data.genres_of(listen.track_id);
    if (!genres.empty()) ++profile.listens_with_genre;
    for (const auto& genre : genres) profile.genre_weights[genre.key] += weight * genre.share;
    if (const auto descriptors = data.track_descriptors.find(listen.track_id);
        descriptors != data.track_descriptors.end()) {
      for (const auto& descriptor : descriptors->second) {
        profile.descriptor_weights[descriptor.key] += weight * descriptor.share;
      }
    }
    if (const auto track = data.tracks.find(listen.track_id);
        track != data.tracks.end() && track->second.cluster_label) {
      profile.cluster_weights[*track->second.cluster_label] += weight;
    }
    profile.hour_weights[static_cast<std::size_t>(zone.local(listen.start_ms).hour)] += weight;
  }
  return profile;
}

std::vector<WeightedName> top_weights(const std::map<std::string, double>& weights, std::size_t limit) {
  double total = 0.0;
  std::vector<WeightedName> entries;
  for (const auto& [key, weight] : weights) {
    total += weight;
    entries.push_back({key, weight, 0.0});
  }
  std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.weight > b.weight; });
  if (entries.size() > limit) entries.resize(limit);
  for (auto& entry : entries) entry.share = total > 0 ? entry.weight / total : 0.0;
  return entries;
}

}  // namespace sonic::taste
