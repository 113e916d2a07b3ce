#include "sonic/taste/listening_data.hpp"

#include <algorithm>
#include <array>
#include <map>

#include "sonic/catalog/hit_splits.hpp"
#include "sonic/sources/name_key.hpp"
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

// Catalog genre cells as tags of a Spotify ID and of an artist's normalised name, each genre once
// per item with Last.fm's full weight (100): a catalog gives a list, not weights. Rows naming
// several artists give the track its genres, but no artist alone.
struct CatalogTags {
  std::unordered_map<std::string, std::vector<records::ItemTag>> by_spotify_id;
  std::unordered_map<std::string, std::vector<records::ItemTag>> by_artist;
};

CatalogTags catalog_tags(std::span<const records::CatalogGenreCell> cells) {
  std::map<std::string, std::map<std::string, int>> by_id, by_artist;
  for (const auto& cell : cells) {
    const auto items = genre_cell_items(cell.genres);
    const auto artists = catalog::artist_names(cell.artists);
    for (const auto& item : items) {
      if (!cell.spotify_id.empty()) by_id[cell.spotify_id].emplace(item, 100);
      if (artists.size() == 1) by_artist[sources::normalize_name(artists.front())].emplace(item, 100);
    }
  }
  const auto as_tags = [](const std::map<std::string, std::map<std::string, int>>& grouped) {
    std::unordered_map<std::string, std::vector<records::ItemTag>> tags;
    for (const auto& [item, counts] : grouped) {
      auto& list = tags[item];
      for (const auto& [tag, count] : counts) list.push_back({0, tag, count});
    }
    return tags;
  };
  return {as_tags(by_id), as_tags(by_artist)};
}

const std::vector<records::ItemTag>* find_tags(
    const std::unordered_map<std::string, std::vector<records::ItemTag>>& tags, const std::string& key) {
  const auto found = tags.find(key);
  return found == tags.end() ? nullptr : &found->second;
}

}  // namespace

const char* to_string(GenreSource source) {
  switch (source) {
    case GenreSource::lastfm_track:
      return "lastfm_track";
    case GenreSource::lastfm_artist:
      return "lastfm_artist";
    case GenreSource::catalog_track:
      return "catalog_track";
    case GenreSource::catalog_artist:
      return "catalog_artist";
  }
  return "?";
}

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
                                  std::span<const records::ItemTag> artist_tags,
                                  std::span<const records::CatalogGenreCell> catalog_genres) {
  ListeningData data;
  data.listens = std::move(listens);
  std::stable_sort(data.listens.begin(), data.listens.end(),
                   [](const auto& a, const auto& b) { return a.start_ms < b.start_ms; });
  const auto tags_of_track = by_item(track_tags);
  const auto tags_of_artist = by_item(artist_tags);
  const CatalogTags from_catalogs = catalog_tags(catalog_genres);
  remember_names(track_tags, data.genre_names);
  remember_names(artist_tags, data.genre_names);
  for (auto& track : tracks) {
    // The sources in GenreSource's order, tried until one gives genres; descriptors from the first
    // that gives any.
    std::array<const std::vector<records::ItemTag>*, 4> tags{};
    const auto of = [&tags](GenreSource source) -> auto& { return tags[static_cast<std::size_t>(source)]; };
    if (const auto own = tags_of_track.find(track.id); own != tags_of_track.end())
      of(GenreSource::lastfm_track) = &own->second;
    if (const auto artist = tags_of_artist.find(track.artist_id); artist != tags_of_artist.end())
      of(GenreSource::lastfm_artist) = &artist->second;
    if (track.spotify_id) of(GenreSource::catalog_track) = find_tags(from_catalogs.by_spotify_id, *track.spotify_id);
    of(GenreSource::catalog_artist) = find_tags(from_catalogs.by_artist, sources::normalize_name(track.artist));
    std::vector<TagShare> genres, descriptors;
    for (std::size_t i = 0; i < tags.size(); ++i) {
      if (tags[i] == nullptr) continue;
      if (genres.empty()) {
        genres = genre_shares(*tags[i]);
        if (!genres.empty()) data.genre_sources.emplace(track.id, static_cast<GenreSource>(i));
        // Last.fm's names were all remembered above; a catalog's only when its genres are used.
        if (i >= static_cast<std::size_t>(GenreSource::catalog_track)) remember_names(*tags[i], data.genre_names);
      }
      if (descriptors.empty()) descriptors = descriptor_shares(*tags[i]);
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
  const auto catalog_genres = store::catalog_genre_cells(db);
  return make_listening_data(store::taste_listens(db), store::listened_tracks(db), track_tags, artist_tags,
                             catalog_genres);
}

}  // namespace sonic::taste
