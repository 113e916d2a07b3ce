#include "listening_tally.hpp"

#include <algorithm>
#include <tuple>
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
  const store::ListenedTrack& track = (*tracks_)[listen.track];
  ms_played_ += listen.ms_played;
  ++plays_;
  valence_.add(track.valence);
  energy_.add(track.energy);
  danceability_.add(track.danceability);
  ++plays_by_track_[listen.track];
  ms_by_track_[listen.track] += listen.ms_played;
}

ListeningStats ListeningTally::stats(std::int64_t total_ms) const {
  std::map<std::string, std::int64_t> moods;
  std::map<std::string, std::int64_t> clusters;
  std::map<std::int64_t, ItemTally> artists;
  std::map<std::int64_t, ItemTally> tracks;
  for (std::size_t i = 0; i < tracks_->size(); ++i) {
    const std::int64_t plays = plays_by_track_[i];
    if (plays == 0) continue;
    const store::ListenedTrack& track = (*tracks_)[i];
    if (track.mood) moods[*track.mood] += plays;
    if (track.cluster_label) clusters[*track.cluster_label] += plays;
    for (auto [items, id, name] :
         {std::tuple{&artists, track.artist_id, &track.artist}, std::tuple{&tracks, track.track_id, &track.track}}) {
      ItemTally& item = (*items)[id];
      item.name = *name;
      item.artist = track.artist;
      item.plays += plays;
      item.ms_played += ms_by_track_[i];
    }
  }
  ListeningStats stats;
  stats.hours = static_cast<double>(ms_played_) / kMsPerHour;
  stats.share = total_ms > 0 ? static_cast<double>(ms_played_) / static_cast<double>(total_ms) : 0;
  stats.plays = plays_;
  stats.mood_mix = shares(moods);
  stats.cluster_mix = shares(clusters);
  stats.mean_valence = valence_.value();
  stats.mean_energy = energy_.value();
  stats.mean_danceability = danceability_.value();
  for (const ItemTally& artist : ranked(artists)) {
    stats.top_artists.push_back({artist.name, artist.plays, static_cast<double>(artist.ms_played) / kMsPerHour});
  }
  for (const ItemTally& track : ranked(tracks)) {
    stats.top_tracks.push_back({track.name, track.artist, track.plays});
  }
  return stats;
}

}  // namespace sonic::insight
