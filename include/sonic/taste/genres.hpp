#pragma once
// Genres from free-form tags (Last.fm's top tags, stored trimmed and lower-cased by `enrich`).
// Spelling variants fold to one key: case, spaces, hyphens and other punctuation are dropped
// ("Hip-Hop", "hip hop", "hiphop" → "hiphop"), and a few known aliases join ("r&b" / "rnb",
// "drum & bass" / "dnb"). Tags that say nothing about the music ("seen live", "favorites", a
// year) are dropped; descriptors ("female vocalists", "british", "80s") are kept apart from
// genres so a genre vector means style only.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sonic/records/taste_rows.hpp"

namespace sonic::taste {

enum class TagKind { genre, descriptor };

struct CanonicalTag {
  std::string key{};   // the folded spelling: equal keys are one genre
  std::string name{};  // how it is shown: "hip hop", "r&b", "indie rock"
  TagKind kind = TagKind::genre;
};

// nullopt for an empty or stop-listed tag.
std::optional<CanonicalTag> canonical_tag(std::string_view tag);

// The tags a catalog's genre cell names, as written (canonical_tag folds them): a Python or JSON
// list ("['indie rock', 'shoegaze']") item by item, else the text split at ';', '|' and ','.
std::vector<std::string> genre_cell_items(std::string_view cell);

// A weighted tag as the profile uses it: the canonical key and its share of the item's tags.
struct TagShare {
  std::string key{};
  double share = 0.0;
};

// An item's genre distribution from its stored tags: each canonical genre's count over the sum of
// the genre counts (descriptors and stop-listed tags take no share); variants of one genre add
// up. Empty when no tag is a genre. Sorted by key.
std::vector<TagShare> genre_shares(std::span<const records::ItemTag> tags);
// The same over descriptors only.
std::vector<TagShare> descriptor_shares(std::span<const records::ItemTag> tags);

}  // namespace sonic::taste
