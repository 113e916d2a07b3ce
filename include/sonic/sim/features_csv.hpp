#pragma once
// The simulated catalog's audio features as a CSV, the shape sonic's catalog importer reads:
// one row per track, keyed by Spotify track ID.
#include <filesystem>
#include <string>

#include "sonic/sim/catalog.hpp"
#include "sonic/sim/history.hpp"

namespace sonic::sim {

inline constexpr const char* kFeaturesCsvHeader =
    "id,danceability,energy,key,loudness,mode,speechiness,acousticness,instrumentalness,"
    "liveness,valence,tempo";

// Header line, then one line per catalog track in catalog order; "\n" line ends; numbers in
// their shortest exact form (0.512, -7.25, 120).
std::string render_features_csv(const Catalog& catalog);

// The same rows with a last column, `mood`, holding each track's planted mood ("calm", …): the
// demo's stand-in for a public labelled set such as data_moods.csv.
std::string render_labelled_moods_csv(const Catalog& catalog);
void write_labelled_moods_csv(const History& history, const std::filesystem::path& csv_path);

// Writes render_features_csv(history.catalog) to a temporary name and renames it into place.
// Throws sonic::Error on I/O failure.
void write_features_csv(const History& history, const std::filesystem::path& csv_path);

}  // namespace sonic::sim
