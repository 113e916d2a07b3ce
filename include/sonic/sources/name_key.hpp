#pragma once
// Matching tracks by name, for exports that carry no Spotify IDs: "Beyoncé – Halo" in one file
// and "beyonce - HALO " in another are the same track.
#include <string>
#include <string_view>
#include <vector>

namespace sonic::sources {

// Lower-cases ASCII, folds common Latin accents to their base letter, turns punctuation and
// runs of white space into one space, and trims. Other characters (CJK, Cyrillic…) stay as
// they are, so titles in those scripts still match themselves.
std::string normalize_name(std::string_view text);

// The key that identifies a track by name: normalised artist and title, joined by a separator
// that normalize_name never produces.
std::string track_name_key(std::string_view artist, std::string_view title);

// The artist names a catalog cell may stand for, to match a history that names one artist: the
// whole cell, then its first artist when it lists several ("A, B", "A Featuring B", "A feat. B",
// "['A', 'B']"). Raw text, for track_name_key; no duplicates, empty when the cell is.
std::vector<std::string> artist_name_variants(std::string_view artists);

}  // namespace sonic::sources
