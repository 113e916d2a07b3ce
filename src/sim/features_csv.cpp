#include "sonic/sim/features_csv.hpp"

#include <charconv>

#include "sonic/core/atomic_file.hpp"

namespace sonic::sim {
namespace {

// std::to_chars gives the shortest text that reads back as the same double, independent of the
// locale, so the CSV is byte-for-byte the same everywhere.
template <typename Number>
void append_field(std::string& line, Number value) {
  char text[64];
  const auto result = std::to_chars(text, text + sizeof text, value);
  line += ',';
  line.append(text, result.ptr);
}

// One row per track; `with_mood` adds the planted mood as the last column.
std::string render_csv(const Catalog& catalog, bool with_mood) {
  std::string csv = kFeaturesCsvHeader;
  csv += with_mood ? ",mood\n" : "\n";
  for (const CatalogTrack& track : catalog.tracks) {
    const AudioFeatures& f = track.features;
    csv += track.id;
    append_field(csv, f.danceability);
    append_field(csv, f.energy);
    append_field(csv, f.key);
    append_field(csv, f.loudness);
    append_field(csv, f.mode);
    append_field(csv, f.speechiness);
    append_field(csv, f.acousticness);
    append_field(csv, f.instrumentalness);
    append_field(csv, f.liveness);
    append_field(csv, f.valence);
    append_field(csv, f.tempo);
    if (with_mood) {
      csv += ',';
      csv += mood_name(track.mood);
    }
    csv += '\n';
  }
  return csv;
}

void write_csv(const std::string& csv, const std::filesystem::path& csv_path) { write_file_atomically(csv_path, csv); }

}  // namespace

std::string render_features_csv(const Catalog& catalog) { return render_csv(catalog, false); }
std::string render_labelled_moods_csv(const Catalog& catalog) { return render_csv(catalog, true); }

void write_features_csv(const History& history, const std::filesystem::path& csv_path) {
  write_csv(render_features_csv(history.catalog), csv_path);
}

void write_labelled_moods_csv(const History& history, const std::filesystem::path& csv_path) {
  write_csv(render_labelled_moods_csv(history.catalog), csv_path);
}

}  // namespace sonic::sim
