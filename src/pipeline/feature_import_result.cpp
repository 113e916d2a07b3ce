#include "sonic/pipeline/feature_import_result.hpp"

#include <cstdio>
#include <sstream>

namespace sonic::pipeline {

void FeatureTally::count(store::FeatureWriteOutcome outcome) {
  switch (outcome) {
    case store::FeatureWriteOutcome::stored:
      ++matched, ++stored;
      return;
    case store::FeatureWriteOutcome::duplicate:
      ++matched, ++duplicates;
      return;
    case store::FeatureWriteOutcome::kept_service_values:
      ++matched, ++kept_service_values;
      return;
    case store::FeatureWriteOutcome::not_in_history:
      ++not_in_history;
      return;
    case store::FeatureWriteOutcome::matched_by_name:
      ++matched_by_name;
      return;
  }
}

void FeatureTally::add(const FeatureTally& other) {
  files += other.files;
  rows += other.rows;
  matched += other.matched;
  stored += other.stored;
  duplicates += other.duplicates;
  kept_service_values += other.kept_service_values;
  not_in_history += other.not_in_history;
  matched_by_name += other.matched_by_name;
  for (const auto& [reason, n] : other.skipped) skipped[reason] += n;
}

std::int64_t FeatureTally::skipped_total() const {
  std::int64_t total = 0;
  for (const auto& [reason, n] : skipped) total += n;
  return total;
}

nlohmann::json FeatureImportResult::to_json() const {
  nlohmann::json failed = nlohmann::json::array();
  for (const auto& failure : failures) failed.push_back({{"file", failure.file}, {"error", failure.message}});
  return {{"files", tally.files},
          {"rows", tally.rows},
          {"matched", tally.matched},
          {"stored", tally.stored},
          {"duplicates", tally.duplicates},
          {"kept_service_values", tally.kept_service_values},
          {"not_in_history", tally.not_in_history},
          {"matched_by_name", tally.matched_by_name},
          {"tracks_from_catalog_artists", tracks_from_catalog_artists},
          {"skipped", tally.skipped},
          {"coverage",
           {{"tracks", coverage.tracks},
            {"tracks_with_features", coverage.tracks_with_features},
            {"tracks_percent", coverage.percent()}}},
          {"failed", failed}};
}

std::string FeatureImportResult::to_text() const {
  std::ostringstream text;
  text << tally.files << (tally.files == 1 ? " file, " : " files, ") << tally.rows << " rows read: " << tally.matched
       << " for tracks in your history (" << tally.stored << " stored";
  if (tally.duplicates) text << ", " << tally.duplicates << " repeating a track of the same file";
  if (tally.kept_service_values) {
    text << ", " << tally.kept_service_values << " left with the values a service measured (--overwrite replaces them)";
  }
  text << "), " << tally.not_in_history << " for tracks not in it, ";
  if (tally.matched_by_name) text << tally.matched_by_name << " matched to your tracks by artist and title, ";
  text << tally.skipped_total() << " skipped";
  if (!tally.skipped.empty()) {
    text << " (";
    const char* separator = "";
    for (const auto& [reason, n] : tally.skipped) {
      text << separator << reason << ": " << n;
      separator = ", ";
    }
    text << ")";
  }
  if (tracks_from_catalog_artists) {
    text << "  " << tracks_from_catalog_artists
         << " tracks no catalog row names got the mean features of their artist's catalog tracks "
            "(source catalog_artist)\n";
  }
  char percent[32];
  std::snprintf(percent, sizeof percent, "%.1f%%", coverage.percent());
  text << "\n  audio features now cover " << coverage.tracks_with_features << " of " << coverage.tracks
       << " tracks you have listened to (" << percent << ")\n";
  for (const auto& failure : failures) text << "  failed: " << failure.message << "\n";
  return text.str();
}

}  // namespace sonic::pipeline
