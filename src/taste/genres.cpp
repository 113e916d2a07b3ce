#include "sonic/taste/genres.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "sonic/catalog/hit_splits.hpp"

namespace sonic::taste {
namespace {

// Lower-case letters and digits only: every spelling variant of one word maps to one key.
std::string fold(std::string_view tag) {
  std::string key;
  for (const char c : tag) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte)) {
      key.push_back(static_cast<char>(std::tolower(byte)));
    } else if (byte >= 0x80) {
      key.push_back(c);  // keep non-ASCII letters as they are ("música", "k-pop" in Hangul)
    }
  }
  return key;
}

// The shown form: lower case, punctuation other than '&' and '\'' turned into single spaces.
std::string spaced(std::string_view tag) {
  std::string name;
  for (const char c : tag) {
    const auto byte = static_cast<unsigned char>(c);
    const bool keep = std::isalnum(byte) || byte >= 0x80 || c == '&' || c == '\'';
    if (keep) {
      name.push_back(static_cast<char>(std::tolower(byte)));
    } else if (!name.empty() && name.back() != ' ') {
      name.push_back(' ');
    }
  }
  while (!name.empty() && name.back() == ' ') name.pop_back();
  return name;
}

struct Alias {
  const char* key;
  const char* name;
};

// Folded spellings of one genre → its key and shown name.
const std::unordered_map<std::string, Alias>& aliases() {
  static const std::unordered_map<std::string, Alias> table = {
      {"hiphop", {"hiphop", "hip hop"}},
      {"hiphoprap", {"hiphop", "hip hop"}},
      {"rb", {"rnb", "r&b"}},
      {"rnb", {"rnb", "r&b"}},
      {"randb", {"rnb", "r&b"}},
      {"rhythmandblues", {"rnb", "r&b"}},
      {"dnb", {"drumandbass", "drum and bass"}},
      {"drumandbass", {"drumandbass", "drum and bass"}},
      {"drumnbass", {"drumandbass", "drum and bass"}},
      {"drumbass", {"drumandbass", "drum and bass"}},
      {"lofi", {"lofi", "lo-fi"}},
      {"lofihiphop", {"lofihiphop", "lo-fi hip hop"}},
      {"electronica", {"electronic", "electronic"}},
      {"electronic", {"electronic", "electronic"}},
      {"synthpop", {"synthpop", "synth pop"}},
      {"kpop", {"kpop", "k-pop"}},
      {"jpop", {"jpop", "j-pop"}},
      {"postrock", {"postrock", "post-rock"}},
      {"postpunk", {"postpunk", "post-punk"}},
      {"rocknroll", {"rockandroll", "rock and roll"}},
      {"rockandroll", {"rockandroll", "rock and roll"}},
      {"singersongwriter", {"singersongwriter", "singer-songwriter"}},
      {"edm", {"edm", "edm"}},
  };
  return table;
}

// Tags about the listener or the tagging, not the music.
const std::unordered_set<std::string>& stop_list() {
  static const std::unordered_set<std::string> keys = {
      "seenlive", "favorites",  "favourites",    "favorite",       "favourite",   "myfavorite", "myfavourite",
      "love",     "loved",      "awesome",       "beautiful",      "amazing",     "cool",       "good",
      "best",     "albumsiown", "spotify",       "checkout",       "toplisten",   "lastfm",     "sexy",
      "fun",      "mustlisten", "favoritesongs", "favouritesongs", "lovedtracks", "all"};
  return keys;
}

// Tags that describe the performers or the era, kept apart from genres.
const std::unordered_set<std::string>& descriptors() {
  static const std::unordered_set<std::string> keys = {
      "femalevocalists", "femalevocalist", "malevocalists", "malevocalist", "femalevocals",
      "malevocals",      "british",        "american",      "uk",           "usa",
      "german",          "french",         "swedish",       "canadian",     "australian",
      "irish",           "japanese",       "korean",        "spanish",      "italian",
      "brazilian",       "norwegian",      "icelandic",     "dutch",        "instrumental",
      "cover",           "covers",         "live",          "acoustic",     "english"};
  return keys;
}

bool all_digits(const std::string& key) {
  return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "80s", "1990s", "00s": an era, a descriptor.
bool decade(const std::string& key) {
  return key.size() >= 3 && key.back() == 's' && all_digits(key.substr(0, key.size() - 1)) &&
         (key.size() == 3 || key.size() == 5);
}

std::vector<TagShare> shares_of_kind(std::span<const records::ItemTag> tags, TagKind kind) {
  std::map<std::string, double> counts;
  double total = 0.0;
  for (const auto& tag : tags) {
    const auto canonical = canonical_tag(tag.tag);
    if (!canonical || canonical->kind != kind || tag.count <= 0) continue;
    counts[canonical->key] += tag.count;
    total += tag.count;
  }
  std::vector<TagShare> shares;
  for (const auto& [key, count] : counts) shares.push_back({key, count / total});
  return shares;
}

}  // namespace

std::optional<CanonicalTag> canonical_tag(std::string_view tag) {
  const std::string key = fold(tag);
  if (key.empty() || stop_list().contains(key) || all_digits(key)) return std::nullopt;
  if (const auto alias = aliases().find(key); alias != aliases().end()) {
    return CanonicalTag{alias->second.key, alias->second.name, TagKind::genre};
  }
  const bool descriptor = descriptors().contains(key) || decade(key);
  return CanonicalTag{key, spaced(tag), descriptor ? TagKind::descriptor : TagKind::genre};
}

std::vector<std::string> genre_cell_items(std::string_view cell) {
  const auto first = cell.find_first_not_of(' ');
  // A list cell is read as the catalogs' artists cells are: quoted items, quotes inside kept.
  if (first != std::string_view::npos && cell[first] == '[') return catalog::artist_names(cell);
  std::vector<std::string> items;
  std::string item;
  for (std::size_t at = 0; at <= cell.size(); ++at) {
    if (at == cell.size() || cell[at] == ';' || cell[at] == '|' || cell[at] == ',') {
      if (item.find_first_not_of(' ') != std::string::npos) items.push_back(item);
      item.clear();
    } else {
      item.push_back(cell[at]);
    }
  }
  return items;
}

std::vector<TagShare> genre_shares(std::span<const records::ItemTag> tags) {
  return shares_of_kind(tags, TagKind::genre);
}

std::vector<TagShare> descriptor_shares(std::span<const records::ItemTag> tags) {
  return shares_of_kind(tags, TagKind::descriptor);
}

}  // namespace sonic::taste
