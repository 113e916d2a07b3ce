#include "sonic/store/catalog_artist_features.hpp"

#include "sonic/sources/name_key.hpp"
#include "sonic/store/audio_feature_store.hpp"

namespace sonic::store {
using sources::AudioFeatureSpec;
using sources::kAudioFeatures;

CatalogArtistSums::CatalogArtistSums(Database& db) {
  auto query = db.prepare("SELECT DISTINCT name_key FROM artists");
  while (query.step()) history_artists_.insert(query.text(0));
  auto tracks = db.prepare("SELECT DISTINCT name_key FROM tracks");
  while (tracks.step()) history_tracks_.insert(tracks.text(0));
}

void CatalogArtistSums::add(std::string_view artists, std::string_view title, const sources::AudioFeatures& features) {
  const auto variants = sources::artist_name_variants(artists);
  for (const std::string& artist : variants)
    if (history_tracks_.contains(sources::track_name_key(artist, title))) return;
  for (const std::string& artist : variants) {
    const std::string key = sources::normalize_name(artist);
    if (!history_artists_.contains(key)) continue;
    Sum& sum = sums_[key];
    for (const AudioFeatureSpec& spec : kAudioFeatures) {
      const auto& value = features[spec.feature];
      if (spec.whole || !value) continue;  // a mean key or mode means nothing
      const auto index = static_cast<std::size_t>(spec.feature);
      sum.total[index] += *value;
      ++sum.count[index];
    }
  }
}

void CatalogArtistSums::merge(const CatalogArtistSums& other) {
  for (const auto& [artist, sum] : other.sums_) {
    Sum& into = sums_[artist];
    for (std::size_t i = 0; i < sum.total.size(); ++i) {
      into.total[i] += sum.total[i];
      into.count[i] += sum.count[i];
    }
  }
}

std::int64_t store_catalog_artist_means(Database& db, const CatalogArtistSums& sums, std::int64_t updated_ms) {
  const std::string source(kCatalogArtistSource);
  auto tracks = db.prepare(
      "SELECT t.id FROM tracks t JOIN artists a ON a.id = t.artist_id "
      "LEFT JOIN audio_features f ON f.track_id = t.id "
      "WHERE a.name_key = ?1 AND (f.track_id IS NULL OR f.source = ?2) ORDER BY t.id");
  auto upsert = db.prepare(upsert_features_sql("audio_features.source = excluded.source"));
  std::int64_t written = 0;
  for (const auto& [artist, sum] : sums.sums()) {
    sources::AudioFeatures mean;
    for (std::size_t i = 0; i < sum.total.size(); ++i)
      if (sum.count[i] > 0) mean.values[i] = sum.total[i] / static_cast<double>(sum.count[i]);
    tracks.bind(1, artist).bind(2, source);
    std::vector<std::int64_t> ids;
    while (tracks.step()) ids.push_back(tracks.integer(0));
    tracks.reset();
    for (const std::int64_t id : ids) {
      upsert.bind(1, id).bind(2, source).bind(3, updated_ms);
      bind_features(upsert, mean);
      upsert.run();
      ++written;
    }
  }
  return written;
}

}  // namespace sonic::store
