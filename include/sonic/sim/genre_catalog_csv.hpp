#pragma once
// The simulated catalog as a public catalog with artist genres lists it (the shape of the
// 1.2M-track set and of Spotify's artist genres): the features CSV's columns, then
// `name,artists,artist_genres`, one row per track, the genres a Python-style list
// ("['ambient', 'folk']"). An artist's genres follow the mood most of their tracks were drawn
// from, so the demo's genres section has real structure.
#include <filesystem>
#include <string>
#include <vector>

#include "sonic/sim/catalog.hpp"
#include "sonic/sim/history.hpp"

namespace sonic::sim {

// The genres planted for an artist whose tracks lean towards `mood` (two per mood, one spelt as
// tags often are: "Hip-Hop", so the canonicaliser has work to do).
const std::vector<std::string>& planted_genres(LatentMood mood);

// Header line, then one line per catalog track in catalog order: its features as
// render_features_csv writes them, then the text fields quoted (a name may hold a comma or a
// double quote); "\n" line ends.
std::string render_genre_catalog_csv(const Catalog& catalog);

// Writes render_genre_catalog_csv(history.catalog) atomically. Throws sonic::Error on I/O failure.
void write_genre_catalog_csv(const History& history, const std::filesystem::path& csv_path);

}  // namespace sonic::sim
