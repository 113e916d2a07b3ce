#pragma once
// What the taste layer reads: music listens by start, the tracks they name, and Last.fm tags.
#include <vector>

#include "sonic/records/taste_rows.hpp"
#include "sonic/store/database.hpp"

namespace sonic::store {

// Music listens (a track, 30 s or more), by start time.
std::vector<records::TasteListen> taste_listens(Database& db);

// Every track with at least one music listen, with its primary artist and mood cluster label.
std::vector<records::TasteTrack> listened_tracks(Database& db);

// Stored Last.fm tags of tracks / artists that have a music listen.
std::vector<records::ItemTag> listened_track_tags(Database& db);
std::vector<records::ItemTag> listened_artist_tags(Database& db);

// Tracks of imported catalogs whose Spotify ID no track of the history has (once each, by ID).
std::vector<records::CatalogListing> unheard_catalog_tracks(Database& db);

// The genre cells of imported catalogs that kept a genre column (records::CatalogGenreCell names
// the columns), non-empty cells only, by catalog and row. Catalogs without such a column are not read.
std::vector<records::CatalogGenreCell> catalog_genre_cells(Database& db);

}  // namespace sonic::store
