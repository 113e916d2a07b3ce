#include "sonic/sim/genre_catalog_csv.hpp"

#include <algorithm>
#include <array>
#include <map>

#include "sonic/core/atomic_file.hpp"
#include "sonic/sim/features_csv.hpp"

namespace sonic::sim {
namespace {

// RFC 4180: the field in double quotes, a quote inside doubled.
std::string quoted(const std::string& text) {
  std::string field = "\"";
  for (const char c : text) {
    if (c == '"') field += '"';
    field += c;
  }
  return field + '"';
}

std::string python_list(const std::vector<std::string>& items) {
  std::string list = "[";
  for (std::size_t i = 0; i < items.size(); ++i) list += (i > 0 ? ", '" : "'") + items[i] + "'";
  return list + "]";
}

// Each artist's mood: the one most of their tracks have (ties to the earlier mood).
std::map<std::string, LatentMood> artist_moods(const Catalog& catalog) {
  std::map<std::string, std::array<int, kMoodCount>> counts;
  for (const CatalogTrack& track : catalog.tracks) counts[track.artist][mood_index(track.mood)] += 1;
  std::map<std::string, LatentMood> moods;
  for (const auto& [artist, per_mood] : counts) {
    const auto most = std::max_element(per_mood.begin(), per_mood.end()) - per_mood.begin();
    moods.emplace(artist, kAllMoods[static_cast<std::size_t>(most)]);
  }
  return moods;
}

}  // namespace

const std::vector<std::string>& planted_genres(LatentMood mood) {
  static const std::array<std::vector<std::string>, kMoodCount> kGenres = {{
      {"ambient", "folk"},             // calm
      {"pop", "Hip-Hop"},              // happy
      {"electronic", "drum & bass"},   // energetic
      {"singer-songwriter", "blues"},  // sad
      {"classical", "post-rock"},      // focus
  }};
  return kGenres[mood_index(mood)];
}

std::string render_genre_catalog_csv(const Catalog& catalog) {
  const auto moods = artist_moods(catalog);
  // The features CSV's lines (one per track, in catalog order) with the text columns after them.
  const std::string features = render_features_csv(catalog);
  std::size_t line_start = features.find('\n') + 1;
  std::string csv = std::string(kFeaturesCsvHeader) + ",name,artists,artist_genres\n";
  for (const CatalogTrack& track : catalog.tracks) {
    const std::size_t line_end = features.find('\n', line_start);
    csv.append(features, line_start, line_end - line_start);
    line_start = line_end + 1;
    csv += ',' + quoted(track.title) + ',' + quoted(track.artist) + ',' +
           quoted(python_list(planted_genres(moods.at(track.artist)))) + '\n';
  }
  return csv;
}

void write_genre_catalog_csv(const History& history, const std::filesystem::path& csv_path) {
  write_file_atomically(csv_path, render_genre_catalog_csv(history.catalog));
}

}  // namespace sonic::sim
