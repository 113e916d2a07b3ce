#pragma once
// The audio_features table: one row per track, every value in it from the one source the row
// names. Which source may replace which:
//  - a service measured the track itself (ReccoBeats): a catalog does not replace its values
//    unless asked to;
//  - a catalog replaces an older catalog's values, imputed values and the demo's;
//  - a row is replaced whole, never merged, so `source` is true of every value in it.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>

#include "sonic/sources/audio_features.hpp"
#include "sonic/store/database.hpp"

namespace sonic::store {

inline constexpr const char* kReccobeatsSource = "reccobeats";

// Sources that measured the track itself, as opposed to a catalog's copy or an estimate.
bool is_service_source(std::string_view source);

enum class FeatureWriteOutcome {
  stored,               // written (new, or replacing another source's row)
  duplicate,            // the track came earlier from this writer: the later row replaced it
  not_in_history,       // no track in the store has this Spotify ID
  kept_service_values,  // a service's values are there and replacing them was not asked for
  matched_by_name,      // not in the history by ID, but by artist + title: stored for the tracks
                        // of that name that had no features (source kCatalogNamePrefix + file)
};

// Features copied from a catalog row matched by artist and title, not by Spotify ID: the same
// name may be another recording (live, remaster), so the clusters of these tracks carry the
// source "catalog_name_match" and a confidence below an ID match's.
inline constexpr std::string_view kCatalogNamePrefix = "catalog_name:";

// The one statement that writes a row of audio_features: ?1 track id, ?2 source, ?3 updated_ms,
// then the features in kAudioFeatures order (bind them with bind_features). `only_replacing`
// is an SQL condition on the existing row (e.g. "audio_features.source = 'reccobeats'"); empty
// means a row is always replaced.
std::string upsert_features_sql(std::string_view only_replacing = {});
void bind_features(Statement& upsert, const sources::AudioFeatures& features);

// Writes the rows of one source (one catalog file), for tracks the store already knows.
class AudioFeatureWriter {
 public:
  // `source` labels every row written, e.g. "catalog:dataset-of-10s.csv"; `updated_ms` dates
  // them. With `replace_service_values`, a service's values are replaced too.
  AudioFeatureWriter(Database& db, std::string source, std::int64_t updated_ms, bool replace_service_values);

  // Call inside a transaction. `spotify_id` is the bare 22-character ID.
  FeatureWriteOutcome write(std::string_view spotify_id, const sources::AudioFeatures& features);

  // For a row whose ID is not in the history: stores its features, under `name_source`, for every
  // history track named `title` by (one of) `artists` that has no features yet (or only this
  // source's, or a catalog artist mean). Never replaces an ID match; the first row of a name wins. not_in_history when
  // none.
  FeatureWriteOutcome write_by_name(std::string_view artists, std::string_view title,
                                    const sources::AudioFeatures& features, const std::string& name_source);

 private:
  Statement find_track_;
  Statement upsert_;
  Statement find_by_name_;
  Statement insert_by_name_;
  std::string source_;
  std::int64_t updated_ms_;
  bool replace_service_values_;
  std::unordered_set<std::int64_t> written_;  // tracks seen by this writer: at most the store's
  std::unordered_set<std::int64_t> written_by_name_;
};

struct FeatureCoverage {
  std::int64_t tracks = 0;                // distinct tracks with a listen (music, 30 s or more)
  std::int64_t tracks_with_features = 0;  // of those, the ones with audio features
  double percent() const {
    return tracks ? 100.0 * static_cast<double>(tracks_with_features) / static_cast<double>(tracks) : 0.0;
  }
};

FeatureCoverage feature_coverage(Database& db);

}  // namespace sonic::store
