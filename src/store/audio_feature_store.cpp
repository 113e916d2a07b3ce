#include "sonic/store/audio_feature_store.hpp"

#include <cstddef>
#include <vector>

#include "sonic/sources/name_key.hpp"

namespace sonic::store {
using sources::AudioFeatureSpec;
using sources::kAudioFeatures;

// INSERT ... ON CONFLICT DO UPDATE over every feature column, named from kAudioFeatures so the
// statement and the binding order cannot drift apart.
std::string upsert_features_sql(std::string_view only_replacing) {
  std::string columns = "track_id, source, updated_ms";
  std::string values = "?1, ?2, ?3";
  std::string updates = "source = excluded.source, updated_ms = excluded.updated_ms";
  int parameter = 4;
  for (const AudioFeatureSpec& spec : kAudioFeatures) {
    const std::string name(spec.name);
    columns += ", " + name;
    values += ", ?" + std::to_string(parameter++);
    updates += ", " + name + " = excluded." + name;
  }
  std::string sql = "INSERT INTO audio_features (" + columns + ") VALUES (" + values +
                    ") ON CONFLICT(track_id) DO UPDATE SET " + updates;
  if (!only_replacing.empty()) sql += " WHERE " + std::string(only_replacing);
  return sql;
}

void bind_features(Statement& upsert, const sources::AudioFeatures& features) {
  int parameter = 4;
  for (const AudioFeatureSpec& spec : kAudioFeatures) {
    const auto& value = features[spec.feature];
    if (!value) {
      upsert.bind_null(parameter++);
    } else if (spec.whole) {
      upsert.bind(parameter++, static_cast<std::int64_t>(*value));
    } else {
      upsert.bind(parameter++, *value);
    }
  }
}

bool is_service_source(std::string_view source) { return source == kReccobeatsSource; }

AudioFeatureWriter::AudioFeatureWriter(Database& db, std::string source, std::int64_t updated_ms,
                                       bool replace_service_values)
    : find_track_(db.prepare("SELECT t.id, f.source FROM tracks t LEFT JOIN audio_features f ON f.track_id = t.id "
                             "WHERE t.spotify_id = ?1")),
      upsert_(db.prepare(upsert_features_sql())),
      find_by_name_(db.prepare("SELECT t.id FROM tracks t LEFT JOIN audio_features f ON f.track_id = t.id "
                               "WHERE t.name_key = ?1 AND (f.track_id IS NULL OR f.source IN (?2, 'catalog_artist')) "
                               "ORDER BY t.id")),
      // A name match replaces only its own file's earlier row or an artist mean (catalog_artist_features.hpp).
      insert_by_name_(db.prepare(upsert_features_sql("audio_features.source IN (excluded.source, 'catalog_artist')"))),
      source_(std::move(source)),
      updated_ms_(updated_ms),
      replace_service_values_(replace_service_values) {}

FeatureWriteOutcome AudioFeatureWriter::write(std::string_view spotify_id, const sources::AudioFeatures& features) {
  find_track_.bind_view(1, spotify_id);
  if (!find_track_.step()) {
    find_track_.reset();
    return FeatureWriteOutcome::not_in_history;
  }
  const std::int64_t track_id = find_track_.integer(0);
  const bool service_row = !find_track_.is_null(1) && is_service_source(find_track_.text(1));
  find_track_.reset();

  const bool first_time = written_.insert(track_id).second;
  if (service_row && !replace_service_values_) {
    return first_time ? FeatureWriteOutcome::kept_service_values : FeatureWriteOutcome::duplicate;
  }
  upsert_.bind(1, track_id).bind(2, source_).bind(3, updated_ms_);
  bind_features(upsert_, features);
  upsert_.run();
  return first_time ? FeatureWriteOutcome::stored : FeatureWriteOutcome::duplicate;
}

FeatureWriteOutcome AudioFeatureWriter::write_by_name(std::string_view artists, std::string_view title,
                                                      const sources::AudioFeatures& features,
                                                      const std::string& name_source) {
  if (sources::normalize_name(title).empty()) return FeatureWriteOutcome::not_in_history;
  std::vector<std::int64_t> tracks;
  for (const std::string& artist : sources::artist_name_variants(artists)) {
    find_by_name_.bind(1, sources::track_name_key(artist, title)).bind(2, name_source);
    while (find_by_name_.step()) {
      const std::int64_t track_id = find_by_name_.integer(0);
      // The first row of a name wins; a track matched by ID in this file keeps those values.
      if (!written_.contains(track_id) && written_by_name_.insert(track_id).second) tracks.push_back(track_id);
    }
    find_by_name_.reset();
  }
  for (const std::int64_t track_id : tracks) {
    insert_by_name_.bind(1, track_id).bind(2, name_source).bind(3, updated_ms_);
    bind_features(insert_by_name_, features);
    insert_by_name_.run();
  }
  return tracks.empty() ? FeatureWriteOutcome::not_in_history : FeatureWriteOutcome::matched_by_name;
}

FeatureCoverage feature_coverage(Database& db) {
  // From the listened tracks to their features, one scan of plays: the other way round (an
  // EXISTS over plays per feature row) has no plays(track_id) index to use and costs
  // features x plays, seconds on a real history.
  auto query = db.prepare(
      "SELECT count(*), count(f.track_id) FROM "
      "(SELECT DISTINCT track_id FROM plays WHERE track_id IS NOT NULL AND is_short = 0) listened "
      "LEFT JOIN audio_features f ON f.track_id = listened.track_id");
  query.step();
  return {query.integer(0), query.integer(1)};
}

}  // namespace sonic::store
