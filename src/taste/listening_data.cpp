#include "sonic/taste/listening_data.hpp"

#include <algorithm>
#include <map>

#include "sonic/store/taste_queries.hpp"

namespace sonic::taste {
namespace {

// Tags grouped by item, in the order given (the store sorts by item).
std::map<std::int64_t, std::vector<records::ItemTag>> by_item(std::span<const records::ItemTag> tags) {
  std::map<std::int64_t, std::vector<records::ItemTag>> grouped;
  for (const auto& tag : tags) grouped[tag.item_id].push_back(tag);
  return grouped;
}

void remember_names(std::span<const records::ItemTag> tags, std::unordered_map<std::string, std::string>& names) {
  for (const auto& tag : tags) {
    if (const auto canonical = canonical_tag(tag.tag)) names.try_emplace(canonical->key, canonical->name);
  }
}

}  // namespace

const std::vector<TagShare>& ListeningData::genres_of(std::int64_t track_id) const {
  static const std::vector<TagShare> kNone;
  const auto found = track_genres.find(track_id);
  return found == track_genres.end() ? kNone : found->second;
}

std::span<const records::TasteListen> ListeningData::listens_before(std::int64_t time_ms) const {
  const auto end =
      std::lower_bound(listens.begin(), listens.end(), time_ms,
                       [](const records::TasteListen& listen, std::int64_t t) { return listen.start_ms < t; });
  return {listens.data(), static_cast<std::size_t>(end - listens.begin())};
}

const std::string& ListeningData::genre_name(const std::string& key) const {
  const auto found = genre_names.find(key);
  return found == genre_names.end() ? key : found->second;
}

ListeningData make_listening_data(std::vector<records::TasteListen> listens, std::vector<records::TasteTrack> tracks,
                                  std::span<const records::ItemTag> track_tags,
                                  std::span<const records::ItemTag> artist_tags) {
  ListeningData data;
  data.listens = std::move(listens);
  std::stable_sort(data.listens.begin(), data.listens.end(),
                   [](const auto& a, const auto& b) { return a.start_ms < b.start_ms; });
  const auto tags_of_track = by_item(track_tags);
  const auto tags_of_artist = by_item(artist_tags);
  remember_names(track_tags, data.genre_names);
  remember_names(artist_tags, data.genre_names);
  for (auto& track : tracks) {
    const auto own = tags_of_track.find(track.id);
    auto genres = own == tags_of_track.end() ? std::vector<TagShare>{} : genre_shares(own->second);
    auto descriptors = own == tags_of_track.end() ? std::vector<TagShare>{} : descriptor_shares(own->second);
    const auto artist = tags_of_artist.find(track.artist_id);
    if (artist != tags_of_artist.end()) {
      if (genres.empty()) genres = genre_shares(artist->second);
      if (descriptors.empty()) descriptors = descriptor_shares(artist->second);
    }
    if (!genres.empty()) data.track_genres.emplace(track.id, std::move(genres));
    if (!descriptors.empty()) data.track_descriptors.emplace(track.id, std::move(descriptors));
    const auto id = track.id;
    data.tracks.emplace(id, std::move(track));
  }
  return data;
}

ListeningData load_listening_data(store::Database& db) {
  const auto track_tags = store::listened_track_tags(db);
  const auto artist_tags = store::listened_artist_tags(db);
  return make_listening_data(store::taste_listens(db), store::listened_tracks(db), track_tags, artist_tags);
}

}  // namespace sonic::taste
