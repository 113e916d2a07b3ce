#include "listening_tally.hpp"

#include <algorithm>
#include <vector>

namespace sonic::insight {
namespace {

constexpr double kMsPerHour = 3'600'000.0;

std::map<std::string, double> shares(const std::map<std::string, std::int64_t>& counts) {
  std::int64_t total = 0;
  for (const auto& [label, count] : counts) total += count;
  std::map<std::string, double> mix;
  for (const auto& [label, count] : counts) {
    mix[label] = static_cast<double>(count) / static_cast<double>(total);
  }
  return mix;
}

template <typename Item>
std::vector<Item> ranked(const std::map<std::int64_t, Item>& items) {
  std::vector<Item> sorted;
  for (const auto& [id, item] : items) sorted.push_back(item);
  // Most plays first; ties by listening time, then by name, so the order never depends on ids.
  std::stable_sort(sorted.begin(), sorted.end(), [](const Item& a, const Item& b) {
    if (a.plays != b.plays) return a.plays > b.plays;
    if (a.ms_played != b.ms_played) return a.ms_played > b.ms_played;
    return a.name < b.name;
  });
  if (sorted.size() > kTopItems) sorted.resize(kTopItems);
  return sorted;
}

}  // namespace

void ListeningTally::Mean::add(const std::optional<double>& value) {
  if (!value) return;
  sum += *value;
  ++count;
}

std::optional<double> ListeningTally::Mean::value() const {
  if (count == 0) return std::nullopt;
  return sum / static_cast<double>(count);
}

void ListeningTally::add(const store::ListenDetail& listen) {
  ms_played_ += listen.ms_played;
  ++plays_;
  if (listen.mood) ++moods_[*listen.mood];
  if (listen.cluster_label) ++clusters_[*listen.cluster_label];
  valence_.add(listen.valence);
  energy_.add(listen.energy);
  danceability_.add(listen.danceability);
  for (auto [items, id, name] : {std::tuple{&artists_, listen.artist_id, &listen.artist},
                                 std::tuple{&tracks_, listen.track_id, &listen.track}}) {
    ItemTally& item = (*items)[id];
    item.name = *name;
    item.artist = listen.artist;
    ++item.plays;
    item.ms_played += listen.ms_played;
  }
}

ListeningStats ListeningTally::stats(std::int64_t total_ms) const {
  ListeningStats stats;
  stats.hours = static_cast<double>(ms_played_) / kMsPerHour;
  stats.share = total_ms > 0 ? static_cast<double>(ms_played_) / static_cast<double>(total_ms) : 0;
  stats.plays = plays_;
  stats.mood_mix = shares(moods_);
  stats.cluster_mix = shares(clusters_);
  stats.mean_valence = valence_.value();
  stats.mean_energy = energy_.value();
  stats.mean_danceability = danceability_.value();
  for (const ItemTally& artist : ranked(artists_)) {
    stats.top_artists.push_back({artist.name, artist.plays, static_cast<double>(artist.ms_played) / kMsPerHour});
  }
  for (const ItemTally& track : ranked(tracks_)) {
    stats.top_tracks.push_back({track.name, track.artist, track.plays});
  }
  return stats;
}

}  // namespace sonic::insight
